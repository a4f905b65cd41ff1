"""The funding app: funders, funding prospects (with 360Giving research), applications, awards, payments and reports due."""

from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "consortia.funding"
    label = "funding"
    verbose_name = "Funding"

    def ready(self) -> None:
        from consortia.funding import views  # noqa: F401  (registers record types)
