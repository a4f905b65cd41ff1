"""The contracts app's API routes, collected from its areas."""

from consortia.contracts.api.views import contracts

routes = [*contracts.routes]
