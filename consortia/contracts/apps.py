"""The contracts app: contracts won, subcontracts to members, variations and milestones."""

from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "consortia.contracts"
    label = "contracts"
    verbose_name = "Contracts"

    def ready(self) -> None:
        from consortia.contracts import views  # noqa: F401  (registers record types)
