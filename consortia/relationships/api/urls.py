"""The relationships app's API routes."""

from consortia.relationships.api.views import routes

__all__ = ["routes"]
