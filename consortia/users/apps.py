from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate


class UsersConfig(AppConfig):
    name = "consortia.users"
    label = "users"
    verbose_name = "Users"

    def ready(self) -> None:
        from consortia.users import roles, signals  # noqa: F401

        # Replaced by signals.record_last_login, which leaves the user's history alone.
        user_logged_in.disconnect(dispatch_uid="update_last_login")

        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="consortia.users.sync_roles")
