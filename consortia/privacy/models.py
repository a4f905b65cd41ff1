"""Data protection (UK GDPR): subject-access requests, erasures, and the log of who opened
sensitive records (DBS checks, equal-opportunities returns). The hub manager's alone: member
organisations' users never see these."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from consortia.core.dates import add_months
from consortia.core.models import BaseModel, ScopedModel


class SubjectAccessRequest(BaseModel):
    """A person's request for a copy of everything held about them, answered within a month.

    `due_on` is one month after the request was received (UK GDPR art. 12(3)); the export that
    answers it sets `fulfilled_on` and the counts of what was sent.
    """

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    subject_name = models.CharField("the person's name", max_length=200, blank=True)
    subject_email = models.EmailField("the person's e-mail", blank=True)
    requested_by = models.CharField(
        "who asked", max_length=200, default="The person themselves", help_text="Or their representative."
    )
    received_on = models.DateField("received on", default=timezone.localdate)
    due_on = models.DateField("answer due by", editable=False)
    fulfilled_on = models.DateField("answered on", null=True, blank=True, editable=False)
    fulfilled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    record_counts = models.JSONField("records sent", default=dict, blank=True, editable=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = "subject-access request"

    def __str__(self) -> str:
        return self.subject_name or self.subject_email or f"Request {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.due_on = add_months(self.received_on, 1)  # derived
        super().save(*args, **kwargs)

    def records_sent(self) -> str:
        return "; ".join(f"{kind}: {count}" for kind, count in self.record_counts.items()) or "—"


class ErasureRecord(ScopedModel):
    """That a person's data was erased: who did it, when, and how many rows of each kind were
    deleted, anonymised or kept. It holds no personal data of the person erased."""

    erased_at = models.DateTimeField("erased at", default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="erased by"
    )
    reference = models.CharField(
        max_length=200, blank=True, help_text="E.g. the date of the request; not the person's name."
    )
    counts = models.JSONField(default=dict, help_text="Per record type: deleted, anonymised, unlinked, kept.")

    class Meta:
        ordering = ["-erased_at", "-pk"]

    def __str__(self) -> str:
        return f"Erasure {self.pk} on {timezone.localtime(self.erased_at):%d/%m/%Y}"

    def summary(self) -> str:
        """Per record type, what was done: "Directory contacts: 1 deleted; …"."""
        parts = []
        for kind, done in self.counts.items():
            said = ", ".join(f"{count} {what}" for what, count in done.items() if count)
            parts.append(f"{kind}: {said or 'nothing'}")
        return "; ".join(parts) or "Nothing was held."


class SensitiveView(ScopedModel):
    """Someone opened a sensitive record (DBS check evidence, equal-opportunities returns):
    who, when, which record and through which page, file download or API call."""

    viewed_at = models.DateTimeField("when", default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="who")
    kind = models.CharField("what", max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField("record id")
    record = GenericForeignKey("content_type", "object_id")
    record_name = models.CharField("record", max_length=300)
    view_name = models.CharField("opened through", max_length=100)
    path = models.CharField("address", max_length=500)

    class Meta:
        ordering = ["-viewed_at", "-pk"]
        verbose_name = "sensitive-record view"

    def __str__(self) -> str:
        return f"{self.record_name} opened {timezone.localtime(self.viewed_at):%d/%m/%Y %H:%M}"
