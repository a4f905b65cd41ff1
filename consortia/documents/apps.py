from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "consortia.documents"
    label = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from consortia.documents import views  # noqa: F401  (registers the record types)
