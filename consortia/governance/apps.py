"""The governance app: the board and its committees, appointments, meetings, decisions and actions."""

from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "consortia.governance"
    label = "governance"
    verbose_name = "Governance"

    def ready(self) -> None:
        from consortia.governance import views  # noqa: F401  (registers record types)
