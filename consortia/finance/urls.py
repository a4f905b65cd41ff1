"""The finance app's routes, collected from its areas."""

from consortia.finance.views import AREAS

app_name = "finance"
urlpatterns = [pattern for area in AREAS for pattern in area.urlpatterns]
