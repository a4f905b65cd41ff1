"""The bid's business: pricing, the compliance checklist, submission and the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from consortia.bids.choices import BidStatus, Outcome, QuestionStatus
from consortia.bids.models import Bid, BidPartner, BidQuestion, ComplianceItem
from consortia.members.models import Evidence, Membership, Requirement
from consortia.members.services import diligence
from consortia.opportunities.choices import PipelineStage
from consortia.opportunities.services.pipeline import move_to_stage

PENNY = Decimal("0.01")


def pennies(amount: Decimal) -> Decimal:
    """Round to the penny, halves up (as an invoice does)."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass
class PartnerPrice:
    partner: BidPartner
    cost: Decimal
    fee: Decimal  # the part of the management fee carried on this partner's delivery

    @property
    def price(self) -> Decimal:
        return self.cost + self.fee


@dataclass
class Pricing:
    lines: list[PartnerPrice]
    top_slice: Decimal
    delivery: Decimal
    fee: Decimal

    @property
    def total(self) -> Decimal:
        return self.delivery + self.fee


def pricing(partners: list[BidPartner], top_slice: Decimal) -> Pricing:
    """The partners' delivery costs, the management fee on them, and the bid price, to the penny.

    The fee is rounded once, on the total; its share per partner is split in proportion to cost
    with the leftover pennies going to the largest remainders, so the lines add up to the total.
    """
    delivery = sum((partner.delivery_cost for partner in partners), Decimal(0))
    fee = pennies(delivery * top_slice / 100)
    shares: list[Decimal] = []
    remainders: list[tuple[Decimal, int]] = []
    for index, partner in enumerate(partners):
        exact = fee * partner.delivery_cost / delivery if delivery else Decimal(0)
        floor = exact.quantize(PENNY, rounding="ROUND_DOWN")
        shares.append(floor)
        remainders.append((exact - floor, -index))
    left = int((fee - sum(shares, Decimal(0))) / PENNY)
    for _, negative_index in sorted(remainders, reverse=True)[:left]:
        shares[-negative_index] += PENNY
    lines = [
        PartnerPrice(partner, partner.delivery_cost, share) for partner, share in zip(partners, shares, strict=True)
    ]
    return Pricing(lines, top_slice, delivery, fee)


def bid_pricing(bid: Bid) -> Pricing:
    return pricing(
        list(bid.partners.select_related("organisation").order_by("organisation__name", "pk")), bid.top_slice
    )


def share_warnings(partners: list[BidPartner]) -> list[str]:
    """Plain-English warnings about the partners' shares of delivery."""
    total = sum((partner.delivery_share for partner in partners), Decimal(0))
    if partners and total != 100:
        return [f"The partners' shares of delivery add up to {total.normalize():f}%, not 100%."]
    return []


# -- compliance --------------------------------------------------------------------------------


@transaction.atomic
def pull_in_evidence(bid: Bid, user: Any, today: date | None = None) -> tuple[int, int]:
    """Put each partner's mandatory due-diligence requirements on the checklist, pointing at the
    evidence the member already gave (never a new upload). Returns (added, updated)."""
    today = today or timezone.localdate()
    partners = list(bid.partners.select_related("organisation"))
    tiers = dict(
        Membership.objects.filter(organisation__in=[p.organisation_id for p in partners]).values_list(
            "organisation_id", "tier"
        )
    )
    requirements = list(Requirement.objects.filter(active=True).order_by("order", "name"))
    current = {
        (row.organisation_id, row.requirement_id): row
        for row in Evidence.objects.filter(
            organisation__in=[p.organisation_id for p in partners], superseded_by__isnull=True
        ).order_by("created", "pk")
    }
    existing = {
        (item.partner_id, item.requirement_id): item for item in bid.compliance_items.filter(partner__isnull=False)
    }
    added = updated = 0
    for partner in partners:
        for requirement in requirements:
            if not diligence.is_mandatory(requirement, tiers.get(partner.organisation_id)):
                continue
            evidence = current.get((partner.organisation_id, requirement.pk))
            item = existing.get((partner.pk, requirement.pk))
            if item is None:
                item = ComplianceItem(bid=bid, partner=partner, requirement=requirement, name=requirement.name)
                added += 1
            elif item.evidence_id == (evidence.pk if evidence else None):
                continue
            else:
                updated += 1
            item.evidence = evidence
            item.stamp(user)
            item.save()
    return added, updated


def item_state(item: ComplianceItem, today: date | None = None) -> tuple[str, str]:
    """(state, label) of a checklist line: the evidence's state, or in hand / outstanding."""
    today = today or timezone.localdate()
    if item.requirement_id:
        state = diligence.state_of(item.evidence, today)
        return state, diligence.STATE_LABELS[state]
    return ("current", "In hand") if item.done else ("missing", "Outstanding")


# -- submission and outcome ----------------------------------------------------------------------


def submission_blockers(bid: Bid) -> list[str]:
    reasons = []
    if bid.status != BidStatus.WRITING:
        reasons.append("The bid has already been submitted.")
    unfinished = bid.questions.exclude(status=QuestionStatus.FINAL).count()
    if unfinished:
        reasons.append(f"{unfinished} question{'s are' if unfinished != 1 else ' is'} not final yet.")
    return reasons


@transaction.atomic
def submit(bid: Bid, user: Any, reference: str = "", when: Any = None) -> Bid:
    """Record the submission; the opportunity moves to "Submitted"."""
    reasons = submission_blockers(bid)
    if reasons:
        raise ValidationError(reasons)
    bid.status = BidStatus.SUBMITTED
    bid.submitted_at = when or timezone.now()
    bid.submission_reference = reference
    bid.stamp(user)
    bid.save()
    # An opportunity the hub has already moved on by hand (recorded late) keeps its stage.
    if bid.opportunity.stage == PipelineStage.BIDDING:
        move_to_stage(bid.opportunity, PipelineStage.SUBMITTED, user)
    return bid


@transaction.atomic
def record_outcome(
    bid: Bid,
    user: Any,
    *,
    outcome: str,
    outcome_on: date,
    feedback: str = "",
    lessons_learned: str = "",
    scores: dict[int, tuple[Decimal | None, Decimal | None, str]] | None = None,
) -> Bid:
    """Record won or lost, the scores and feedback per question and the lessons; the opportunity
    moves to "Won" or "Lost" through the pipeline's own rules."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Choose won or lost."})
    if bid.status not in (BidStatus.SUBMITTED, BidStatus.WON, BidStatus.LOST):
        raise ValidationError("Record the submission before the outcome.")
    questions = {question.pk: question for question in bid.questions.all()}
    errors = []
    for pk, (score, max_score, text) in (scores or {}).items():
        question = questions.get(pk)
        if question is None:
            errors.append("A score was sent for a question not in this bid; reload the page.")
            continue
        question.score, question.max_score, question.feedback = score, max_score, text
        try:
            question.full_clean()
        except ValidationError as error:
            errors.extend(f"Question {question.number}: {message}" for message in error.messages)
    if errors:
        raise ValidationError(errors)
    for pk in scores or {}:
        questions[pk].stamp(user)
        questions[pk].save()
    bid.outcome = outcome
    bid.status = BidStatus.WON if outcome == Outcome.WON else BidStatus.LOST
    bid.outcome_on = outcome_on
    bid.feedback = feedback
    bid.lessons_learned = lessons_learned
    bid.total_score = weighted_score(list(questions.values()))
    bid.stamp(user)
    bid.save()
    stage = PipelineStage.WON if outcome == Outcome.WON else PipelineStage.LOST
    if bid.opportunity.stage != stage:
        move_to_stage(bid.opportunity, stage, user)
    return bid


def weighted_score(questions: list[BidQuestion]) -> Decimal | None:
    """The bid's score as a percentage: each scored question's score/out-of times its weighting,
    over the weightings of the scored questions (two decimal places)."""
    scored = [q for q in questions if q.score is not None and q.max_score and q.weighting]
    weights = sum((q.weighting for q in scored), Decimal(0))  # type: ignore[misc]
    if not weights:
        return None
    total = sum((q.score / q.max_score * q.weighting for q in scored), Decimal(0))  # type: ignore[operator]
    return pennies(total / weights * 100)
