"""The contracts app's pages, one module per area; importing them registers their record types."""

from consortia.contracts.views import contracts, dashboard

AREAS = (contracts, dashboard)
