"""The REST API: one router assembled from every app's `api/urls.py` `routes` list."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import routers


def build_router() -> routers.DefaultRouter:
    router = routers.DefaultRouter()
    for config in apps.get_app_configs():
        if not config.name.startswith("consortia."):
            continue
        try:
            module = import_module(f"{config.name}.api.urls")
        except ModuleNotFoundError as error:
            if error.name not in (f"{config.name}.api", f"{config.name}.api.urls"):
                raise
            continue
        for prefix, viewset, basename in module.routes:
            router.register(prefix, viewset, basename=basename)
    return router


app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include(build_router().urls)),
]

docs_urlpatterns = [
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="api-docs"),
]
