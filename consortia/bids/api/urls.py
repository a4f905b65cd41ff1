"""The bids app's API routes; `consortia.api` gathers every app's `routes`."""

from consortia.bids.api.views import workspace

routes = [*workspace.routes]
