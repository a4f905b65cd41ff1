from consortia.hub.views import AREAS

app_name = "hub"

urlpatterns = [pattern for area in AREAS for pattern in area.urlpatterns]
