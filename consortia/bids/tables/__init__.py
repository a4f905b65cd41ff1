"""The bids app's tables."""
