from consortia.members.views import AREAS

app_name = "members"

urlpatterns = [pattern for area in AREAS for pattern in area.urlpatterns]
