from django.urls import path

from consortia.core.views import home, imports

app_name = "core"
urlpatterns = [
    path("", home.home, name="home"),
    path("search/", home.search, name="search"),
    path("imports/<int:pk>/", imports.import_job, name="import_job"),
]
