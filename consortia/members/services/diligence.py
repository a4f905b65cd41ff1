"""Due diligence: members' evidence against the hub's requirements, its checking, the yearly
review, the compliance picture, reminders about expiring evidence, and THE eligibility rule.

Only *current* evidence counts (evidence not superseded by a newer submission for the same
organisation and requirement). Which requirements are mandatory depends on the organisation's
membership tier (an organisation with no membership is held to the full members' list).
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from consortia.core import uploads
from consortia.core.dates import add_months
from consortia.directory.models import Organisation
from consortia.members.choices import DbsLevel, EvidenceStatus, MembershipStatus, Rag, ReminderKind, Tier
from consortia.members.models import DueDiligenceReview, Evidence, Membership, ReminderSent, Requirement
from consortia.members.reference_diligence import EMPLOYERS_LIABILITY_MINIMUM

EXPIRING_DAYS = 60  # evidence expiring within this many days is flagged
REVIEW_VALID_MONTHS = 12  # a review counts for eligibility for this long
REMINDER_DAYS = (7, 30, 60)  # reminders before expiry, nearest first
# The least cover the law asks of some insurances, by requirement name.
MINIMUM_COVER = {"Employer's liability insurance": Decimal(EMPLOYERS_LIABILITY_MINIMUM)}

MANDATORY_FIELD: dict[str, str] = {
    Tier.FULL: "mandatory_full",
    Tier.ASSOCIATE: "mandatory_associate",
    Tier.PARTNER: "mandatory_partner",
}

# The states of a requirement for an organisation, worst first.
MISSING = "missing"
REJECTED = "rejected"
EXPIRED = "expired"
WAITING = "waiting"
EXPIRING = "expiring"
CURRENT = "current"
STATE_LABELS = {
    MISSING: "Missing",
    REJECTED: "Not accepted",
    EXPIRED: "Expired",
    WAITING: "Waiting to be checked",
    EXPIRING: f"Expiring within {EXPIRING_DAYS} days",
    CURRENT: "Current",
}


def uk_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def is_mandatory(requirement: Requirement, tier: str | None) -> bool:
    return bool(getattr(requirement, MANDATORY_FIELD.get(tier or Tier.FULL, "mandatory_full")))


def renewal_due(evidence: Evidence) -> date | None:
    """When the evidence runs out (`Evidence.renewal_due`)."""
    return evidence.renewal_due()


def state_of(evidence: Evidence | None, today: date) -> str:
    """The state of one requirement given its current evidence (None when there is none)."""
    if evidence is None:
        return MISSING
    return state_for(evidence.status, renewal_due(evidence), today)


def state_for(status: str, due: date | None, today: date) -> str:
    """The state of evidence with this status and renewal date."""
    if status == EvidenceStatus.REJECTED:
        return REJECTED
    if due is not None and due < today:
        return EXPIRED
    if status == EvidenceStatus.SUBMITTED:
        return WAITING
    if due is not None and due <= today + timedelta(days=EXPIRING_DAYS):
        return EXPIRING
    return CURRENT


# -- submitting and checking evidence ---------------------------------------------------------


def evidence_errors(
    requirement: Requirement | None,
    *,
    file: Any = None,
    answer: str = "",
    issued_on: date | None = None,
    expires_on: date | None = None,
    cover_amount: Decimal | None = None,
    dbs_level: str = "",
) -> dict[str, list[str]]:
    """What is wrong with evidence for `requirement`, by field (empty when nothing is).

    Shared by `submit_evidence`, the evidence form and the API, so they refuse the same things.
    An upload (an `UploadedFile`) is checked by its content: its kind, size and that it is not empty.
    """
    errors: dict[str, list[str]] = defaultdict(list)
    if requirement is None:
        errors["requirement"].append("Choose the requirement this evidence is for.")
        return dict(errors)
    if not requirement.active:
        errors["requirement"].append(f"“{requirement}” is no longer asked for.")
    if requirement.kind == "document" and not file:
        errors["file"].append(f"Upload the document for “{requirement}”.")
    if requirement.kind == "answer" and not (answer or "").strip():
        errors["answer"].append(f"Give your answer for “{requirement}”.")
    if isinstance(file, UploadedFile):
        try:
            uploads.check_upload(file, requirement.name, uploads.EVIDENCE)
        except ValidationError as error:
            errors["file"].extend(error.messages)
    if requirement.needs_expiry and not expires_on:
        errors["expires_on"].append(f"Give the expiry date of the {requirement.name.lower()}.")
    if issued_on and expires_on and expires_on < issued_on:
        errors["expires_on"].append("The expiry date is before the issue date.")
    if requirement.needs_cover_amount:
        if cover_amount is None:
            errors["cover_amount"].append(f"Give the amount of cover of the {requirement.name.lower()}.")
        elif cover_amount <= 0:
            errors["cover_amount"].append("The amount of cover must be more than £0.")
        elif (minimum := MINIMUM_COVER.get(requirement.name)) and cover_amount < minimum:
            errors["cover_amount"].append(
                f"The law asks for at least £{minimum:,.0f} of {requirement.name.lower()}; "
                f"£{cover_amount:,.2f} is less."
            )
    if requirement.needs_dbs_level and not dbs_level:
        errors["dbs_level"].append("Give the highest level of DBS check you use.")
    if dbs_level and dbs_level not in DbsLevel.values:
        errors["dbs_level"].append(f"“{dbs_level}” is not a DBS level.")
    return dict(errors)


def store_upload(evidence: Evidence, upload: UploadedFile) -> None:
    """Keep the name the member gave the file, and store it under a random one."""
    evidence.original_filename = PurePath(upload.name or "").name[:255]
    uploads.private_name(upload)
    evidence.file = upload  # type: ignore[assignment]


def supersede_earlier(evidence: Evidence, user: Any) -> int:
    """Mark the organisation's earlier current evidence for the same requirement as replaced by `evidence`."""
    earlier = Evidence.objects.filter(
        organisation_id=evidence.organisation_id, requirement_id=evidence.requirement_id, superseded_by__isnull=True
    ).exclude(pk=evidence.pk)
    count = 0
    for old in earlier:
        old.superseded_by = evidence
        old.stamp(user)
        old.save(update_fields=["superseded_by", "updated", "updated_by"])
        count += 1
    return count


def submit_evidence(
    organisation: Organisation,
    requirement: Requirement,
    user: Any,
    *,
    file: Any = None,
    answer: str = "",
    issued_on: date | None = None,
    expires_on: date | None = None,
    cover_amount: Decimal | None = None,
    dbs_level: str = "",
) -> Evidence:
    """A member's evidence for a requirement, waiting to be checked; it replaces (supersedes) any
    earlier current evidence for the same requirement. Raises `ValidationError` keyed by field, and
    then nothing is saved (neither the record nor the file)."""
    errors = evidence_errors(
        requirement,
        file=file,
        answer=answer,
        issued_on=issued_on,
        expires_on=expires_on,
        cover_amount=cover_amount,
        dbs_level=dbs_level,
    )
    if errors:
        raise ValidationError(errors)
    evidence = Evidence(
        organisation=organisation,
        requirement=requirement,
        answer=(answer or "").strip(),
        issued_on=issued_on,
        expires_on=expires_on,
        cover_amount=cover_amount,
        dbs_level=dbs_level or "",
        status=EvidenceStatus.SUBMITTED,
    )
    if file:
        store_upload(evidence, file)
    evidence.full_clean()
    try:
        with transaction.atomic():
            evidence.stamp(user)
            evidence.save()
            supersede_earlier(evidence, user)
    except Exception:
        if evidence.file and evidence.file.name:
            with contextlib.suppress(Exception):
                evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def can_check(user: Any) -> bool:
    """Checking evidence is the hub's: staff with the change permission, not member organisations' users."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.has_perm("members.change_evidence")
        and getattr(user, "organisation_id", None) is None
    )


def _checkable(evidence: Evidence, user: Any) -> None:
    if not can_check(user):
        raise PermissionDenied("Only the hub's staff can check evidence.")
    if evidence.superseded_by_id:
        raise ValidationError({"status": "This evidence has been replaced by newer evidence; check that instead."})


@transaction.atomic
def verify_evidence(evidence: Evidence, user: Any) -> Evidence:
    """The hub accepts the evidence."""
    _checkable(evidence, user)
    evidence.status = EvidenceStatus.VERIFIED
    evidence.verified_by = user
    evidence.verified_at = timezone.now()
    evidence.rejection_reason = ""
    evidence.stamp(user)
    evidence.save()
    return evidence


@transaction.atomic
def reject_evidence(evidence: Evidence, reason: str, user: Any) -> Evidence:
    """The hub does not accept the evidence, saying why (the member is shown the reason)."""
    _checkable(evidence, user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"rejection_reason": "Say why the evidence is not accepted, so the member can put it right."}
        )
    evidence.status = EvidenceStatus.REJECTED
    evidence.verified_by = user
    evidence.verified_at = timezone.now()
    evidence.rejection_reason = reason[:500]
    evidence.stamp(user)
    evidence.save()
    return evidence


@transaction.atomic
def record_review(
    organisation: Organisation,
    year: int,
    rag: str,
    reasons: str,
    action_plan: str,
    user: Any,
    reviewed_on: date | None = None,
) -> DueDiligenceReview:
    """The hub's yearly due-diligence review of a member (one a year: recording it again updates it).

    Amber needs an action plan; the next review falls due a year after this one.
    """
    reviewed_on = reviewed_on or timezone.localdate()
    review = DueDiligenceReview.objects.filter(organisation=organisation, year=year).first() or DueDiligenceReview(
        organisation=organisation, year=year
    )
    review.reviewed_on = reviewed_on
    review.reviewer = user
    review.rag = rag
    review.reasons = (reasons or "").strip()
    review.action_plan = (action_plan or "").strip()
    review.next_review_due = add_months(reviewed_on, REVIEW_VALID_MONTHS)
    review.full_clean()
    review.stamp(user)
    review.save()
    return review


# -- compliance ---------------------------------------------------------------------------------


@dataclass
class RequirementState:
    requirement: Requirement
    evidence: Evidence | None
    state: str
    mandatory: bool

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def due(self) -> date | None:
        return renewal_due(self.evidence) if self.evidence else None


@dataclass
class OrganisationCompliance:
    organisation: Organisation
    membership: Membership | None
    rows: list[RequirementState] = field(default_factory=list)

    def having(self, state: str) -> list[RequirementState]:
        return [row for row in self.rows if row.state == state]

    @property
    def missing_mandatory(self) -> list[RequirementState]:
        return [row for row in self.rows if row.state == MISSING and row.mandatory]

    @property
    def complete(self) -> bool:
        """Every mandatory requirement has current or expiring (still valid, checked) evidence."""
        return all(row.state in (CURRENT, EXPIRING) for row in self.rows if row.mandatory)


def _organisations(organisations: Any) -> QuerySet[Organisation]:
    # Only what the compliance rows show: the name, and the membership's tier and status.
    base = (
        Organisation.objects.select_related("membership")
        .only("name", "membership__tier", "membership__status")
        .order_by("name", "pk")
    )
    if organisations is None:
        return base.filter(membership__isnull=False)
    if isinstance(organisations, QuerySet):
        return base.filter(pk__in=organisations.values("pk"))
    return base.filter(pk__in=[org.pk for org in organisations])


def compliance(
    organisations: Iterable[Organisation] | None = None, today: date | None = None, *, user: Any = None
) -> list[OrganisationCompliance]:
    """Per organisation (members, by default), the state of every active requirement.

    Three queries whatever the number of organisations: the organisations with their
    memberships, the requirements, and the current evidence. Given `user`, only what they may
    view is read (a page passes the signed-in user).
    """
    today = today or timezone.localdate()
    orgs_qs = _organisations(organisations)
    requirements_qs = Requirement.objects.filter(active=True).order_by("order", "name")
    evidence_qs = Evidence.objects.all()
    if user is not None:
        orgs_qs = orgs_qs.restrict(user, "view")  # type: ignore[attr-defined]
        requirements_qs = requirements_qs.restrict(user, "view")  # type: ignore[attr-defined]
        evidence_qs = evidence_qs.restrict(user, "view")  # type: ignore[attr-defined]
    orgs = list(orgs_qs)
    requirements = list(requirements_qs)
    current: dict[tuple[int, int], Evidence] = {}
    evidence = evidence_qs.filter(
        organisation__in=[org.pk for org in orgs],
        superseded_by__isnull=True,
        requirement__in=[requirement.pk for requirement in requirements],
    ).order_by("created", "pk")
    # Only what the state and the renewal date are worked out from (`Evidence.renewal_due`):
    # hundreds of rows a page, each whole costing more to read than the rest of the page's work.
    evidence = evidence.only("organisation", "requirement", "status", "issued_on", "expires_on", "created")
    by_pk = {requirement.pk: requirement for requirement in requirements}
    for item in evidence:
        item.requirement = by_pk[item.requirement_id]  # read once above, not once per row
        current[(item.organisation_id, item.requirement_id)] = item  # the newest wins
    result = []
    for org in orgs:
        membership = getattr(org, "membership", None)
        tier = membership.tier if membership else None
        rows = [
            RequirementState(
                requirement,
                current.get((org.pk, requirement.pk)),
                state_of(current.get((org.pk, requirement.pk)), today),
                is_mandatory(requirement, tier),
            )
            for requirement in requirements
        ]
        result.append(OrganisationCompliance(org, membership, rows))
    return result


def compliance_totals(members: QuerySet[Organisation], today: date | None = None, *, user: Any) -> dict[str, int]:
    """Across all of `members` (organisations with a membership): how many requirements are in
    each state (`state_of`), how many mandatory ones are missing, and how many members there
    are, counted by the database rather than row by row, so that a dashboard of thousands of
    members can show them. Three queries: the requirements, the members by tier, and one pass
    over the current evidence counting every state and the mandatory evidence held.

    Counts current evidence (not superseded), one per organisation and requirement, as
    `submit_evidence` keeps it.
    """
    today = today or timezone.localdate()
    horizon = today + timedelta(days=EXPIRING_DAYS)
    # Reference data: a user reads all the requirements or none (`Requirement.shared_reference`).
    visible = list(Requirement.objects.restrict(user, "view"))
    requirements = [r for r in visible if r.active]
    totals = dict.fromkeys((MISSING, REJECTED, EXPIRED, WAITING, EXPIRING, CURRENT), 0)
    tiers = dict(members.order_by().values_list("membership__tier").annotate(count=Count("pk")))
    mandatory = {tier: {r.pk for r in requirements if is_mandatory(r, tier)} for tier in MANDATORY_FIELD}
    current = Evidence.objects.restrict(user, "view").filter(
        superseded_by__isnull=True, organisation__in=members.order_by().values("pk")
    )
    if len(requirements) < len(visible) or not visible:
        # Only some requirements count; when all do, every evidence row is for one of them and
        # the test would cost a lookup per row for nothing.
        current = current.filter(requirement_id__in=[r.pk for r in requirements])
    # One pass over the index on (current, organisation, status, renewal date), member by member:
    # the states are `state_for`'s rule written as conditions on the stored renewal date. Every
    # condition is tested on every entry, so each tests its rarer part first.
    rejected, submitted = EvidenceStatus.REJECTED, EvidenceStatus.SUBMITTED
    counted: dict[str, Any] = {
        "all": Count("pk"),
        REJECTED: Count("pk", filter=Q(status=rejected)),
        EXPIRED: Count("pk", filter=Q(renews_on__lt=today) & ~Q(status=rejected)),
        WAITING: Count("pk", filter=Q(status=submitted) & (Q(renews_on__gte=today) | Q(renews_on__isnull=True))),
        EXPIRING: Count(
            "pk", filter=Q(renews_on__gte=today, renews_on__lte=horizon) & ~Q(status__in=[rejected, submitted])
        ),
    }
    # Mandatory evidence held: all of it for a requirement every tier must meet (all the evidence
    # less the rest, which is the fewer to test); for one only some tiers must meet, the evidence
    # of those tiers' members (their ids read once, not a lookup per row).
    every_tier = set.intersection(*mandatory.values())
    if others := {r.pk for r in requirements} - every_tier:
        counted["others"] = Count("pk", filter=Q(requirement_id__in=others))
    for tier, ids in mandatory.items():
        if ids - every_tier:
            of_tier = Membership.objects.filter(tier=tier).values("organisation_id")
            counted[tier] = Count("pk", filter=Q(requirement_id__in=ids - every_tier) & Q(organisation_id__in=of_tier))
    counts = current.order_by().aggregate(**counted)
    for state in (REJECTED, EXPIRED, WAITING, EXPIRING):
        totals[state] = counts[state]
    totals[CURRENT] = counts["all"] - sum(totals.values())
    held = counts["all"] - counts.get("others", 0) + sum(counts.get(tier, 0) for tier in mandatory)
    totals[MISSING] = sum(count * len(mandatory.get(tier, ())) for tier, count in tiers.items()) - held
    totals["members"] = sum(tiers.values())
    return totals


# -- THE eligibility rule -----------------------------------------------------------------------


def _latest_review(today: date) -> QuerySet[DueDiligenceReview]:
    return DueDiligenceReview.objects.filter(organisation=OuterRef("pk"), reviewed_on__lte=today).order_by(
        "-reviewed_on", "-pk"
    )


def eligible_organisations(today: date | None = None, among: Iterable[int] | None = None) -> QuerySet[Organisation]:
    """THE eligibility rule, for subcontracts, bid partnerships and anything else that asks
    "may this member deliver for us?":

    an organisation is eligible when its **membership is active** AND its **latest due-diligence
    review** (the one with the latest `reviewed_on`, on or before `today`) was **within the last
    12 months** (reviewed on or after the same day a year ago) AND was graded **green or amber**.

    No review, a review older than 12 months, or a red latest review (even after an earlier
    green one) make an organisation ineligible. Evidence states do not enter into it: the review
    is where the hub weighs them. Returns a plain queryset of organisations (one query), of
    those in `among` (ids) when given.
    """
    today = today or timezone.localdate()
    cutoff = add_months(today, -REVIEW_VALID_MONTHS)
    latest = _latest_review(today)
    graded = (
        Organisation.objects.filter(membership__status=MembershipStatus.ACTIVE)
        .annotate(
            latest_rag=Subquery(latest.values("rag")[:1]), latest_reviewed_on=Subquery(latest.values("reviewed_on")[:1])
        )
        .filter(latest_rag__in=[Rag.GREEN, Rag.AMBER], latest_reviewed_on__gte=cutoff)
    )
    if among is not None:
        # Only these organisations' reviews are looked at (a page of members), not every member's.
        graded = graded.filter(pk__in=list(among))
    return Organisation.objects.filter(pk__in=graded.values("pk"))


def is_eligible(organisation: Organisation, today: date | None = None) -> bool:
    """Whether `organisation` meets THE eligibility rule (see `eligible_organisations`)."""
    return eligible_organisations(today).filter(pk=organisation.pk).exists()


def review_grades(organisations: Iterable[Organisation], today: date | None = None) -> dict[int, str]:
    """The grade (green, amber, red) of each organisation's latest review within the last 12
    months, or "none": for showing beside a member. One query."""
    today = today or timezone.localdate()
    cutoff = add_months(today, -REVIEW_VALID_MONTHS)
    ids = [org.pk for org in organisations]
    grades = dict.fromkeys(ids, "none")
    latest = _latest_review(today)
    rows = (
        Organisation.objects.filter(pk__in=ids)
        .annotate(rag=Subquery(latest.values("rag")[:1]), on=Subquery(latest.values("reviewed_on")[:1]))
        .values_list("pk", "rag", "on")
    )
    for pk, rag, on in rows:
        if rag and on and on >= cutoff:
            grades[pk] = rag
    return grades


# -- reminders ----------------------------------------------------------------------------------


def _due_reminder(expires_on: date, today: date) -> str:
    """The nearest reminder due: 'expired', '7', '30', '60', or '' when none is due yet."""
    days = (expires_on - today).days
    if days < 0:
        return ReminderKind.EXPIRED
    for threshold in REMINDER_DAYS:
        if days <= threshold:
            return str(threshold)
    return ""


def upload_path(requirement: Requirement) -> str:
    """Where a member uploads evidence for `requirement`: their portal, else the evidence form."""
    try:
        return reverse("portal:evidence_upload", args=[requirement.pk])
    except NoReverseMatch:
        return f"{reverse('members:evidence_add')}?requirement={requirement.pk}"


def _site(path: str) -> str:
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}"


def send_reminders(today: date | None = None) -> dict[str, int]:
    """E-mail reminders about expiring evidence; each is sent once, ever (`ReminderSent`).

    The member organisation's users (or, if it has none, its e-mail address) are told 60, 30
    and 7 days before current evidence expires — only the nearest reminder due, so a missed run
    catches up without sending stale ones; the hub's managers are told when it has expired.
    Uses the evidence's expiry date. Returns the number sent of each kind.
    """
    from consortia.users import roles
    from consortia.users.models import User

    today = today or timezone.localdate()
    counts = dict.fromkeys(ReminderKind.values, 0)
    counts["no_recipient"] = 0
    evidence = list(
        Evidence.objects.filter(
            superseded_by__isnull=True,
            expires_on__isnull=False,
            expires_on__lte=today + timedelta(days=max(REMINDER_DAYS)),
        )
        .exclude(status=EvidenceStatus.REJECTED)
        .select_related("organisation", "requirement")
        .prefetch_related("reminders")
        .order_by("expires_on", "pk")
    )
    org_ids = {item.organisation_id for item in evidence}
    member_emails: dict[int, list[str]] = defaultdict(list)
    for org_id, email in (
        User.objects.filter(organisation_id__in=org_ids, is_active=True)
        .order_by("email")
        .values_list("organisation_id", "email")
    ):
        member_emails[org_id].append(email)
    hub_emails = list(
        User.objects.filter(groups__name=roles.HUB_MANAGER, is_active=True, organisation__isnull=True)
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    for item in evidence:
        assert item.expires_on is not None
        kind = _due_reminder(item.expires_on, today)
        if not kind or any(sent.kind == kind for sent in item.reminders.all()):
            continue
        if kind == ReminderKind.EXPIRED:
            recipients = hub_emails
            subject, body = _expired_message(item)
        else:
            recipients = member_emails.get(item.organisation_id) or (
                [item.organisation.email] if getattr(item.organisation, "email", "") else []
            )
            subject, body = _expiring_message(item, int(kind))
        if not recipients:
            counts["no_recipient"] += 1
            continue
        with transaction.atomic():
            # The record first: if it cannot be made (another run got there), nothing is sent twice.
            ReminderSent.objects.create(evidence=item, kind=kind, recipients=", ".join(recipients)[:500])
            send_mail(subject, body, None, recipients)
        counts[kind] += 1
    return counts


def _expiring_message(evidence: Evidence, days: int) -> tuple[str, str]:
    requirement = evidence.requirement
    expires = uk_date(evidence.expires_on)
    subject = f"Your {requirement.name.lower()} expires on {expires}"
    body = (
        f"Hello,\n\n"
        f"The evidence {evidence.organisation} gave us for “{requirement.name}” expires on {expires}"
        f" (within {days} days).\n\n"
        f"To stay able to deliver contracts through the consortium, please upload the renewed "
        f"evidence before then at:\n{_site(upload_path(requirement))}\n\n"
        f"What we need: {requirement.description}\n\n"
        f"Thank you.\n"
    )
    return subject, body


def _expired_message(evidence: Evidence) -> tuple[str, str]:
    requirement = evidence.requirement
    expires = uk_date(evidence.expires_on)
    subject = f"Expired: {requirement.name} for {evidence.organisation}"
    body = (
        f"The evidence {evidence.organisation} gave for “{requirement.name}” expired on {expires}, "
        f"and no newer evidence has been uploaded.\n\n"
        f"The member can upload the renewed evidence at:\n{_site(upload_path(requirement))}\n\n"
        f"The evidence: {_site(evidence.get_absolute_url())}\n"
    )
    return subject, body
