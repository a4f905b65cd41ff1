"""The members app's services, one module per area."""
