"""The opportunities app's API routes; `consortia.api` gathers every app's `routes`."""

from consortia.opportunities.api.views import decisions, imports, interests, matching, notices, pipeline

routes = [
    *notices.routes,
    *imports.routes,
    *pipeline.routes,
    *decisions.routes,
    *interests.routes,
    *matching.routes,
]
