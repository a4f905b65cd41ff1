"""The funding app's routes, collected from its areas."""

from consortia.funding.views import urlpatterns

app_name = "funding"
__all__ = ["urlpatterns"]
