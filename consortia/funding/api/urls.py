"""The funding app's API routes."""

from consortia.funding.api.views import routes

__all__ = ["routes"]
