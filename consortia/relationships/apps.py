"""The relationships app: commissioner relationships: engagement plans, interactions, the stakeholder map and the contract-expiry radar."""

from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "consortia.relationships"
    label = "relationships"
    verbose_name = "Relationships"

    def ready(self) -> None:
        from consortia.relationships import views  # noqa: F401  (registers record types)
