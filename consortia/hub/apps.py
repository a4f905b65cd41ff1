from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "consortia.hub"
    label = "hub"
    verbose_name = "Hub"

    def ready(self) -> None:
        from consortia.hub import views  # noqa: F401  (registers the record types)
