"""The bids app's forms."""
