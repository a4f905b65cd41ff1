from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "consortia.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from consortia.core import checks  # noqa: F401  (registers the system checks)
        from consortia.core.uploads import delete_files_with_records

        delete_files_with_records()
