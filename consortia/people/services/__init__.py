"""The people app's services modules, one per area."""
