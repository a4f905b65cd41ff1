"""The policies app's pages, one module per area; importing them registers their record types."""

from django.urls import URLPattern

from consortia.policies.views import policies, risks

AREAS = (policies, risks)
urlpatterns: list[URLPattern] = [pattern for area in AREAS for pattern in area.urlpatterns]
