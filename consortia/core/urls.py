from django.urls import path

from consortia.core.views import home

app_name = "core"
urlpatterns = [
    path("", home.home, name="home"),
    path("search/", home.search, name="search"),
]
