"""The bids app: the bid workspace and the answer library."""

from django.apps import AppConfig


class BidsConfig(AppConfig):
    name = "consortia.bids"
    label = "bids"
    verbose_name = "Bids"

    def ready(self) -> None:
        from consortia.bids import views  # noqa: F401  (registers record types)
