"""The performance app's pages, one module per area; importing them registers their record types."""

from consortia.performance.views import kpis, plans, returns

AREAS: tuple = (kpis, returns, plans)
