"""The bid workspace and the answer library.

A *bid* is started from an opportunity the hub decided to bid for. It has a bid manager and a
team, *partners* (eligible members, each with a share of delivery and a delivery cost), a
*timetable* of internal deadlines, *questions* (imported from the commissioner's Word or Excel
list, or typed) with their answers, *clarifications*, a *compliance checklist* whose items point
at the partners' due-diligence evidence (pulled in, never uploaded again), pricing (the partners'
costs and the hub's management fee) and, at the end, the submission and the outcome.

A member organisation's user sees a bid only where their organisation is a partner, and only the
questions assigned to their organisation's partner record (`organisation_field`).

The *answer library* keeps reusable answers and case studies with their review cycle; each use
in a bid is recorded (`LibraryUse`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from consortia.bids.choices import BidStatus, EntryKind, LimitKind, Outcome, PartnerRole, QuestionStatus
from consortia.core.models import BaseModel, PortalEditsQuerySet, money_field

DEFAULT_TOP_SLICE = Decimal("7.5")
WORD = re.compile(r"\S+")


def percent_field(verbose_name: str, **kwargs: object) -> models.DecimalField:
    """A percentage from 0 to 100 with two decimal places."""
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        **kwargs,  # type: ignore[arg-type]
    )


def word_count(text: str) -> int:
    """Words as a commissioner's portal counts them: runs of characters between spaces."""
    return len(WORD.findall(text or ""))


class Bid(BaseModel):
    """A bid for one opportunity: who writes it, the partners, the questions, the price, the result."""

    organisation_field: ClassVar[str | None] = "partners__organisation"

    opportunity = models.OneToOneField(
        "opportunities.Opportunity", on_delete=models.PROTECT, related_name="bid", help_text="Decided: bid."
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="managed_bids", verbose_name="bid manager"
    )
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="bid_teams")
    status = models.CharField(max_length=10, choices=BidStatus.choices, default=BidStatus.WRITING, editable=False)
    top_slice = percent_field(
        "management fee (%)",
        default=DEFAULT_TOP_SLICE,
        help_text="The hub's management fee (top-slice), added to the partners' delivery costs.",
    )
    submitted_at = models.DateTimeField("submitted", null=True, blank=True, editable=False)
    submission_reference = models.CharField(max_length=200, blank=True, editable=False)
    outcome = models.CharField(max_length=5, choices=Outcome.choices, blank=True, editable=False)
    outcome_on = models.DateField("outcome told on", null=True, blank=True, editable=False)
    total_score = models.DecimalField(
        "total score (%)", max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    feedback = models.TextField("commissioner's feedback", blank=True, editable=False)
    lessons_learned = models.TextField(blank=True, editable=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.opportunity.title if self.opportunity_id else "Bid"

    def clean(self) -> None:
        from consortia.opportunities.choices import Decision

        if self.opportunity_id and self._state.adding:
            decision = getattr(self.opportunity, "bid_decision", None)
            if decision is None or decision.decision != Decision.BID:
                raise ValidationError(
                    {"opportunity": "A bid can be started only for an opportunity the hub decided to bid for."}
                )


class BidPartner(BaseModel):
    """A member delivering in the bid: its role, share of delivery and delivery cost."""

    organisation_field: ClassVar[str | None] = "organisation"

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="bid_partnerships", verbose_name="member"
    )
    role = models.CharField(max_length=12, choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    delivery_share = percent_field("share of delivery (%)", default=Decimal(0))
    delivery_cost = money_field("delivery cost (£)", default=Decimal(0))
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["bid", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["bid", "organisation"], name="bid_partner_once")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.bid}" if self.organisation_id and self.bid_id else "Partner"

    @property
    def heading(self) -> str:
        """The record's name as the lists show it (the first column)."""
        return str(self)

    def clean(self) -> None:
        from consortia.members.services.diligence import is_eligible

        if not self.organisation_id:
            return
        stored = (
            None
            if self._state.adding
            else BidPartner.objects.filter(pk=self.pk).values_list("organisation_id", flat=True).first()
        )
        if stored != self.organisation_id and not is_eligible(self.organisation):
            raise ValidationError(
                {
                    "organisation": f"{self.organisation} is not eligible to be a bid partner: only active members "
                    "whose latest due-diligence review, within the last 12 months, is green or amber are."
                }
            )


class Milestone(BaseModel):
    """An internal deadline in the bid's timetable (first drafts, review, sign-off)."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(max_length=200)
    due_on = models.DateField("due")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["bid", "due_on", "pk"]
        verbose_name = "timetable milestone"

    def __str__(self) -> str:
        return f"{self.name} ({self.due_on:%d/%m/%Y})" if self.due_on else self.name

    @property
    def heading(self) -> str:
        """The record's name as the lists show it (the first column)."""
        return str(self)


class BidQuestion(BaseModel):
    """One question of the commissioner's list, its limits, who answers it, and the answer."""

    organisation_field: ClassVar[str | None] = "assigned_partner__organisation"

    # A partner's user answers in the portal; the staff form (limits, weighting) is the hub's.
    objects = PortalEditsQuerySet.as_manager()  # type: ignore[misc]

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="questions")
    number = models.CharField(max_length=20, help_text="As the commissioner numbers it, e.g. 3.2.")
    order = models.PositiveIntegerField(default=0, help_text="Its place in the question list.")
    section = models.CharField(max_length=200, blank=True)
    text = models.TextField("question")
    limit_kind = models.CharField(max_length=10, choices=LimitKind.choices, default=LimitKind.WORDS)
    limit = models.PositiveIntegerField(null=True, blank=True, help_text="Most words or characters allowed.")
    weighting = percent_field("weighting (%)", null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_bid_questions",
        help_text="Who in the hub is responsible for the answer.",
    )
    assigned_partner = models.ForeignKey(
        BidPartner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name="assigned to partner",
        help_text="The partner who writes the answer in the portal.",
    )
    due_on = models.DateField("due", null=True, blank=True)
    status = models.CharField(max_length=12, choices=QuestionStatus.choices, default=QuestionStatus.NOT_STARTED)
    answer = models.TextField(blank=True)
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField("out of", max_digits=6, decimal_places=2, null=True, blank=True)
    feedback = models.TextField("commissioner's feedback", blank=True)

    class Meta:
        ordering = ["bid", "order", "pk"]
        verbose_name = "bid question"
        constraints = [models.UniqueConstraint(fields=["bid", "number"], name="bid_question_number_once")]

    def __str__(self) -> str:
        words = " ".join((self.text or "").split()[:12])
        return f"{self.number} {words}".strip()

    @property
    def heading(self) -> str:
        """The record's name as the lists show it (the first column)."""
        return str(self)

    @property
    def used(self) -> int:
        """Words or characters the answer uses, as its limit counts them."""
        if self.limit_kind == LimitKind.CHARACTERS:
            return len(self.answer or "")
        return word_count(self.answer)

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.used > self.limit

    def clean(self) -> None:
        errors = {}
        if self.assigned_partner is not None and self.bid_id and self.assigned_partner.bid_id != self.bid_id:
            errors["assigned_partner"] = "The partner must be a partner in this bid."
        if self.score is not None and self.max_score is not None and self.score > self.max_score:
            errors["score"] = f"The score cannot be more than the most available ({self.max_score})."
        if self.status == QuestionStatus.FINAL and self.over_limit:
            errors["status"] = (
                f"The answer uses {self.used} {self.get_limit_kind_display().lower()}, over the limit of {self.limit}; shorten it before marking it final."
            )
        if errors:
            raise ValidationError(errors)


class Clarification(BaseModel):
    """A clarification question put to the commissioner, and the answer published."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="clarifications")
    reference = models.CharField(max_length=50, blank=True, help_text="The commissioner's number for it.")
    question = models.TextField()
    asked_on = models.DateField(null=True, blank=True)
    answer = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["bid", "asked_on", "pk"]

    def __str__(self) -> str:
        return " ".join((self.question or "").split()[:10])

    def clean(self) -> None:
        if self.asked_on and self.answered_on and self.answered_on < self.asked_on:
            raise ValidationError({"answered_on": "The answer cannot come before the question was asked."})


class ComplianceItem(BaseModel):
    """A line of the bid's compliance checklist: a partner's due-diligence document, or the hub's own item.

    A partner's document is not uploaded again: the item points at the evidence the member gave
    for the requirement (`pull_in_evidence`), and its state is that evidence's.
    """

    organisation_field: ClassVar[str | None] = "partner__organisation"

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="compliance_items")
    name = models.CharField(max_length=200)
    partner = models.ForeignKey(
        BidPartner, null=True, blank=True, on_delete=models.CASCADE, related_name="compliance_items"
    )
    requirement = models.ForeignKey(
        "members.Requirement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.ForeignKey(
        "members.Evidence", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    done = models.BooleanField(
        "in hand", default=False, help_text="For the hub's own items (the signed form of tender)."
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["bid", "partner__organisation__name", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "partner", "requirement"], name="compliance_requirement_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.partner.organisation})" if self.partner is not None else self.name

    @property
    def heading(self) -> str:
        """The record's name as the lists show it (the first column)."""
        return str(self)

    def clean(self) -> None:
        if self.partner is not None and self.bid_id and self.partner.bid_id != self.bid_id:
            raise ValidationError({"partner": "The partner must be a partner in this bid."})


class LibraryEntry(BaseModel):
    """A reusable answer or case study, with its owner and review cycle, and how often it was reused."""

    kind = models.CharField(max_length=12, choices=EntryKind.choices, default=EntryKind.ANSWER)
    title = models.CharField(max_length=200)
    question = models.TextField(blank=True, help_text="The kind of question it answers.")
    text = models.TextField("answer")
    tags = models.CharField(max_length=300, blank=True, help_text="Comma-separated, e.g. safeguarding, outcomes.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="library_entries"
    )
    last_reviewed = models.DateField(null=True, blank=True)
    review_months = models.PositiveSmallIntegerField(
        "review cycle (months)", default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    reuse_count = models.PositiveIntegerField(default=0, editable=False)
    saved_from = models.OneToOneField(
        BidQuestion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="saved_entry",
        editable=False,
        help_text="The final answer it was saved from.",
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = "library entry"
        verbose_name_plural = "answer library"

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in (self.tags or "").split(",") if tag.strip()]

    @property
    def freshness(self) -> str:
        from consortia.bids.services.library import freshness

        return freshness(self)


class LibraryUse(BaseModel):
    """An entry of the library inserted into a bid's question: where each entry was used."""

    entry = models.ForeignKey(LibraryEntry, on_delete=models.CASCADE, related_name="uses")
    question = models.ForeignKey(BidQuestion, on_delete=models.CASCADE, related_name="library_uses")

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["entry", "question"], name="library_use_once")]

    def __str__(self) -> str:
        return f"{self.entry} in {self.question.bid}" if self.entry_id and self.question_id else "Use"

    @property
    def heading(self) -> str:
        """The record's name as the lists show it (the first column)."""
        return str(self)
