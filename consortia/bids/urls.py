"""The bids app's routes, collected from its areas."""

from consortia.bids.views import AREAS

app_name = "bids"
urlpatterns = [pattern for area in AREAS for pattern in area.urlpatterns]
