"""API serializers of the bids app."""
