"""The members app's API routes; `consortia.api` gathers every app's `routes`."""

from consortia.members.api.views import applications, capabilities, diligence, membership

routes = [*applications.routes, *membership.routes, *capabilities.routes, *diligence.routes]
