"""Members' interest in opportunities: expressed from the portal, taken forward by the hub.

Only members eligible under the due-diligence rule (green or amber) can be added as bid partners.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from consortia.core.services import save_form
from consortia.members.services.diligence import is_eligible
from consortia.opportunities.choices import CLOSED_STAGES, InterestStatus
from consortia.opportunities.models import Interest, Opportunity


def open_to_members(opportunity: Opportunity) -> bool:
    """Members may express interest while the hub shows it to them and it is not closed."""
    return opportunity.shared_with_members and opportunity.stage not in CLOSED_STAGES


def expression_blockers(interest: Interest) -> list[str]:
    """Plain-English reasons the member cannot express (or change) this interest now."""
    reasons = []
    if not open_to_members(interest.opportunity):
        reasons.append("This opportunity is no longer open for expressions of interest.")
    if not interest._state.adding and interest.status != InterestStatus.EXPRESSED:
        reasons.append("The hub has already responded to your interest; contact the hub to change it.")
    return reasons


@transaction.atomic
def express_interest(form: Any, user: Any, seen_version: str | None = None) -> Interest:
    """Save a member's expression of interest (new or changed) from the portal's form."""
    reasons = expression_blockers(form.instance)
    if reasons:
        raise ValidationError(reasons)
    if form.instance._state.adding:
        form.instance.submitted_by = user
    saved = save_form(form, user, seen_version)
    assert isinstance(saved, Interest)
    return saved


def partner_blockers(interest: Interest) -> list[str]:
    """Plain-English reasons the member cannot be added as a bid partner."""
    reasons = []
    if not is_eligible(interest.organisation):
        reasons.append(
            f"{interest.organisation} is not eligible to be a bid partner: only members whose latest "
            "due-diligence review is green or amber are."
        )
    if interest.opportunity.stage in CLOSED_STAGES:
        reasons.append("The opportunity is closed.")
    return reasons


@transaction.atomic
def add_as_partner(interest: Interest, user: Any) -> Interest:
    reasons = partner_blockers(interest)
    if reasons:
        raise ValidationError(reasons)
    interest.status = InterestStatus.PARTNER
    interest.stamp(user)
    interest.save(update_fields=["status", "updated", "updated_by"])
    return interest


@transaction.atomic
def decline(interest: Interest, user: Any) -> Interest:
    interest.status = InterestStatus.DECLINED
    interest.stamp(user)
    interest.save(update_fields=["status", "updated", "updated_by"])
    return interest
