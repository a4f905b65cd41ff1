from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "consortia.demo"
    label = "demo"
    verbose_name = "Demo data"
