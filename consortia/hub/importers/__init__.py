"""The hub's importers modules, one per area."""
