"""The people app's builders, one module per area."""
