"""API views of the bids app."""
