"""The finance app."""

from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "consortia.finance"
    label = "finance"
    verbose_name = "Finance"

    def ready(self) -> None:
        from consortia.finance import measures, views  # noqa: F401  (registers record types, measures)
