"""`make bench`: times the list pages and the search box on a large scratch dataset (see README.md)."""
