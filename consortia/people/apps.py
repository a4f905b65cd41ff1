from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "consortia.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from consortia.people import views  # noqa: F401  (registers the record types)
