from django.apps import AppConfig
from django.db.models.signals import post_migrate


class UsersConfig(AppConfig):
    name = "consortia.users"
    label = "users"
    verbose_name = "Users"

    def ready(self) -> None:
        from consortia.users import roles, signals  # noqa: F401

        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="consortia.users.sync_roles")
