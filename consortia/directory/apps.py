from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "consortia.directory"
    label = "directory"
    verbose_name = "Directory"

    def ready(self) -> None:
        from consortia.directory import views  # noqa: F401  (registers the record types)
