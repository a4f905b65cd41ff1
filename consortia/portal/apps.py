from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "consortia.portal"
    label = "portal"
    verbose_name = "Member portal"
