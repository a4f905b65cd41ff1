"""The hub's API viewsets, one module per area."""
