"""The people app's forms modules, one per area."""
