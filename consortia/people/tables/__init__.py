"""The people app's tables modules, one per area."""
