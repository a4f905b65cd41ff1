from consortia.people.views import AREAS

app_name = "people"

urlpatterns = [pattern for area in AREAS for pattern in area.urlpatterns]
