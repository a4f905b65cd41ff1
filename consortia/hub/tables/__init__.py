"""The hub's tables modules, one per area."""
