"""Contracts won and the subcontracts that pass the work to members.

A *contract* is held by the hub with a commissioner: created from a won bid (which carries the
commissioner, the value, the partners and their shares) or entered by hand. Its value changes
only by *variations* (what changed, by how much, when agreed), so the variations are the
history of its value. *Milestones* are the contract's own dates (mobilisation, reviews).

A *subcontract* passes part of the work to one member: scope, areas, volumes or targets, value,
payment model and terms, the data-processing terms (UK GDPR Art. 28) agreed. Only members
eligible under the due-diligence rule may hold one.

A member organisation's user sees the contracts their organisation has a subcontract under and
their own subcontracts; a commissioner's user sees the contracts they commission.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from consortia.contracts.choices import (
    AlertKind,
    ContractStatus,
    DocumentKind,
    PaymentModel,
    SubcontractStatus,
    VatTreatment,
)
from consortia.core.models import BaseModel, money_field

PAYMENT_TERMS_DAYS = 30  # Procurement Act 2023 s.73: 30 days, implied into public contracts and their subcontracts


def share_field(verbose_name: str, **kwargs: object) -> models.DecimalField:
    """A percentage from 0 to 100 with two decimal places."""
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        **kwargs,  # type: ignore[arg-type]
    )


def terms_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        "payment terms (days)",
        default=PAYMENT_TERMS_DAYS,
        validators=[MaxValueValidator(PAYMENT_TERMS_DAYS, "Public contracts must pay within 30 days.")],
        help_text="Days from a valid invoice to payment: 30 at most under the Procurement Act 2023.",
    )


class Contract(BaseModel):
    """A contract the hub holds with a commissioner."""

    # Members see the contracts they deliver under; a commissioner's user those they commission.
    organisation_field: ClassVar[str | tuple[str, ...] | None] = ("subcontracts__organisation", "commissioner")

    reference = models.CharField(max_length=60, unique=True, help_text="The commissioner's contract reference.")
    title = models.CharField(max_length=300)
    commissioner = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="commissioned_contracts"
    )
    bid = models.OneToOneField(
        "bids.Bid",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contract",
        help_text="The won bid this contract came from, if any.",
    )
    status = models.CharField(max_length=12, choices=ContractStatus.choices, default=ContractStatus.MOBILISING)
    start_date = models.DateField("start")
    end_date = models.DateField("end")
    extension_options = models.CharField(
        max_length=200, blank=True, help_text="For example: two extensions of 12 months each."
    )
    extension_decision_by = models.DateField(
        "extension decision due", null=True, blank=True, help_text="When the commissioner must decide on extending."
    )
    original_value = money_field("value when signed (£)")
    value = money_field("current value (£)", editable=False, help_text="The value when signed plus every variation.")
    payment_model = models.CharField(max_length=8, choices=PaymentModel.choices, default=PaymentModel.BLOCK)
    payment_terms_days = terms_field()
    vat = models.CharField("VAT", max_length=8, choices=VatTreatment.choices, default=VatTreatment.EXEMPT)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_contracts",
        verbose_name="contract manager",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}" if self.reference else self.title

    @property
    def heading(self) -> str:
        """The record's name as the lists show it (the first column)."""
        return str(self)

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})
        if self.extension_decision_by and self.start_date and self.extension_decision_by < self.start_date:
            raise ValidationError({"extension_decision_by": "The extension decision cannot be before the start."})

    def save(self, *args: object, **kwargs: object) -> None:
        # Derived: worth what it was signed for until a variation changes it (agree_variation).
        if self.value is None or self._state.adding or not self.variations.exists():
            self.value = self.original_value
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ContractMilestone(BaseModel):
    """A date in a contract's life: mobilisation, a review, a break clause."""

    # As its contract: the members delivering under it and its commissioner.
    organisation_field: ClassVar[str | tuple[str, ...] | None] = (
        "contract__subcontracts__organisation",
        "contract__commissioner",
    )

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(max_length=200)
    due_on = models.DateField("due")
    done_on = models.DateField("done", null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["contract", "due_on", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": "A milestone cannot be done on a date still to come."})


class Variation(BaseModel):
    """An agreed change to a contract: what changed, the change in value, when it was agreed."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="variations")
    number = models.PositiveSmallIntegerField(editable=False, help_text="Numbered 1, 2, 3 within the contract.")
    description = models.TextField("what changed")
    value_change = models.DecimalField(
        "change in value (£)",
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        help_text="Negative when the value goes down.",
    )
    new_end_date = models.DateField("new end date", null=True, blank=True)
    agreed_on = models.DateField("agreed")
    value_after = money_field("value after (£)", editable=False)
    end_date_before = models.DateField(
        "end date before", null=True, blank=True, editable=False, help_text="To put back if the variation is removed."
    )

    class Meta:
        ordering = ["contract", "number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="variation_number_once")]

    def __str__(self) -> str:
        if self.number and self.contract_id:
            return f"Variation {self.number} to {self.contract.reference}"
        return f"Variation {self.number}" if self.number else "Variation"

    @property
    def heading(self) -> str:
        """The record's name as the lists show it (the first column)."""
        return str(self)

    def clean(self) -> None:
        if self.new_end_date and self.contract_id and self.new_end_date < self.contract.start_date:
            raise ValidationError({"new_end_date": "The new end date cannot be before the contract's start."})


class Subcontract(BaseModel):
    """Part of a contract's work passed to one member."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "organisation"

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="subcontracts")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="subcontracts", verbose_name="member"
    )
    status = models.CharField(max_length=8, choices=SubcontractStatus.choices, default=SubcontractStatus.DRAFT)
    scope = models.TextField(help_text="The services the member delivers under this subcontract.")
    areas = models.ManyToManyField("directory.Area", blank=True, related_name="subcontracts")
    volumes = models.TextField("volumes or targets", blank=True, help_text="For example: 120 clients a year.")
    share = share_field("share of delivery (%)", default=Decimal(0))
    value = money_field("value (£)")
    payment_model = models.CharField(max_length=8, choices=PaymentModel.choices, default=PaymentModel.BLOCK)
    payment_terms_days = terms_field()
    start_date = models.DateField("start")
    end_date = models.DateField("end")
    signed_on = models.DateField("signed", null=True, blank=True)
    data_processing_agreed_on = models.DateField(
        "data-processing terms agreed",
        null=True,
        blank=True,
        help_text="When the member agreed the data-processing terms (UK GDPR Article 28).",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["contract", "organisation__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["contract", "organisation"], name="subcontract_once")]

    def __str__(self) -> str:
        if self.organisation_id and self.contract_id:
            return f"{self.organisation}: {self.contract.reference}"
        return "Subcontract"

    @property
    def heading(self) -> str:
        """The record's name as the lists show it (the first column)."""
        return str(self)

    def clean(self) -> None:
        from consortia.members.services.diligence import is_eligible

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})
        if self.contract_id and self.start_date and self.end_date:
            contract = self.contract
            if self.start_date < contract.start_date or self.end_date > contract.end_date:
                raise ValidationError(
                    {
                        "end_date": "A subcontract must run within its contract's dates "
                        f"({contract.start_date:%d/%m/%Y} to {contract.end_date:%d/%m/%Y})."
                    }
                )
        if self.signed_on and not self.data_processing_agreed_on:
            raise ValidationError(
                {"data_processing_agreed_on": "A subcontract is signed only with the data-processing terms agreed."}
            )
        if self.contract_id and self.share is not None:
            others = (
                Subcontract.objects.filter(contract_id=self.contract_id)
                .exclude(pk=self.pk)
                .aggregate(total=models.Sum("share"))["total"]
            ) or Decimal(0)
            if others + self.share > 100:
                raise ValidationError(
                    {
                        "share": f"The shares of {self.contract.reference}'s subcontracts would add up to "
                        f"{(others + self.share).normalize():f}%: the other subcontracts already have "
                        f"{others.normalize():f}%, so this one can have at most {(100 - others).normalize():f}%."
                    }
                )
        if not self.organisation_id:
            return
        stored = (
            None
            if self._state.adding
            else Subcontract.objects.filter(pk=self.pk).values_list("organisation_id", flat=True).first()
        )
        if stored != self.organisation_id and not is_eligible(self.organisation):
            raise ValidationError(
                {
                    "organisation": f"{self.organisation} cannot hold a subcontract: only active members whose "
                    "latest due-diligence review, within the last 12 months, is green or amber are eligible."
                }
            )


class ContractDocument(BaseModel):
    """A document kept with a contract: the signed contract, the specification, a variation letter."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None  # the hub's own papers

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=14, choices=DocumentKind.choices, default=DocumentKind.CONTRACT)
    file = models.FileField(upload_to="contracts/%Y/", help_text="PDF, Word, OpenDocument, rich text or plain text.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["contract", "kind", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class ContractAlert(models.Model):
    """A reminder sent to a contract's manager (its end or its extension decision coming up).

    One row per contract, kind and date reminded of, so the alert command never sends the same
    reminder twice; a date moved by a variation gets a reminder of its own.
    """

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=10, choices=AlertKind.choices)
    due_on = models.DateField("date reminded of")
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["contract", "kind", "due_on"], name="contract_alert_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.contract_id} ({self.due_on:%d/%m/%Y})"
