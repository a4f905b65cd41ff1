"""One module per area of the contracts app."""
