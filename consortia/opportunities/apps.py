from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "consortia.opportunities"
    label = "opportunities"
    verbose_name = "Opportunities"

    def ready(self) -> None:
        from consortia.opportunities import measures, views  # noqa: F401  (registers record types, measures)
