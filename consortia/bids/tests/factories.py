"""Factories for bids: an opportunity decided "bid", eligible partners, questions, library entries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from consortia.bids.models import Bid, BidPartner, BidQuestion, LibraryEntry
from consortia.directory.models import Organisation
from consortia.members.choices import MembershipStatus, Rag
from consortia.members.models import DueDiligenceReview, Membership
from consortia.opportunities.choices import Decision, PipelineStage
from consortia.opportunities.models import BidDecision, Opportunity
from consortia.opportunities.tests.pipeline.factories import OpportunityFactory
from consortia.users.models import User


def decided(user: User, decision: str = Decision.BID, **fields: Any) -> Opportunity:
    """An opportunity at "Bidding" with the decision to bid recorded."""
    opportunity = OpportunityFactory(
        stage=PipelineStage.BIDDING if decision == Decision.BID else PipelineStage.NOT_PURSUED, **fields
    )
    BidDecision.objects.create(
        opportunity=opportunity,
        decision=decision,
        rationale="A good fit.",
        decided_by=user,
        decided_on=date(2026, 11, 1),
    )
    return opportunity


def eligible(organisation: Organisation, rag: str = Rag.GREEN) -> Organisation:
    """Make `organisation` an active member with a recent review graded `rag`."""
    Membership.objects.update_or_create(organisation=organisation, defaults={"status": MembershipStatus.ACTIVE})
    DueDiligenceReview.objects.update_or_create(
        organisation=organisation,
        year=timezone.localdate().year,
        defaults={"reviewed_on": timezone.localdate() - timedelta(days=20), "rag": rag, "reasons": "Checked."},
    )
    return organisation


def bid(manager: User, **fields: Any) -> Bid:
    return Bid.objects.create(opportunity=decided(manager), manager=manager, **fields)


def partner(bid: Bid, organisation: Organisation, cost: str = "1000.00", share: str = "50") -> BidPartner:
    if not DueDiligenceReview.objects.filter(organisation=organisation).exists():
        eligible(organisation)
    return BidPartner.objects.create(
        bid=bid, organisation=organisation, delivery_cost=Decimal(cost), delivery_share=Decimal(share)
    )


def question(bid: Bid, number: str = "1", partner: BidPartner | None = None, **fields: Any) -> BidQuestion:
    fields.setdefault("text", f"Question {number}: describe your approach to safeguarding.")
    fields.setdefault("order", int(number.split(".")[0]) if number.split(".")[0].isdigit() else 0)
    return BidQuestion.objects.create(bid=bid, number=number, assigned_partner=partner, **fields)


def entry(title: str = "Safeguarding approach", **fields: Any) -> LibraryEntry:
    fields.setdefault("text", "We follow Working Together to Safeguard Children and train every worker each year.")
    fields.setdefault("tags", "safeguarding, training")
    fields.setdefault("last_reviewed", timezone.localdate())
    return LibraryEntry.objects.create(title=title, **fields)
