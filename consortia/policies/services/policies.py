"""The policy library's operations: approving a version, members acknowledging it, who has not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from consortia.core.dates import add_months
from consortia.directory.models import Organisation
from consortia.policies.choices import Audience, VersionStatus
from consortia.policies.models import Acknowledgement, Policy, PolicyVersion
from consortia.policies.reference import load_policy_areas


def load_starter_areas() -> int:
    """Add the starter list's policy areas that are missing (by name); returns how many were added."""
    return load_policy_areas(apps)


def active_members() -> QuerySet[Organisation]:
    from consortia.members.choices import MembershipStatus

    return Organisation.objects.filter(membership__status=MembershipStatus.ACTIVE)


def required_organisations(policy: Policy) -> QuerySet[Organisation]:
    """The organisations that must acknowledge the policy (none unless it asks for acknowledgement)."""
    if not (policy.active and policy.acknowledgement_required):
        return Organisation.objects.none()
    if policy.audience == Audience.ALL:
        return active_members()
    return policy.members.all()


@transaction.atomic
def approve_version(
    version: PolicyVersion, user: Any, approved_on: date | None = None, approval_minute: str = "", decision: Any = None
) -> PolicyVersion:
    """Approve a draft version: it becomes the policy's current version, the one approved before is
    superseded, and the next review is due the review period after the approval date.

    Refused for a version that is not a draft, that has no file, approved on a date still to come,
    or when the next review date it would set has already passed."""
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    policy = Policy.objects.select_for_update().get(pk=version.policy_id)
    today = timezone.localdate()
    approved_on = approved_on or today
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            f"Version {version.number} is {version.get_status_display().lower()}: only a draft can be approved."
        )
    if not version.file:
        raise ValidationError({"file": "Upload the policy document before approving the version."})
    if approved_on > today:
        raise ValidationError({"approved_on": "A version cannot be approved on a date still to come."})
    next_review = add_months(approved_on, policy.review_period_months)
    if next_review < today:
        raise ValidationError(
            {
                "approved_on": f"Approved on {approved_on:%d/%m/%Y} with a review every {policy.review_period_months} "
                f"months, the policy's next review would be due on {next_review:%d/%m/%Y}, which has already passed. "
                "A policy cannot be approved with its review date in the past: review it first, then approve it "
                "with the date of the review."
            }
        )
    if decision is not None and decision.outcome != "carried":
        raise ValidationError(
            {"decision": f"The board's decision “{decision}” was not carried: it cannot approve a policy."}
        )
    previous = list(PolicyVersion.objects.filter(policy=policy, status=VersionStatus.APPROVED).exclude(pk=version.pk))
    for old in previous:
        old.status = VersionStatus.SUPERSEDED
        old.stamp(user)
        old.save(update_fields=["status", "updated", "updated_by"])
    version.status = VersionStatus.APPROVED
    version.approved_on = approved_on
    if approval_minute:
        version.approval_minute = approval_minute
    if decision is not None:
        version.approved_by_decision = decision
    version.stamp(user)
    version.save()
    policy.current_version = version
    policy.next_review_on = next_review
    policy.stamp(user)
    policy.save(update_fields=["current_version", "next_review_on", "updated", "updated_by"])
    version.policy = policy
    return version


@transaction.atomic
def acknowledge(version: PolicyVersion, organisation: Organisation, user: Any) -> Acknowledgement:
    """Record that the organisation has read and accepts the policy's current version."""
    policy = Policy.objects.get(pk=version.policy_id)
    if version.status != VersionStatus.APPROVED or policy.current_version_id != version.pk:
        raise ValidationError({"version": "Only a policy's current approved version can be acknowledged."})
    if not required_organisations(policy).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": f"{organisation} is not asked to acknowledge “{policy}”."})
    if getattr(user, "organisation_id", None) not in (None, organisation.pk):
        raise ValidationError({"organisation": "You can acknowledge policies only for your own organisation."})
    if Acknowledgement.objects.filter(version=version, organisation=organisation).exists():
        raise ValidationError({"version": f"{organisation} has already acknowledged {version}."})
    acknowledgement = Acknowledgement(
        version=version, organisation=organisation, acknowledged_by=user, acknowledged_on=timezone.localdate()
    )
    acknowledgement.stamp(user)
    try:
        with transaction.atomic():
            acknowledgement.save()
    except IntegrityError:  # acknowledged by a colleague a moment ago
        raise ValidationError({"version": f"{organisation} has already acknowledged {version}."}) from None
    return acknowledgement


@dataclass(frozen=True)
class Outstanding:
    """A member organisation that has not acknowledged a policy's current version."""

    policy: Policy
    version: PolicyVersion
    organisation: Organisation
    waiting_since: date | None  # the version's approval

    @property
    def days(self) -> int | None:
        return (timezone.localdate() - self.waiting_since).days if self.waiting_since else None


def not_acknowledged(policies: QuerySet[Policy], organisation_id: int | None = None) -> list[Outstanding]:
    """Who has not acknowledged the current version of each policy asking for acknowledgement.

    Four queries whatever the numbers: the policies (with their current versions), their chosen
    organisations, the active members, and the acknowledgements of those versions."""
    rows = list(
        policies.filter(active=True, acknowledgement_required=True, current_version__isnull=False)
        .select_related("current_version", "area")
        .prefetch_related("members")
        .order_by("area__name", "title", "pk")
    )
    members = active_members().order_by("name", "pk")
    if organisation_id is not None:
        members = members.filter(pk=organisation_id)
    member_list = list(members)
    done = set(
        Acknowledgement.objects.filter(version_id__in=[p.current_version_id for p in rows]).values_list(
            "version_id", "organisation_id"
        )
    )
    outstanding = []
    for policy in rows:
        version = policy.current_version
        assert version is not None
        required = (
            member_list
            if policy.audience == Audience.ALL
            else sorted(policy.members.all(), key=lambda organisation: (organisation.name, organisation.pk))
        )
        for organisation in required:
            if organisation_id is not None and organisation.pk != organisation_id:
                continue
            if (version.pk, organisation.pk) not in done:
                outstanding.append(Outstanding(policy, version, organisation, version.approved_on))
    return outstanding
