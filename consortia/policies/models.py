"""The hub's policy library and its risk register.

A *policy* (or procedure) belongs to an area of the starter list (safeguarding, data
protection…), has an owner at the hub and a review period. Its text lives in *versions*: each a
file, numbered 1, 2, 3 within the policy, drafted then approved (by the board, whose minute or
decision is recorded); approving one supersedes the one before and sets the next review date.
A policy may need acknowledging by every active member or by chosen member organisations: each
acknowledges the current version in the portal (an *acknowledgement*).

The *risk register* holds the hub's risks: likelihood and impact (1–5) before controls and
after, so a score (likelihood × impact) and a RAG rating; *reviews* re-score a risk (the latest
is its residual score, the last two its trend) and *actions* reduce it.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, Q
from django.utils import timezone

from consortia.core.models import BaseModel, RestrictedQuerySet
from consortia.policies.choices import (
    IMPACT_LABELS,
    LIKELIHOOD_LABELS,
    Audience,
    PolicyKind,
    ReminderKind,
    RiskCategory,
    RiskStatus,
    Trend,
    VersionStatus,
    rating,
)


def required_of(organisation_id: int) -> Q:
    """The policies the organisation must acknowledge: in use, acknowledgement required, and
    asked of all active members (and it is one) or of chosen organisations (and it is chosen)."""
    from consortia.members.choices import MembershipStatus
    from consortia.members.models import Membership

    is_active_member = Exists(
        Membership.objects.filter(organisation_id=organisation_id, status=MembershipStatus.ACTIVE)
    )
    is_chosen = Q(pk__in=Policy.members.through.objects.filter(organisation_id=organisation_id).values("policy_id"))
    return Q(active=True, acknowledgement_required=True) & (
        (Q(audience=Audience.ALL) & Q(is_active_member)) | (Q(audience=Audience.CHOSEN) & is_chosen)
    )


class PolicyQuerySet(RestrictedQuerySet):
    """A member organisation's user sees the policies their organisation must acknowledge."""

    def scoped_to(self, user: Any) -> Self:
        organisation_id = getattr(user, "organisation_id", None)
        if organisation_id is None:
            return self
        return self.filter(required_of(organisation_id))


class PolicyVersionQuerySet(RestrictedQuerySet):
    """A member organisation's user sees the current approved version of those policies."""

    def scoped_to(self, user: Any) -> Self:
        organisation_id = getattr(user, "organisation_id", None)
        if organisation_id is None:
            return self
        policies = Policy._base_manager.filter(required_of(organisation_id)).values("current_version_id")
        return self.filter(status=VersionStatus.APPROVED, pk__in=policies)


def score_field(verbose_name: str, **kwargs: Any) -> models.PositiveSmallIntegerField:
    """A likelihood or impact, scored 1 to 5."""
    what = "likelihood" if "likelihood" in verbose_name else "impact"
    labels = LIKELIHOOD_LABELS if what == "likelihood" else IMPACT_LABELS
    scale = ", ".join(f"{number} {label.lower()}" for number, label in labels.items())
    message = f"The {what} is scored from 1 to 5 ({scale})."
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(1, message), MaxValueValidator(5, message)],
        help_text=f"1 to 5: {scale}.",
        **kwargs,
    )


class PolicyArea(BaseModel):
    """An area the hub keeps policies for (the starter list: safeguarding, data protection…)."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Policy(BaseModel):
    """A policy or procedure of the hub, with its owner, its review period and who must acknowledge it."""

    # Members see the policies their organisation must acknowledge (PolicyQuerySet): the chosen
    # organisations, or every active member.
    organisation_field: ClassVar[str | tuple[str, ...] | None] = "members"

    objects = PolicyQuerySet.as_manager()  # type: ignore[misc]

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=PolicyKind.choices, default=PolicyKind.POLICY)
    area = models.ForeignKey(PolicyArea, on_delete=models.PROTECT, related_name="policies")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_policies",
        help_text="Who at the hub keeps the policy up to date (reminded of its reviews).",
    )
    review_period_months = models.PositiveSmallIntegerField(
        "review every (months)",
        default=12,
        validators=[MinValueValidator(1, "Review a policy at least once every 1 to 60 months."), MaxValueValidator(60)],
    )
    next_review_on = models.DateField(
        "next review due",
        null=True,
        blank=True,
        help_text="Set when a version is approved: the approval date plus the review period.",
    )
    active = models.BooleanField("in use", default=True)
    acknowledgement_required = models.BooleanField(
        "members must acknowledge it", default=False, help_text="Members confirm in the portal they have read it."
    )
    audience = models.CharField(
        "who must acknowledge",
        max_length=8,
        choices=Audience.choices,
        default=Audience.ALL,
    )
    members = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="policies_to_acknowledge",
        verbose_name="chosen member organisations",
        help_text="When only chosen member organisations must acknowledge it.",
    )
    current_version = models.ForeignKey(
        "PolicyVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="current approved version",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["area__name", "title", "pk"]
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return self.title

    def review_overdue(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.active and self.next_review_on and self.next_review_on < today)


class PolicyVersion(BaseModel):
    """A version of a policy: its file, what changed, and its approval."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "policy__members"

    objects = PolicyVersionQuerySet.as_manager()  # type: ignore[misc]

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(editable=False, help_text="Numbered 1, 2, 3 within the policy.")
    file = models.FileField(upload_to="policies/%Y/", help_text="PDF, Word, OpenDocument, rich text or plain text.")
    summary = models.TextField("summary of changes", blank=True)
    status = models.CharField(max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT, editable=False)
    approved_on = models.DateField("approved", null=True, blank=True, editable=False)
    approved_by_decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="approved_policy_versions",
        verbose_name="approved by the board's decision",
    )
    approval_minute = models.CharField(
        "approval minute",
        max_length=200,
        blank=True,
        help_text="The board meeting and minute that approved it, e.g. “Board 12/03/2026, minute 7”.",
    )

    class Meta:
        ordering = ["policy", "-number"]
        constraints = [models.UniqueConstraint(fields=["policy", "number"], name="policy_version_number_once")]

    def __str__(self) -> str:
        if self.policy_id and self.number:
            return f"{self.policy.title}, version {self.number}"
        return f"Version {self.number}" if self.number else "New version"

    @property
    def heading(self) -> str:
        return str(self)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived: the next number within the policy.
        if not self.number and self.policy_id:
            latest = PolicyVersion.objects.filter(policy_id=self.policy_id).aggregate(top=models.Max("number"))["top"]
            self.number = (latest or 0) + 1
        super().save(*args, **kwargs)


class Acknowledgement(BaseModel):
    """A member organisation's confirmation that it has read and accepts a policy version."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "organisation"

    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="acknowledgements")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="policy_acknowledgements"
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="policy_acknowledgements"
    )
    acknowledged_on = models.DateField("acknowledged", default=timezone.localdate)

    class Meta:
        ordering = ["-acknowledged_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"],
                name="acknowledgement_once",
                violation_error_message="This organisation has already acknowledged this version.",
            )
        ]

    def __str__(self) -> str:
        if self.organisation_id and self.version_id:
            return f"{self.organisation}: {self.version}"
        return "Acknowledgement"

    @property
    def heading(self) -> str:
        return str(self)


class PolicyReminder(models.Model):
    """A reminder sent to a policy's owner about its review (one per policy, kind and review date)."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    due_on = models.DateField("review date reminded of")
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["policy", "kind", "due_on"], name="policy_reminder_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.policy_id} ({self.due_on:%d/%m/%Y})"


class Risk(BaseModel):
    """A risk to the hub: scored before controls (inherent) and after (residual), owned and reviewed."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None  # the hub's own register

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="The cause, the event and its effect.")
    category = models.CharField(max_length=14, choices=RiskCategory.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_risks")
    inherent_likelihood = score_field("likelihood before controls")
    inherent_impact = score_field("impact before controls")
    residual_likelihood = score_field("likelihood after controls")
    residual_impact = score_field("impact after controls")
    inherent_score = models.PositiveSmallIntegerField("score before controls", editable=False, default=0)
    residual_score = models.PositiveSmallIntegerField("score after controls", editable=False, default=0)
    controls = models.TextField("controls in place", blank=True)
    review_on = models.DateField("next review due")
    status = models.CharField(max_length=8, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    trend = models.CharField(
        max_length=8,
        choices=Trend.choices,
        blank=True,
        editable=False,
        help_text="From its last two reviews: rising, falling or steady (blank until reviewed twice).",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-residual_score", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived: the scores are likelihood × impact.
        self.inherent_score = (self.inherent_likelihood or 0) * (self.inherent_impact or 0)
        self.residual_score = (self.residual_likelihood or 0) * (self.residual_impact or 0)
        super().save(*args, **kwargs)

    @property
    def inherent_rating(self) -> str | None:
        return rating(self.inherent_score)

    @property
    def residual_rating(self) -> str | None:
        return rating(self.residual_score)

    def review_overdue(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        return self.status == RiskStatus.OPEN and self.review_on < today


class RiskReview(BaseModel):
    """A review of a risk: its likelihood and impact now (its new residual score) and a note."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField("reviewed")
    likelihood = score_field("likelihood")
    impact = score_field("impact")
    note = models.TextField(blank=True, help_text="What changed, and why.")
    next_review_on = models.DateField(
        "next review due", null=True, blank=True, help_text="Leave blank for three months after this review."
    )

    class Meta:
        ordering = ["risk", "-reviewed_on", "-pk"]

    def __str__(self) -> str:
        if self.risk_id and self.reviewed_on:
            return f"{self.risk.title}: review of {self.reviewed_on:%d/%m/%Y}"
        return "Risk review"

    @property
    def heading(self) -> str:
        return str(self)

    @property
    def score(self) -> int:
        return (self.likelihood or 0) * (self.impact or 0)

    def clean(self) -> None:
        if self.reviewed_on and self.reviewed_on > timezone.localdate():
            raise ValidationError({"reviewed_on": "A review cannot be dated in the future."})
        if self.next_review_on and self.reviewed_on and self.next_review_on <= self.reviewed_on:
            raise ValidationError({"next_review_on": "The next review must come after this one."})


class RiskAction(BaseModel):
    """An action to reduce a risk: what, who, by when, and when it was done."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField("action", max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="risk_actions")
    due_on = models.DateField("due")
    done_on = models.DateField("done", null=True, blank=True)

    class Meta:
        ordering = ["risk", "done_on", "due_on", "pk"]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": "An action cannot be done on a date still to come."})

    def overdue(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        return self.done_on is None and self.due_on < today
