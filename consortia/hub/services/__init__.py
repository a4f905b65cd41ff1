"""The hub's services modules, one per area."""
