from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "consortia.members"
    label = "members"
    verbose_name = "Members"

    def ready(self) -> None:
        from consortia.members import views  # noqa: F401  (registers the record types)
