"""The members app's API viewsets, one module per area."""
