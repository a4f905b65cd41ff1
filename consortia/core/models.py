"""The base every record type stands on: timestamps, who changed it, history, scoping."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from consortia.users.models import User


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows who is asking.

    `restrict(user, action)` is the one door to the data: every list, detail, export, search
    result and API response goes through it, so a page cannot show a row the user may not see.
    """

    def restrict(self, user: User | Any, action: str = "view") -> Self:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        meta = self.model._meta
        if not user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}"):
            return self.none()
        return self.scoped_to(user)

    def choices_for(self, user: User | Any) -> Self:
        """The rows a form's drop-down or an API relation may offer the user: those they may see.
        A record type whose rows are named more widely than they are read overrides it (people:
        see `users.models.UserQuerySet`)."""
        return self.restrict(user, "view")

    def scoped_to(self, user: User | Any) -> Self:
        """Rows of the user's own organisation when the user belongs to a member organisation."""
        organisation_id = getattr(user, "organisation_id", None)
        if organisation_id is None or getattr(self.model, "shared_reference", False):
            return self
        condition = organisation_condition(self.model, organisation_id)
        if condition is None:
            return self.none()
        if isinstance(self.model.organisation_field, str):
            return self.filter(condition)
        # Several paths (a contract: its members' and its commissioner's): a subquery, so that
        # rows joined through a to-many path are not repeated.
        return self.filter(pk__in=self.model._base_manager.filter(condition).values("pk"))


def organisation_condition(model: type[models.Model], organisation_id: int) -> models.Q | None:
    """The rows of `model` that belong to the organisation, by its `organisation_field` path(s).

    A tuple of paths means any of them (a contract belongs to the members delivering it and to
    its commissioner); `None` means the hub's own record, which belongs to no organisation.
    """
    paths = getattr(model, "organisation_field", None)
    if paths is None:
        return None
    condition = models.Q()
    for path in (paths,) if isinstance(paths, str) else paths:
        condition |= models.Q(**{path: organisation_id})
    return condition


class PortalEditsQuerySet(RestrictedQuerySet):
    """Rows a member organisation's user reads on the staff pages but changes only in the portal.

    The portal's own page for such a row (a bid question assigned to the member) allows only the
    member's part (the answer); the staff form, API and delete would allow everything, so for a
    member's user every action but viewing reaches nothing.
    """

    def restrict(self, user: User | Any, action: str = "view") -> Self:
        if action != "view" and getattr(user, "organisation_id", None) is not None:
            return self.none()
        return super().restrict(user, action)


class OwnRowsQuerySet(RestrictedQuerySet):
    """Rows that belong to a person (their scores, their timesheets).

    Anyone with the view permission reads them all; a user changes only their own rows
    (`owner_path` leads from the row to its user) unless they hold `override_permission`,
    the right of whoever runs the process (the hub manager, the approver).
    """

    owner_path: ClassVar[str]
    override_permission: ClassVar[str]

    def restrict(self, user: User | Any, action: str = "view") -> Self:
        rows = super().restrict(user, action)
        if not getattr(user, "is_authenticated", False):
            return rows  # already nothing
        if action != "view" and not user.has_perm(self.override_permission):
            rows = rows.filter(**{self.owner_path: user})
        return rows


class ScopedModel(models.Model):
    """Abstract base of anything the generic views show: the restricted manager and the URL.

    `organisation_field` is the lookup path from the record to the organisation that owns it (or
    a tuple of paths, any of which makes the row the organisation's);
    a member organisation's user sees only rows where it equals their organisation. `None`
    means the record is the hub's own and member users never see it.
    """

    objects = RestrictedQuerySet.as_manager()

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None
    # Reference data (areas, codes) that every user with the view permission sees whole.
    shared_reference: ClassVar[bool] = False
    # Records loaded from open data keep their source's own history, not ours (DataRecord).
    has_change_history: ClassVar[bool] = False

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return record_url(route_name(type(self), "detail"), self.pk)


class DataRecord(ScopedModel):
    """Abstract base of a record loaded from open data (a tender notice): no change history.

    Its history is its source's (a notice's releases), and hundreds of thousands of rows are
    written in bulk, so a second, historical row per write would only cost.
    """

    created = models.DateTimeField("first loaded", auto_now_add=True, editable=False)
    updated = models.DateTimeField("last loaded", auto_now=True, editable=False)

    class Meta:
        abstract = True


class BaseModel(ScopedModel):
    """Abstract base of every record people keep: timestamps, author, change history, scoping."""

    created = models.DateTimeField("created", auto_now_add=True, editable=False)
    updated = models.DateTimeField("last changed", auto_now=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="last changed by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(inherit=True, excluded_fields=["updated", "updated_by"])

    has_change_history: ClassVar[bool] = True

    class Meta:
        abstract = True

    # Set by an importer that has checked the unique constraints for a whole file at once.
    constraints_checked_in_bulk = False

    def validate_constraints(self, exclude: Any = None) -> None:
        if not self.constraints_checked_in_bulk:
            super().validate_constraints(exclude)

    def stamp(self, user: Any) -> None:
        """Record who is saving this record; call before save() in services and views."""
        if user is not None and getattr(user, "is_authenticated", False):
            if self._state.adding:
                self.created_by = user
            self.updated_by = user


_PK = 2147483647  # a stand-in primary key, replaced by the real one


@functools.lru_cache(maxsize=1024)
def _url_with_stand_in(name: str, urlconf: str | None, prefix: str) -> str:
    return reverse(name, args=[_PK], urlconf=urlconf)


def record_url(name: str, pk: Any) -> str:
    """`reverse(name, args=[pk])` for routes taking one integer, at a fraction of the cost.

    A list page links every row; resolving the route once and substituting the key saves a
    few milliseconds a page.
    """
    return _url_with_stand_in(name, get_urlconf(), get_script_prefix()).replace(str(_PK), str(int(pk)))


def route_name(model: type[models.Model], action: str) -> str:
    """The URL name of a model's generic view, e.g. `directory:organisation_list`."""
    meta = model._meta
    return f"{meta.app_label}:{meta.model_name}_{action}"


class ImportJob(models.Model):
    """A big import running in the background, with its progress and, once done, its result.

    Small files are imported while the user waits; a file over IMPORT_INLINE_MAX_BYTES is saved
    here and worked by the task queue, and the user watches this record's page.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        CHECKING = "checking", "Checking rows"
        SAVING = "saving", "Saving"
        DONE = "done", "Finished"
        FAILED = "failed", "Stopped by an error"

    model_label = models.CharField(max_length=100)
    importer = models.CharField(max_length=50)
    file = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(max_length=255)
    check_only = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    rows_total = models.PositiveIntegerField(default=0, help_text="Lines in the file, less the header.")
    rows_checked = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"Import of {self.filename}"

    def get_absolute_url(self) -> str:
        return reverse("core:import_job", args=[self.pk])

    @property
    def running(self) -> bool:
        return self.status in (self.Status.WAITING, self.Status.CHECKING, self.Status.SAVING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, int(100 * self.rows_checked / self.rows_total)) if self.rows_total else 0


def money_field(verbose_name: str | None = None, **kwargs: Any) -> models.DecimalField:
    """Pounds and pence (`Decimal`, never float), not negative."""
    kwargs.setdefault("validators", [MinValueValidator(Decimal(0), "An amount cannot be negative.")])
    field: models.DecimalField = models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)
    # Marked for the pages that show it (as pounds); not part of the field's migration state.
    field.is_money = True  # type: ignore[attr-defined]
    return field


def hours_field(verbose_name: str | None = None, *, max_hours: int | None = None, **kwargs: Any) -> models.DecimalField:
    """Hours to one decimal place (or two for a day's timesheet cell), not negative."""
    validators: list[Any] = [MinValueValidator(Decimal(0), "Hours cannot be negative.")]
    if max_hours is not None:
        validators.append(MaxValueValidator(Decimal(max_hours), f"No more than {max_hours} hours."))
    kwargs.setdefault("max_digits", 6)
    kwargs.setdefault("decimal_places", 1)
    return models.DecimalField(verbose_name, validators=validators, **kwargs)
