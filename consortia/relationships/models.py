"""Commissioner relationships: engagement plans, interactions and their follow-ups, and the
contract-expiry radar.

An *engagement plan* is the hub's plan for one commissioner (an organisation with the
commissioner role): how much influence it has over the hub's work and how interested it is in
it (each 1 to 5, placing it on the stakeholder map), the objectives, who at the hub owns the
relationship, its health (red, amber or green) and when the plan is next reviewed. A
commissioner has one current plan at a time; older plans are kept, not current.

An *interaction* is one contact with a commissioner (a meeting, a call, an event, a
consultation response, market engagement, an e-mail), with who took part on both sides, and
its *follow-ups* (what was promised, by whom, by when). The last contact with a commissioner is
worked out from its interactions whenever it is shown, never stored, so it cannot drift.

An *expiring contract* is a contract found in the imported tender notices, with the date it
ends (from the contract, the award or the tender), so the hub can engage the buyer before the
work is procured again. The rows are derived from the notices by `build_expiry_radar`.

These are the hub's own records: member organisations' and commissioners' users never see them.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consortia.core.models import BaseModel, DataRecord
from consortia.relationships.choices import EndBasis, Health, InteractionKind, Quadrant, ReminderKind

SCALE_MIN, SCALE_MAX = 1, 5
HIGH = 3  # on the 1–5 scales, 3 and above counts as high on the stakeholder map


def scale_field(verbose_name: str, help_text: str) -> models.PositiveSmallIntegerField:
    message = f"Give a score from {SCALE_MIN} to {SCALE_MAX}."
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(SCALE_MIN, message), MaxValueValidator(SCALE_MAX, message)],
        help_text=help_text,
    )


def quadrant_of(influence: int, interest: int) -> Quadrant:
    """The stakeholder map's quadrant for an influence and an interest score (1 to 5)."""
    if influence >= HIGH:
        return Quadrant.MANAGE if interest >= HIGH else Quadrant.SATISFY
    return Quadrant.INFORM if interest >= HIGH else Quadrant.MONITOR


def is_commissioner(organisation_id: int | None) -> bool:
    from consortia.directory.choices import OrganisationRoleCode
    from consortia.directory.models import Organisation

    return (
        organisation_id is not None
        and Organisation.objects.filter(pk=organisation_id, roles__code=OrganisationRoleCode.COMMISSIONER).exists()
    )


class EngagementPlan(BaseModel):
    """The hub's plan for its relationship with one commissioner."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None  # the hub's own

    commissioner = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="engagement_plans"
    )
    is_current = models.BooleanField(
        "current plan", default=True, help_text="A commissioner has one current plan; earlier ones are kept."
    )
    influence = scale_field("influence (1–5)", "How much the commissioner can shape the hub's work: 5 is the most.")
    interest = scale_field("interest (1–5)", "How interested the commissioner is in the hub's work: 5 is the most.")
    objectives = models.TextField(help_text="What the hub wants from this relationship this year.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_engagement_plans",
        verbose_name="relationship owner",
    )
    health = models.CharField("health", max_length=5, choices=Health.choices, default=Health.AMBER)
    health_note = models.TextField("why this health rating", blank=True)
    review_on = models.DateField("next review")

    class Meta:
        ordering = ["commissioner__name", "-is_current", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commissioner"],
                condition=Q(is_current=True),
                name="engagement_plan_current_once",
                violation_error_message="This commissioner already has a current engagement plan.",
            ),
            models.CheckConstraint(
                condition=Q(influence__gte=SCALE_MIN, influence__lte=SCALE_MAX)
                & Q(interest__gte=SCALE_MIN, interest__lte=SCALE_MAX),
                name="engagement_plan_scales",
                violation_error_message=f"Influence and interest run from {SCALE_MIN} to {SCALE_MAX}.",
            ),
        ]

    def __str__(self) -> str:
        # The commissioner's name, as the plans list shows it in its first column.
        name = str(self.commissioner) if self.commissioner_id else "Engagement plan"
        return name if self.is_current else f"{name} (earlier plan)"

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_of(self.influence, self.interest)

    @property
    def quadrant_label(self) -> str:
        """Where the plan puts the commissioner on the stakeholder map."""
        return str(self.quadrant.label)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.commissioner_id and not is_commissioner(self.commissioner_id):
            errors["commissioner"] = f"{self.commissioner} is not a commissioner: give it the commissioner role first."
        elif self.commissioner_id and self.is_current:
            other = (
                EngagementPlan.objects.filter(commissioner_id=self.commissioner_id, is_current=True)
                .exclude(pk=self.pk)
                .first()
            )
            if other is not None:
                errors["commissioner"] = (
                    f"{self.commissioner} already has a current engagement plan (reviewed by "
                    f"{other.review_on:%d/%m/%Y}): edit it, or mark it not current first."
                )
        for name in ("influence", "interest"):
            value = getattr(self, name)
            if value is not None and not SCALE_MIN <= value <= SCALE_MAX:
                errors[name] = f"Give a score from {SCALE_MIN} to {SCALE_MAX}; {value} is outside the scale."
        if self.health in (Health.RED, Health.AMBER) and not self.health_note.strip():
            errors["health_note"] = "Say why the relationship is not green, so the next person knows."
        if errors:
            raise ValidationError(errors)

    def recent_interactions(self) -> models.QuerySet[Interaction]:
        """The commissioner's last ten interactions (for the plan's page)."""
        return Interaction.objects.filter(commissioner_id=self.commissioner_id).order_by("-date", "-pk")[:10]


class Interaction(BaseModel):
    """One contact with a commissioner: who took part, what was said, what follows."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None  # the hub's own

    commissioner = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="interactions")
    kind = models.CharField(max_length=12, choices=InteractionKind.choices, default=InteractionKind.MEETING)
    date = models.DateField()
    title = models.CharField(max_length=200, help_text="For example: quarterly review with adult social care.")
    hub_attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="commissioner_interactions", verbose_name="from the hub"
    )
    contacts = models.ManyToManyField(
        "directory.Contact",
        blank=True,
        related_name="commissioner_interactions",
        verbose_name="from the commissioner",
        help_text="The commissioner's people who took part.",
    )
    notes = models.TextField(blank=True, help_text="What was discussed and agreed.")

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["commissioner", "-date"], name="interaction_last_contact")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": "Log an interaction once it has happened: the date is still to come."})
        if self.commissioner_id and not is_commissioner(self.commissioner_id):
            raise ValidationError({"commissioner": f"{self.commissioner} is not a commissioner."})


class FollowUp(BaseModel):
    """Something promised at an interaction: what, by whom, by when, and when it was done."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None  # the hub's own

    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.CharField(max_length=300, help_text="What was promised.")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups")
    due_on = models.DateField("due")
    done_on = models.DateField("done", null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "pk"]
        verbose_name = "follow-up"
        indexes = [models.Index(fields=["done_on", "due_on"], name="follow_up_open_due")]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        errors: dict[str, str] = {}
        interaction_date = (
            Interaction.objects.filter(pk=self.interaction_id).values_list("date", flat=True).first()
            if self.interaction_id
            else None
        )
        if interaction_date and self.due_on and self.due_on < interaction_date:
            errors["due_on"] = (
                f"A follow-up cannot be due before the interaction it follows ({interaction_date:%d/%m/%Y})."
            )
        if self.done_on and self.done_on > timezone.localdate():
            errors["done_on"] = "A follow-up cannot be done on a date still to come."
        elif self.done_on and interaction_date and self.done_on < interaction_date:
            errors["done_on"] = f"A follow-up cannot be done before its interaction ({interaction_date:%d/%m/%Y})."
        if errors:
            raise ValidationError(errors)

    def is_overdue(self, today: date | None = None) -> bool:
        return self.done_on is None and self.due_on < (today or timezone.localdate())


class FollowUpReminder(models.Model):
    """A reminder e-mailed to a follow-up's owner; one per follow-up, kind and due date, so the
    reminder command never sends the same one twice (a new due date gets reminders of its own)."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    due_on = models.DateField("due date reminded of")
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["follow_up", "kind", "due_on"], name="follow_up_reminder_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: follow-up {self.follow_up_id} ({self.due_on:%d/%m/%Y})"


class ExpiringContract(DataRecord):
    """A contract found in a tender notice, with the date it ends, for the contract-expiry radar."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None  # the hub's own view of public data

    notice = models.ForeignKey("opportunities.Notice", on_delete=models.CASCADE, related_name="contract_ends")
    key = models.CharField(max_length=220, help_text="Which contract, award or lot of the notice.")
    basis = models.CharField("end date from", max_length=8, choices=EndBasis.choices)
    title = models.CharField(max_length=500, blank=True)
    buyer_name = models.CharField("buyer", max_length=300, blank=True)
    buyer = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expiring_contracts",
        verbose_name="buyer in the directory",
        help_text="The commissioner in the directory the buyer was matched to, if any.",
    )
    value = models.DecimalField("value", max_digits=16, decimal_places=2, null=True, blank=True)
    suppliers = models.CharField(max_length=500, blank=True, help_text="Who holds the contract now.")
    start_date = models.DateField("start", null=True, blank=True)
    end_date = models.DateField("end")

    class Meta:
        ordering = ["end_date", "pk"]
        verbose_name = "expiring contract"
        constraints = [models.UniqueConstraint(fields=["notice", "key"], name="expiring_contract_once")]
        indexes = [models.Index(fields=["end_date", "id"], name="expiring_contract_end")]

    def __str__(self) -> str:
        return self.title or self.key
