"""The policies app's API routes."""

from consortia.policies.api.views import routes

__all__ = ["routes"]
