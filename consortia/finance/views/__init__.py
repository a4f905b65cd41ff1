"""The finance app's pages, one module per area; importing them registers their record types."""

from consortia.finance.views import budgets, invoicing, payments, reports

AREAS = (payments, invoicing, budgets, reports)
