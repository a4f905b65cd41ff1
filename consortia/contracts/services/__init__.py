"""The contracts app's business operations, one module per area."""
