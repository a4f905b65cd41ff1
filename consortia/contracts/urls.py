"""The contracts app's routes, collected from its areas."""

from consortia.contracts.views import AREAS

app_name = "contracts"
urlpatterns = [pattern for area in AREAS for pattern in area.urlpatterns]
