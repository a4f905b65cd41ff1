"""The performance app's routes, collected from its areas."""

from consortia.performance.views import AREAS

app_name = "performance"
urlpatterns = [pattern for area in AREAS for pattern in area.urlpatterns]
