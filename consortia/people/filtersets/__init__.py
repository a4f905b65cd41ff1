"""The people app's filtersets modules, one per area."""
