"""The members app's filtersets, one module per area."""
