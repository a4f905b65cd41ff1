"""The hub's forms modules, one per area."""
