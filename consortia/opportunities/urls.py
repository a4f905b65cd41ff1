"""The opportunities app's routes, collected from its areas."""

from consortia.opportunities.views import AREAS

app_name = "opportunities"
urlpatterns = [pattern for area in AREAS for pattern in area.urlpatterns]
