"""Membership and the supply chain: who the members are, what they deliver, and whether they
have been checked.

Applications come in through a public form and are decided by the hub; a membership records an
organisation's tier and status; capabilities say what each member delivers, for whom and where;
due diligence holds the evidence members upload against the hub's requirements, its
verification, and a yearly review graded red, amber or green. A member organisation's user sees
their own organisation's rows only (`organisation_field`); the lists the hub defines (service
categories, client groups, requirements) are reference data everyone reads.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from consortia.core.dates import add_months
from consortia.core.models import BaseModel, money_field
from consortia.directory.choices import LegalForm
from consortia.members.choices import (
    ApplicationStatus,
    DbsLevel,
    EvidenceStatus,
    MembershipStatus,
    QuestionKind,
    Rag,
    ReminderKind,
    RequirementKind,
    Tier,
    Verifier,
)


class ServiceCategory(BaseModel):
    """A kind of public service members deliver, mapped to CPV codes (edited by the hub)."""

    shared_reference: ClassVar[bool] = True

    name = models.CharField(max_length=200, unique=True)
    code = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)
    cpv_codes = models.CharField(
        "CPV codes", max_length=500, blank=True, help_text="Common Procurement Vocabulary codes, comma-separated."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "service categories"

    def __str__(self) -> str:
        return self.name


class ClientGroup(BaseModel):
    """A group of people members work with (edited by the hub)."""

    shared_reference: ClassVar[bool] = True

    name = models.CharField(max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class EligibilityQuestion(BaseModel):
    """A question on the public membership application form, set by the hub."""

    text = models.CharField("question", max_length=400)
    help_text = models.CharField(max_length=400, blank=True)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices, default=QuestionKind.YES_NO)
    choices = models.TextField(blank=True, help_text="For 'one of a list': one choice per line.")
    required = models.BooleanField(default=True)
    expected_answer = models.CharField(
        max_length=200, blank=True, help_text="An answer that makes an applicant eligible (e.g. Yes); blank for any."
    )
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.kind == QuestionKind.CHOICE and not self.choices.strip():
            raise ValidationError({"choices": "List the choices, one per line."})


class MembershipApplication(BaseModel):
    """An organisation's application to join, from the public form, and the hub's decision on it.

    `token` lets the applicant come back to a draft without an account. Approval creates (or
    links) the directory organisation, its membership and its first member user.
    """

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    organisation_name = models.CharField(max_length=200)
    legal_form = models.CharField(max_length=20, choices=LegalForm.choices, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    website = models.URLField(blank=True)
    contact_name = models.CharField(max_length=200)
    contact_job_title = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=30, blank=True)
    services = models.TextField("services you deliver", blank=True)
    categories = models.ManyToManyField(ServiceCategory, blank=True, related_name="applications")
    client_groups = models.ManyToManyField(ClientGroup, blank=True, related_name="applications")
    areas = models.ManyToManyField("directory.Area", blank=True, related_name="membership_applications")
    answers = models.JSONField(default=dict, blank=True, help_text="Eligibility question id -> answer.")
    tier_requested = models.CharField(max_length=10, choices=Tier.choices, default=Tier.FULL)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(blank=True, help_text="Why, or what more is needed; the applicant is told.")
    tier_granted = models.CharField(max_length=10, choices=Tier.choices, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="membership_applications",
        help_text="The directory record, once approved (or matched).",
    )

    class Meta:
        ordering = ["-submitted_at", "-created"]

    def __str__(self) -> str:
        return f"{self.organisation_name} (application)"


class Membership(BaseModel):
    """An organisation's membership of the consortium: tier, status, dates, fee and agreement."""

    organisation_field: ClassVar[str | None] = "organisation"

    organisation = models.OneToOneField("directory.Organisation", on_delete=models.PROTECT, related_name="membership")
    tier = models.CharField(max_length=10, choices=Tier.choices, default=Tier.FULL)
    status = models.CharField(max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE)
    joined_on = models.DateField(null=True, blank=True)
    renewal_due = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    annual_fee = money_field("annual fee (£)", default=0)
    fee_paid = models.BooleanField("fee paid for this year", default=False)
    fee_paid_on = models.DateField(null=True, blank=True)
    agreement_signed_on = models.DateField("member agreement signed", null=True, blank=True)
    staff_count = models.PositiveIntegerField("paid staff", null=True, blank=True)
    volunteer_count = models.PositiveIntegerField("volunteers", null=True, blank=True)
    clients_per_year = models.PositiveIntegerField("people supported a year", null=True, blank=True)
    languages = models.CharField(
        "languages spoken", max_length=300, blank=True, help_text="Besides English; comma-separated."
    )
    application = models.ForeignKey(
        MembershipApplication, null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships"
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        # The tier's code is a word a search finds ("Alpha Advice Centre (associate)").
        return f"{self.organisation} ({self.tier})"

    def clean(self) -> None:
        if self.joined_on and self.renewal_due and self.renewal_due < self.joined_on:
            raise ValidationError({"renewal_due": "Renewal cannot fall before the member joined."})
        if self.status == MembershipStatus.LEFT and not self.left_on:
            raise ValidationError({"left_on": "Give the date the member left."})


class DevelopmentAction(BaseModel):
    """A step in an associate member's plan to become ready to deliver contracts."""

    organisation_field: ClassVar[str | None] = "membership__organisation"

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="development_actions")
    action = models.CharField(max_length=300)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["membership", "due_on", "pk"]

    def __str__(self) -> str:
        return self.action


class Capability(BaseModel):
    """What a member delivers in one service category: for whom, where, and how much."""

    organisation_field: ClassVar[str | None] = "organisation"

    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="capabilities")
    category = models.ForeignKey(ServiceCategory, on_delete=models.PROTECT, related_name="capabilities")
    client_groups = models.ManyToManyField(ClientGroup, blank=True, related_name="capabilities")
    areas = models.ManyToManyField(
        "directory.Area", blank=True, related_name="capabilities", verbose_name="local authority areas served"
    )
    description = models.TextField(blank=True)
    clients_per_year = models.PositiveIntegerField("people a year", null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "category__order", "category__name"]
        verbose_name_plural = "capabilities"
        constraints = [models.UniqueConstraint(fields=["organisation", "category"], name="members_capability_once")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.category}"


class QualityMark(BaseModel):
    """A quality mark or accreditation a member holds (Trusted Charity, Matrix, Cyber Essentials…)."""

    organisation_field: ClassVar[str | None] = "organisation"

    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="quality_marks")
    name = models.CharField(max_length=200)
    reference = models.CharField(max_length=100, blank=True)
    awarded_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    def clean(self) -> None:
        if self.awarded_on and self.expires_on and self.expires_on < self.awarded_on:
            raise ValidationError({"expires_on": "The expiry date is before the date it was awarded."})


class CaseStudy(BaseModel):
    """A short account of work a member has delivered, for bids."""

    organisation_field: ClassVar[str | None] = "organisation"

    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="case_studies")
    title = models.CharField(max_length=200)
    category = models.ForeignKey(
        ServiceCategory, null=True, blank=True, on_delete=models.SET_NULL, related_name="case_studies"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MinValueValidator(1900)])
    summary = models.TextField()
    outcomes = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation__name", "-year", "title"]
        verbose_name_plural = "case studies"

    def __str__(self) -> str:
        return self.title


class Requirement(BaseModel):
    """A due-diligence check the hub asks of members: a document or an answer, renewed periodically."""

    shared_reference: ClassVar[bool] = True

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True, help_text="What to provide, in the member's words.")
    kind = models.CharField(max_length=10, choices=RequirementKind.choices, default=RequirementKind.DOCUMENT)
    mandatory_full = models.BooleanField("required of full members", default=True)
    mandatory_associate = models.BooleanField("required of associate members", default=False)
    mandatory_partner = models.BooleanField("required of partners", default=False)
    renewal_months = models.PositiveSmallIntegerField(
        "renew every (months)", default=12, validators=[MinValueValidator(1)]
    )
    verified_by = models.CharField(max_length=20, choices=Verifier.choices, default=Verifier.CONTRACTS)
    needs_expiry = models.BooleanField("has an expiry date", default=False)
    needs_cover_amount = models.BooleanField("asks the cover amount (insurance)", default=False)
    needs_dbs_level = models.BooleanField("asks the DBS level", default=False)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        stored = None if self._state.adding else Requirement.objects.filter(pk=self.pk).first()
        super().save(*args, **kwargs)
        if stored is not None and stored.renewal_months != self.renewal_months:
            # Evidence without an expiry date now runs out on a different day (derived field).
            changed = []
            for evidence in Evidence.objects.filter(requirement=self, expires_on__isnull=True):
                evidence.renews_on = evidence.renewal_due(self.renewal_months)
                changed.append(evidence)
            Evidence.objects.bulk_update(changed, ["renews_on"], batch_size=1000)


class Evidence(BaseModel):
    """A document or answer a member gave for a requirement, and the hub's check of it.

    Replacing evidence adds a new row; the old one stays (superseded) for the record.
    """

    organisation_field: ClassVar[str | None] = "organisation"

    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="evidence")
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/", blank=True)
    original_filename = models.CharField(max_length=255, blank=True, editable=False)
    answer = models.TextField(blank=True)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True, db_index=True)
    cover_amount = money_field("cover (£)", null=True, blank=True)
    dbs_level = models.CharField("DBS level", max_length=20, choices=DbsLevel.choices, blank=True)
    status = models.CharField(max_length=10, choices=EvidenceStatus.choices, default=EvidenceStatus.SUBMITTED)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    rejection_reason = models.CharField(max_length=500, blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="supersedes"
    )
    # Derived, kept on save (and when the requirement's renewal period changes): when the evidence
    # runs out, so that the compliance counts across thousands of members are one indexed pass.
    renews_on = models.DateField("renewal due", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["organisation__name", "requirement__order", "-issued_on", "-pk"]
        verbose_name_plural = "evidence"
        indexes = [
            models.Index(fields=["organisation", "requirement"], name="members_evidence_org_req"),
            # Covers the compliance counts: each member's current evidence is one short range of
            # it, sought member by member, holding every column the counts test (no row is read).
            models.Index(
                fields=["superseded_by", "organisation", "status", "renews_on", "requirement"],
                name="members_evidence_current_org",
            ),
            # A requirement's current evidence, member by member.
            models.Index(fields=["requirement", "superseded_by", "organisation"], name="members_evidence_req_current"),
        ]

    def __str__(self) -> str:
        return f"{self.requirement} ({self.organisation})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.renews_on = self.renewal_due()
        super().save(*args, **kwargs)

    def renewal_due(self, renewal_months: int | None = None) -> date | None:
        """When the evidence runs out: its expiry date, else its issue date (or the day it was
        given) plus the requirement's renewal period."""
        if self.expires_on:
            return self.expires_on
        start = self.issued_on or timezone.localdate(self.created)
        return add_months(start, renewal_months or self.requirement.renewal_months)

    def clean(self) -> None:
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            raise ValidationError({"expires_on": "The expiry date is before the issue date."})


class DueDiligenceReview(BaseModel):
    """The hub's yearly review of a member's due diligence, graded red, amber or green."""

    organisation_field: ClassVar[str | None] = "organisation"

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="due_diligence_reviews"
    )
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000)])
    reviewed_on = models.DateField()
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    rag = models.CharField("RAG", max_length=5, choices=Rag.choices)
    reasons = models.TextField()
    action_plan = models.TextField(blank=True, help_text="Required for amber: what the member will do, by when.")
    next_review_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-reviewed_on", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="members_review_once_a_year")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.get_rag_display()}"

    def clean(self) -> None:
        if self.rag == Rag.AMBER and not self.action_plan.strip():
            raise ValidationError({"action_plan": "An amber review needs an action plan."})


class ReminderSent(models.Model):
    """A reminder about expiring evidence that has been sent: each is sent once, ever."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.CharField(max_length=500)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["evidence", "kind"], name="members_reminder_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.evidence}"
