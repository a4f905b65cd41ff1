"""Funders, funding prospects (with 360Giving research), applications, awards, payments and reports due.

A *funder* is a `directory.Organisation` with the funder role. A *prospect* is one of a funder's
programmes the hub might apply to (a grant, a development grant, repayable finance, social
investment or a contract), with how well it fits. An *application* to a prospect moves from
drafting to submitted to awarded or declined (or withdrawn), and from awarded to completed,
only through `services.applications`, which dates each move and refuses nonsense (an award
amount on a declined application). An award has its *payments* due and the *reports* the funder
requires; `send_funding_reminders` tells the hub of reports due in 30 and 7 days and overdue.

*360Giving research*: a `GrantDataset` is one 360Giving file as loaded (its publisher and
licence, for attribution), and a `GrantRecord` one grant in it: who funded whom, for what, where
and how much. They are open data (`DataRecord`: no change history of ours).

Everything here is the hub's own: member organisations' users see none of it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from consortia.core.models import BaseModel, DataRecord, money_field
from consortia.funding.choices import (
    WITH_AWARD,
    ApplicationStatus,
    FundingKind,
    MoneyKind,
    ProspectStatus,
    RecipientType,
    ReminderKind,
)


def _not_future(value: object, field: str, what: str) -> None:
    if value and value > timezone.localdate():  # type: ignore[operator]
        raise ValidationError({field: f"{what} cannot be a date still to come."})


class GrantDataset(DataRecord):
    """One 360Giving file as loaded: its publisher and licence (to credit them), and its counts."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    file_name = models.CharField("file", max_length=255)
    sha256 = models.CharField(
        "fingerprint", max_length=64, unique=True, help_text="The file's SHA-256: the same file is loaded once."
    )
    title = models.CharField(max_length=300, blank=True)
    publisher = models.CharField(max_length=300)
    publisher_prefix = models.CharField("publisher prefix", max_length=60, blank=True)
    publisher_website = models.URLField("publisher website", blank=True)
    licence = models.CharField(max_length=200, blank=True)
    licence_url = models.URLField("licence address", blank=True)
    source_url = models.URLField("where it was published", max_length=500, blank=True)
    imported_at = models.DateTimeField("imported")
    grant_count = models.PositiveIntegerField("grants", default=0)
    created_count = models.PositiveIntegerField("grants new on import", default=0)
    updated_count = models.PositiveIntegerField("grants updated on import", default=0)
    unchanged_count = models.PositiveIntegerField("grants unchanged on import", default=0)
    total_awarded = models.DecimalField("total awarded", max_digits=16, decimal_places=2, default=Decimal(0))

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = "360Giving dataset"

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title or self.file_name}"

    @property
    def attribution(self) -> str:
        """The credit the licence asks for, in one sentence."""
        licence = self.licence or "its publisher's licence"
        where = f" ({self.licence_url})" if self.licence_url else ""
        return f"Contains 360Giving data published by {self.publisher} under {licence}{where}."


class GrantRecord(DataRecord):
    """One grant from a 360Giving file: who funded whom, for what, where and how much."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    identifier = models.CharField(max_length=200, unique=True)
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    amount_awarded = models.DecimalField("amount awarded", max_digits=16, decimal_places=2)
    currency = models.CharField(max_length=3, default="GBP")
    award_date = models.DateField("awarded")
    duration_months = models.DecimalField("planned length (months)", max_digits=6, decimal_places=1, null=True)
    recipient_name = models.CharField("recipient", max_length=300)
    recipient_org_id = models.CharField("recipient org-id", max_length=120, blank=True)
    recipient_type = models.CharField(
        "recipient type", max_length=12, choices=RecipientType.choices, default=RecipientType.OTHER
    )
    recipient_org_type = models.CharField("recipient organisation type (as published)", max_length=200, blank=True)
    recipient_location = models.CharField("recipient's town or city", max_length=200, blank=True)
    recipient_postcode = models.CharField("recipient's postcode", max_length=20, blank=True)
    beneficiary_locations = models.CharField(
        "beneficiary location", max_length=500, blank=True, help_text="The places the grant benefits, as published."
    )
    beneficiary_geo_codes = models.CharField("beneficiary area codes", max_length=300, blank=True)
    programme = models.CharField("grant programme", max_length=300, blank=True)
    funder_name = models.CharField("funder", max_length=300)
    funder_org_id = models.CharField("funder org-id", max_length=120, blank=True)
    dataset = models.ForeignKey(GrantDataset, on_delete=models.PROTECT, related_name="grants")

    class Meta:
        ordering = ["-award_date", "-pk"]
        verbose_name = "360Giving grant"
        indexes = [
            models.Index(fields=["funder_name", "programme"]),
            models.Index(fields=["award_date"]),
            models.Index(fields=["recipient_type"]),
        ]

    def __str__(self) -> str:
        return self.title


class Prospect(BaseModel):
    """A funder's programme the hub might apply to, and how well it fits."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    funder = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="funding_prospects")
    programme = models.CharField("programme", max_length=300)
    kind = models.CharField(max_length=20, choices=FundingKind.choices, default=FundingKind.GRANT)
    amount_min = money_field("smallest amount (£)", null=True, blank=True)
    amount_max = money_field("largest amount (£)", null=True, blank=True)
    deadline = models.DateField(null=True, blank=True, help_text="The next closing date, if the programme has one.")
    eligibility = models.TextField(blank=True, help_text="Who may apply and for what, in the funder's words.")
    fit = models.PositiveSmallIntegerField(
        "fit (1 to 5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, "Fit is from 1 to 5."), MaxValueValidator(5, "Fit is from 1 to 5.")],
        help_text="5 is a very good fit for the consortium.",
    )
    fit_note = models.TextField("why that fit", blank=True)
    status = models.CharField(max_length=14, choices=ProspectStatus.choices, default=ProspectStatus.RESEARCHING)
    source_url = models.URLField("source", max_length=500, blank=True, help_text="Where the programme is described.")
    source_grant = models.ForeignKey(
        GrantRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prospects",
        editable=False,
        verbose_name="found from the 360Giving grant",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["deadline", "funder__name", "programme", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["funder", "programme"],
                name="funding_prospect_once",
                violation_error_message="This funder's programme is already a prospect.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.funder}: {self.programme}" if self.funder_id else self.programme

    @property
    def heading(self) -> str:
        """The record's name as the lists show it (the first column)."""
        return str(self)

    def clean(self) -> None:
        if self.amount_min is not None and self.amount_max is not None and self.amount_min > self.amount_max:
            raise ValidationError({"amount_max": "The largest amount cannot be less than the smallest."})
        if self.fit_note and self.fit is None:
            raise ValidationError({"fit": "Give the fit from 1 to 5 as well as the note."})


class Application(BaseModel):
    """An application to a prospect: what was asked for and, once decided, what was awarded.

    Its status moves only through `services.applications.move_application`, which dates it.
    """

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    prospect = models.ForeignKey(Prospect, on_delete=models.PROTECT, related_name="applications")
    title = models.CharField(max_length=300)
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFTING, editable=False
    )
    ask_amount = money_field("amount asked for (£)")
    award_amount = money_field("amount awarded (£)", null=True, blank=True, editable=False)
    submitted_on = models.DateField("submitted", null=True, blank=True, editable=False)
    decision_date = models.DateField("decision date", null=True, blank=True, editable=False)
    withdrawn_on = models.DateField("withdrawn", null=True, blank=True, editable=False)
    completed_on = models.DateField("completed", null=True, blank=True, editable=False)
    money_kind = models.CharField("kind of money", max_length=10, choices=MoneyKind.choices, default=MoneyKind.GRANT)
    conditions = models.TextField("conditions of the award", blank=True)
    clawback_terms = models.TextField(
        "clawback terms", blank=True, help_text="When the funder may ask for the money back (conditions not met)."
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        has_award = self.status in WITH_AWARD
        if self.award_amount is not None and not has_award:
            errors["award_amount"] = f"An application that is {self.get_status_display().lower()} has no award amount."
        if has_award:
            if not self.award_amount:
                errors["award_amount"] = "Give the amount awarded."
            elif self.ask_amount is not None and self.award_amount > self.ask_amount:
                errors["award_amount"] = "The amount awarded cannot be more than the amount asked for."
            if not self.decision_date:
                errors["decision_date"] = "An award needs the date of the funder's decision."
        if self.status == ApplicationStatus.DECLINED and not self.decision_date:
            errors["decision_date"] = "A declined application needs the date of the funder's decision."
        if self.decision_date and self.submitted_on and self.decision_date < self.submitted_on:
            errors["decision_date"] = "The decision cannot come before the application was submitted."
        if self.completed_on and self.decision_date and self.completed_on < self.decision_date:
            errors["completed_on"] = "The award cannot be completed before it was made."
        if self.money_kind == MoneyKind.CONTRACT and self.clawback_terms and self.prospect_id:
            pass  # a contract may have terms for repayment too; nothing to refuse
        for field in ("submitted_on", "decision_date", "withdrawn_on", "completed_on"):
            value = getattr(self, field)
            if value and value > timezone.localdate():
                errors[field] = "This cannot be a date still to come."
        if errors:
            raise ValidationError(errors)

    @property
    def vat_note(self) -> str:
        if self.money_kind == MoneyKind.GRANT:
            return "A grant is outside the scope of VAT; it may be clawed back if its conditions are not met."
        return "A contract payment is for services: VAT may apply to the hub's invoices."


class FundingPayment(BaseModel):
    """A payment of an award due from the funder, and when it arrived."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="payments")
    due_on = models.DateField("due")
    amount = money_field("amount (£)")
    received_on = models.DateField("received", null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["application", "due_on", "pk"]
        verbose_name = "funding payment"

    def __str__(self) -> str:
        return f"{self.application}: payment due {self.due_on:%d/%m/%Y}" if self.due_on else "Funding payment"

    @property
    def heading(self) -> str:
        """The record's name as the lists show it (the first column)."""
        return str(self)

    def clean(self) -> None:
        if self.application_id and self.application.status not in WITH_AWARD:
            raise ValidationError(
                {"application": "Payments are scheduled only on an application that has been awarded."}
            )
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": "A payment must be more than £0."})
        _not_future(self.received_on, "received_on", "The date received")


class ReportingRequirement(BaseModel):
    """A report the funder requires under an award, when it is due and when it was sent."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(max_length=300)
    due_on = models.DateField("due")
    submitted_on = models.DateField("sent", null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "report due to a funder"
        verbose_name_plural = "reports due to funders"

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.application_id and self.application.status not in WITH_AWARD:
            raise ValidationError({"application": "Reports are due only under an application that has been awarded."})
        _not_future(self.submitted_on, "submitted_on", "The date sent")


class FundingReminder(models.Model):
    """A reminder about a report due to a funder that has been sent: each kind once per report and date."""

    requirement = models.ForeignKey(ReportingRequirement, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    due_on = models.DateField("date reminded of")
    sent_to = models.CharField(max_length=500)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["requirement", "kind", "due_on"], name="funding_reminder_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.requirement_id} ({self.due_on:%d/%m/%Y})"
