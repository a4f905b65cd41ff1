"""Filters of the finance app's lists (and its API), one module per area."""
