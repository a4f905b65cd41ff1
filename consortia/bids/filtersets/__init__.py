"""The bids app's filters (list pages and API)."""
