"""The testing kit: personas, generic view/API tests fed with data, query-count pinning."""
