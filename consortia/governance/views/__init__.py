"""The governance app's pages, one module per area; importing them registers their record types."""

from consortia.governance.views import meetings, records

AREAS = (records, meetings)
urlpatterns = [pattern for area in AREAS for pattern in area.urlpatterns]
