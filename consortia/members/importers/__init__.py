"""The members app's importers, one module per area."""
