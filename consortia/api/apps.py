from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "consortia.api"
    label = "api"
    verbose_name = "API"
