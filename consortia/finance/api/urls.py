"""The finance app's API routes; `consortia.api` gathers every app's `routes`."""

from consortia.finance.api.views import routes as finance_routes

routes = [*finance_routes]
