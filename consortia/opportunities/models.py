"""Tender notices from the UK's open contracting feeds, and how they got here.

A *release* is one OCDS release exactly as a feed or file sent it (kept unchanged, once: the
same ocid, release id and content are stored one time only). A *notice* is one procurement
process, compiled from all its releases with the OCDS merge rules, with the fields people
search and filter on taken out of it. Feeds remember where they stopped (`FeedState`), so a
scheduled run carries on from there; each fetch or file import is recorded (`IngestRun`).

Notices are public data: everyone with the view permission sees them all, member users
included (`shared_reference`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from consortia.core.models import BaseModel, DataRecord, OwnRowsQuerySet, ScopedModel, money_field
from consortia.opportunities.choices import (
    Decision,
    InterestRole,
    InterestStatus,
    OpportunityKind,
    PipelineStage,
    RunStatus,
    Source,
    Stage,
)

SCORE_MAX = 5  # bid/no-bid scores run from 0 to 5


class Notice(DataRecord):
    """One procurement process (one ocid), compiled from its releases."""

    shared_reference: ClassVar[bool] = True

    ocid = models.CharField("OCID", max_length=150, unique=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    title = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    buyer_name = models.CharField("buyer", max_length=300, blank=True, db_index=True)
    buyer_identifier = models.CharField("buyer's identifier", max_length=150, blank=True)
    value_amount = models.DecimalField("value", max_digits=16, decimal_places=2, null=True, blank=True)
    value_minimum = models.DecimalField("minimum value", max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    published = models.DateTimeField(null=True, blank=True, help_text="When the process was first published.")
    last_release = models.DateTimeField("last updated", null=True, blank=True)
    deadline = models.DateTimeField(
        "submission deadline", null=True, blank=True, help_text="The end of the tender period."
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    status = models.CharField("tender status", max_length=30, blank=True)
    procedure = models.CharField(max_length=30, blank=True, help_text="open, selective, limited or direct")
    procedure_details = models.CharField(max_length=200, blank=True)
    main_category = models.CharField(max_length=20, blank=True, help_text="goods, works or services")
    notice_type = models.CharField(max_length=10, blank=True, help_text="The latest UK notice type (UK1–UK17).")
    region = models.CharField(max_length=200, blank=True, help_text="Where the work is to be delivered.")
    main_cpv = models.CharField("main CPV code", max_length=8, blank=True)
    cpv_codes = models.CharField("CPV codes", max_length=500, blank=True, help_text="Every CPV code, space-separated.")
    suitable_sme = models.BooleanField("suitable for SMEs", null=True, blank=True)
    suitable_vcse = models.BooleanField("suitable for VCSEs", null=True, blank=True)
    url = models.URLField("source notice", max_length=500, blank=True)
    release_count = models.PositiveIntegerField(default=0)
    member_fit = models.PositiveSmallIntegerField(
        "fit with members", default=0, help_text="0 to 100: the best match with a member's capabilities."
    )
    matched_members = models.PositiveIntegerField("members who could deliver it", default=0)
    compiled = models.TextField("compiled release", blank=True, help_text="The compiled release, as JSON.")
    # Title, description, buyer and CPV descriptions in one text for the full-text index.
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [
            models.Index(fields=["deadline"], name="notice_deadline"),
            models.Index(fields=["-published", "-id"], name="notice_published"),
            models.Index(fields=["value_amount"], name="notice_value"),
            # The suitability filters: counting the notices suitable for VCSEs reads this small
            # index instead of every notice's wide row (60 ms → 4 ms at 18,000 notices on SQLite).
            models.Index(fields=["suitable_vcse"], name="notice_vcse"),
            models.Index(fields=["suitable_sme"], name="notice_sme"),
        ]

    def __str__(self) -> str:
        return self.title or self.ocid


class NoticeCpv(models.Model):
    """One CPV code of a notice, for filtering by code and by its parents in the hierarchy."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="cpvs")
    code = models.CharField(max_length=8, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "code"], name="notice_cpv_once")]

    def __str__(self) -> str:
        return self.code


class CpvCode(models.Model):
    """A CPV code and its description, as the feeds and the service categories name them."""

    code = models.CharField(max_length=8, primary_key=True, help_text="Eight digits, without the check digit.")
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "CPV code"

    def __str__(self) -> str:
        return f"{self.code} {self.description}".strip()


class Release(models.Model):
    """One OCDS release as it was received, unchanged; stored once per ocid, id and content."""

    ocid = models.CharField("OCID", max_length=150, db_index=True)
    release_id = models.CharField("release id", max_length=200)
    date = models.DateTimeField(null=True, blank=True)
    tags = models.CharField(max_length=200, blank=True)
    notice_type = models.CharField(max_length=10, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the release's canonical JSON.")
    data = models.TextField(help_text="The release as received, as JSON.")
    notice = models.ForeignKey(Notice, null=True, blank=True, on_delete=models.CASCADE, related_name="releases")
    run = models.ForeignKey("IngestRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    received = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            # The content hash leads so that the import's one query per batch ("which of these
            # hashes are stored?") is answered from this constraint's index.
            models.UniqueConstraint(fields=["content_hash", "ocid", "release_id"], name="release_once"),
        ]
        indexes = [models.Index(fields=["notice", "date"], name="release_notice_date")]

    def __str__(self) -> str:
        return f"{self.ocid} {self.release_id}"


class IngestRun(ScopedModel):
    """One fetch from a feed or one import of files: what was read, stored and refused."""

    source = models.CharField(max_length=10, choices=Source.choices)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    started = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    files = models.TextField(blank=True, help_text="The files or addresses read, one a line.")
    packages_read = models.PositiveIntegerField(default=0)
    packages_committed = models.PositiveIntegerField(default=0)
    packages_refused = models.PositiveIntegerField(default=0)
    releases_read = models.PositiveIntegerField(default=0)
    releases_new = models.PositiveIntegerField(default=0)
    releases_duplicate = models.PositiveIntegerField(default=0)
    notices_created = models.PositiveIntegerField(default=0)
    notices_updated = models.PositiveIntegerField(default=0)
    messages = models.TextField(blank=True, help_text="What was refused and why, one a line.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-started"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.started:%d/%m/%Y %H:%M}"


class ImportedFile(models.Model):
    """A file imported whole (nothing refused): importing the same content again has nothing to do."""

    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    name = models.CharField(max_length=500)
    size = models.PositiveBigIntegerField("size (bytes)")
    releases = models.PositiveIntegerField(default=0)
    imported = models.DateTimeField(auto_now_add=True)
    run = models.ForeignKey(IngestRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-imported"]

    def __str__(self) -> str:
        return self.name


class FeedState(models.Model):
    """Where a feed's scheduled fetch stopped, so the next run carries on from there."""

    source = models.CharField(max_length=10, choices=Source.choices, unique=True)
    window_start = models.DateTimeField(null=True, blank=True, help_text="Start of the window being read.")
    window_end = models.DateTimeField(null=True, blank=True, help_text="End of the window being read.")
    cursor = models.TextField(blank=True, help_text="The address of the next page within the window.")
    last_success = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    paused_until = models.DateTimeField(null=True, blank=True, help_text="The feed asked us to wait until then.")

    def __str__(self) -> str:
        return self.get_source_display()


class Opportunity(BaseModel):
    """An opportunity the hub follows, from a notice or entered by hand, through its pipeline."""

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=OpportunityKind.choices, default=OpportunityKind.CONTRACT)
    notice = models.ForeignKey(
        Notice,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        help_text="The published notice it came from, if any.",
    )
    commissioner = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commissioned_opportunities",
        help_text="The commissioner or funder, from the directory.",
    )
    description = models.TextField(blank=True)
    value = money_field("estimated value", null=True, blank=True)
    clarification_deadline = models.DateTimeField("clarification questions by", null=True, blank=True)
    submission_deadline = models.DateTimeField("submission deadline", null=True, blank=True)
    award_date = models.DateField("expected award", null=True, blank=True)
    start_date = models.DateField("contract start", null=True, blank=True)
    stage = models.CharField(max_length=15, choices=PipelineStage.choices, default=PipelineStage.IDENTIFIED)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_opportunities",
        help_text="Who in the hub is responsible for it.",
    )
    shared_with_members = models.BooleanField(
        "shown to members",
        default=False,
        help_text="Members see it in the portal and can express interest.",
    )
    circulated = models.DateTimeField(
        "circulated to members", null=True, blank=True, help_text="When members were first told of it."
    )
    source_url = models.URLField("link", max_length=500, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["submission_deadline", "pk"]
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        clarification, submission = self.clarification_deadline, self.submission_deadline
        if clarification and submission and clarification > submission:
            errors["clarification_deadline"] = "Clarification questions must be due before the submission deadline."
        if self.award_date and self.submission_deadline and self.award_date < self.submission_deadline.date():
            errors["award_date"] = "The award cannot come before the submission deadline."
        if self.start_date and self.award_date and self.start_date < self.award_date:
            errors["start_date"] = "The contract cannot start before it is awarded."
        if errors:
            raise ValidationError(errors)


class BidCriterion(BaseModel):
    """A criterion of the bid/no-bid decision, with its weight (weights are normalised)."""

    shared_reference: ClassVar[bool] = True

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True, help_text="What a high score means.")
    weight = models.DecimalField(
        max_digits=6, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(Decimal(0))]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "bid/no-bid criterion"
        verbose_name_plural = "bid/no-bid criteria"

    def __str__(self) -> str:
        return self.name


class BidScoreQuerySet(OwnRowsQuerySet):
    """Scorers change only their own scores; whoever may change the opportunity changes any."""

    owner_path = "scorer"
    override_permission = "opportunities.change_opportunity"


class BidScore(BaseModel):
    """One person's score of an opportunity against one bid/no-bid criterion (0 to 5)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="bid_scores")
    criterion = models.ForeignKey(BidCriterion, on_delete=models.PROTECT, related_name="scores")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bid_scores")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(SCORE_MAX)])
    comment = models.CharField(max_length=500, blank=True)

    objects = BidScoreQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["opportunity", "criterion", "scorer"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "criterion", "scorer"], name="bid_score_once_per_scorer")
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} on {self.criterion}: {self.score}"

    def clean(self) -> None:
        if self.score is not None and self.score > SCORE_MAX:
            raise ValidationError({"score": f"Scores run from 0 to {SCORE_MAX}; {self.score} is outside the scale."})


class BidDecision(BaseModel):
    """The decision to bid or not, its rationale, and whose scores were left out and why."""

    opportunity = models.OneToOneField(Opportunity, on_delete=models.CASCADE, related_name="bid_decision")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    rationale = models.TextField(help_text="Why: the board or the hub manager's reasons, in a few sentences.")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField("decided on")
    minute_reference = models.CharField("minute", max_length=100, blank=True)
    weighted_score = models.DecimalField(
        "weighted score (%)", max_digits=5, decimal_places=1, null=True, blank=True, editable=False
    )
    scorers_counted = models.PositiveSmallIntegerField(default=0, editable=False)
    conflicts_recorded = models.TextField(
        "conflicts of interest", blank=True, editable=False, help_text="Whose scores were left out, and why."
    )

    class Meta:
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.opportunity}"


class Interest(BaseModel):
    """A member's expression of interest in an opportunity: the part it proposes to play."""

    organisation_field: ClassVar[str | None] = "organisation"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="opportunity_interests", verbose_name="member"
    )
    role = models.CharField("proposed role", max_length=12, choices=InterestRole.choices)
    areas = models.ManyToManyField("directory.Area", blank=True, related_name="+", help_text="Where you could deliver.")
    capacity = models.TextField(help_text="How many people you could support, with what staff, from when.")
    experience = models.TextField(
        "relevant experience", help_text="Similar work you have done, for whom, and how it went."
    )
    status = models.CharField(max_length=10, choices=InterestStatus.choices, default=InterestStatus.EXPRESSED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["opportunity", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["opportunity", "organisation"], name="interest_once_per_member")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.opportunity}"


class CalendarFeed(models.Model):
    """A person's private address for their calendar of opportunity deadlines (Outlook, Google)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar of {self.user}"


class NoticeMatch(ScopedModel):
    """A member that could deliver a notice, by what it has said it delivers: the score and why."""

    organisation_field: ClassVar[str | None] = "organisation"

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="matches")
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="notice_matches")
    score = models.PositiveSmallIntegerField(help_text="0 to 100: how well the member's capabilities fit.")
    reasons = models.CharField(max_length=500, help_text="What matched, in plain words.")
    matched = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["notice", "organisation"], name="notice_match_once")]
        indexes = [models.Index(fields=["organisation", "-score"], name="match_member_score")]

    def __str__(self) -> str:
        return f"{self.organisation} for {self.notice}: {self.score}"


class SavedSearch(BaseModel):
    """A notice search kept to run again, by a member of hub staff or by a member organisation."""

    organisation_field: ClassVar[str | None] = "organisation"

    name = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="saved_searches"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        help_text="A member's own search, kept in the portal.",
    )
    query = models.CharField(max_length=1000, help_text="The search's filters, as in the address of the results.")
    in_digest = models.BooleanField("include in the weekly e-mail", default=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "saved searches"

    def __str__(self) -> str:
        return self.name


class Circulation(models.Model):
    """When a notice was first put in front of members (a digest, or shown in the portal).

    The hub's service standard "opportunities circulated within N working days of publication"
    is measured from these.
    """

    notice = models.OneToOneField(Notice, on_delete=models.CASCADE, related_name="circulation")
    circulated = models.DateTimeField()
    how = models.CharField(max_length=100, help_text="The weekly digest, or shown in the portal.")
    members = models.PositiveIntegerField("members told", default=0)

    class Meta:
        ordering = ["-circulated"]

    def __str__(self) -> str:
        return f"{self.notice} circulated {self.circulated:%d/%m/%Y}"


class DigestSent(models.Model):
    """One member organisation's weekly digest, sent once per week whatever reruns the command."""

    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the week the digest covers.")
    notices = models.PositiveIntegerField(default=0)
    recipients = models.PositiveIntegerField(default=0)
    sent = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-week", "organisation"]
        constraints = [models.UniqueConstraint(fields=["organisation", "week"], name="digest_once_a_week")]

    def __str__(self) -> str:
        return f"Digest for {self.organisation}, week of {self.week:%d/%m/%Y}"
