"""The policies app: the hub's policy library (versions, approval, review, members' acknowledgements) and its risk register."""

from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "consortia.policies"
    label = "policies"
    verbose_name = "Policies and risks"

    def ready(self) -> None:
        from consortia.policies import views  # noqa: F401  (registers record types)
