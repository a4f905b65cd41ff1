"""The privacy app's routes."""

from consortia.privacy.views import urlpatterns

app_name = "privacy"
__all__ = ["urlpatterns"]
