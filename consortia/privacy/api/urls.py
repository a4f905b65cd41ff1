"""The privacy app's API routes."""

from consortia.privacy.api.views import routes

__all__ = ["routes"]
