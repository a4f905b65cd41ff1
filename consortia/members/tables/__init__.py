"""The members app's tables, one module per area."""
