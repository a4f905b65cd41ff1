"""The members app's forms, one module per area."""
