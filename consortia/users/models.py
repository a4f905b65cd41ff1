"""People who sign in: hub staff, board members, and member organisations' users."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django_otp import user_has_device
from simple_history.models import HistoricalRecords

from consortia.core.models import RestrictedQuerySet, record_url


class UserQuerySet(RestrictedQuerySet):
    def choices_for(self, user: Any) -> UserQuerySet:
        """People to pick (an owner, an attendee, a scorer): hub staff choose among the hub's own
        active people (no member organisation's users, nobody who has left) whether or not they
        may manage user accounts; a member organisation's user may name only themselves. A form
        or serializer editing a record keeps the people it already names (`keep_current`)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.organisation_id is not None:
            return self.filter(pk=user.pk)
        if not user.get_all_permissions():  # cached on the user: no query per drop-down
            return self.none()
        return self.filter(organisation__isnull=True, is_active=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their e-mail address.

    A user with an `organisation` is that member organisation's user: every list, page, search,
    export and API response shows them only their own organisation's rows. A user without one
    is hub staff or a board member, whose reach is set by their roles (groups).
    """

    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField("full name", max_length=200)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name="member organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text="Only for a member organisation's user: they will see that organisation's records and nothing else.",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Untick instead of deleting someone who should no longer sign in."
    )
    date_joined = models.DateTimeField("joined", default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    organisation_field: ClassVar[str | None] = "organisation"
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [models.UniqueConstraint(Lower("email"), name="users_user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.strip().lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def get_absolute_url(self) -> str:
        return record_url("users:user_detail", self.pk)

    @property
    def is_staff_member(self) -> bool:
        """Hub staff or board: anyone who is not a member organisation's user."""
        return self.organisation_id is None

    @property
    def has_two_factor(self) -> bool:
        """Whether they have set up an authenticator app (one query)."""
        return user_has_device(self)

    @property
    def is_staff(self) -> bool:
        # Django's admin is not part of the product; nobody is admin "staff".
        return False


def is_last_active_manager(user: User) -> bool:
    """Whether `user` is the only active hub manager (without whom nobody could manage users)."""
    from consortia.users.roles import HUB_MANAGER

    managers = User.objects.filter(is_active=True, groups__name=HUB_MANAGER)
    return managers.filter(pk=user.pk).exists() and not managers.exclude(pk=user.pk).exists()


class TokenAccess(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"


class ApiTokenScope(models.Model):
    """What an API token may do, chosen when it is created: read only (GET, HEAD, OPTIONS) or
    read and write. One row per DRF token, deleted with it; a token without one was made before
    scopes existed and keeps the read-and-write access it was given
    (see consortia.users.authentication.ScopedTokenAuthentication)."""

    token = models.OneToOneField("authtoken.Token", on_delete=models.CASCADE, primary_key=True, related_name="scope")
    access = models.CharField(max_length=5, choices=TokenAccess.choices, default=TokenAccess.READ)

    class Meta:
        verbose_name = "API token scope"

    def __str__(self) -> str:
        return self.get_access_display()
