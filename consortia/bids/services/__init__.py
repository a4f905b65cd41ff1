"""The bids app's business operations, one module per area."""
