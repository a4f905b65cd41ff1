"""The privacy app: data protection under UK GDPR (subject access, erasure, retention, and the
log of who opened sensitive records)."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "consortia.privacy"
    label = "privacy"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from consortia.core.sensitive import record_opened
        from consortia.privacy import views  # noqa: F401  (registers record types)
        from consortia.privacy.services import note_opened

        record_opened.connect(note_opened, dispatch_uid="privacy.note_opened")
