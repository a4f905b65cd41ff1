from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "consortia.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from consortia.core import checks  # noqa: F401  (registers the system checks)
