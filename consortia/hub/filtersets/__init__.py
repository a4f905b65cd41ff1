"""The hub's filtersets modules, one per area."""
