"""The people app's API viewsets, one module per area."""
