"""The policies app's routes, collected from its areas."""

from consortia.policies.views import urlpatterns

app_name = "policies"
__all__ = ["urlpatterns"]
