"""The performance app's API routes; `consortia.api` gathers every app's `routes`."""

from consortia.performance.api.views import routes as performance_routes

routes = [*performance_routes]
