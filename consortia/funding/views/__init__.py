"""The funding app's pages, one module per area; importing them registers their record types."""

from consortia.funding.views import records, research

AREAS = (records, research)
urlpatterns = [pattern for area in AREAS for pattern in area.urlpatterns]
