"""The performance app."""

from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "consortia.performance"
    label = "performance"
    verbose_name = "Performance"

    def ready(self) -> None:
        from consortia.performance import measures, views  # noqa: F401  (registers record types, measures)
