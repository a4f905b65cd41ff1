"""The people app's API routes; `consortia.api` gathers every app's `routes`."""

from consortia.people.api.views import interests, recruitment, roles, staff, time

routes = [*roles.routes, *recruitment.routes, *staff.routes, *time.routes, *interests.routes]
