"""One module per area of the opportunities app."""
