from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site: `manage.py backup` and `manage.py restore` (no models)."""

    name = "consortia.ops"
    label = "ops"
    verbose_name = "Operations"
