"""Bid/no-bid: several people score an opportunity against weighted criteria; the hub decides.

Conflicts of interest are wired in: a scorer with a declared interest in a member organisation
that stands to gain (one that has expressed interest in the opportunity or is a bid partner)
is flagged, their score is left out of the result, and the decision records who and why.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from consortia.core import scoring
from consortia.opportunities.choices import CLOSED_STAGES, Decision, InterestStatus, PipelineStage
from consortia.opportunities.models import SCORE_MAX, BidCriterion, BidDecision, BidScore, Opportunity
from consortia.people.services import interests as declared


def may_score(user: Any) -> bool:
    return bool(user.has_perm("opportunities.add_bidscore")) and getattr(user, "organisation_id", None) is None


def stakeholders(opportunity: Opportunity) -> list[int]:
    """The member organisations that stand to gain from a decision to bid."""
    return list(
        opportunity.interests.filter(status__in=[InterestStatus.EXPRESSED, InterestStatus.PARTNER]).values_list(
            "organisation_id", flat=True
        )
    )


@transaction.atomic
def record_scores(opportunity: Opportunity, scorer: Any, scores: dict[int, Any], comments: dict[int, str]) -> int:
    """Save one scorer's scores for every criterion given, all or nothing; returns how many changed."""
    if not may_score(scorer):
        raise ValidationError("You do not have permission to score bid/no-bid decisions.")
    if hasattr(opportunity, "bid_decision"):
        raise ValidationError("The decision has been recorded, so scoring has closed.")
    criteria = {criterion.pk: criterion for criterion in BidCriterion.objects.all()}
    errors = []
    clean: dict[int, int | None] = {}
    for criterion_id, raw in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            errors.append("A score was sent for a criterion that no longer exists; reload the page.")
            continue
        text = str(raw).strip()
        if text == "":
            clean[criterion_id] = None
            continue
        if not text.isdigit() or int(text) > SCORE_MAX:
            errors.append(f"{criterion.name}: a score is a whole number from 0 to {SCORE_MAX}, not “{text}”.")
            continue
        clean[criterion_id] = int(text)
    if errors:
        raise ValidationError(errors)
    existing = {row.criterion_id: row for row in BidScore.objects.filter(opportunity=opportunity, scorer=scorer)}
    changed = 0
    for criterion_id, value in clean.items():
        row = existing.get(criterion_id)
        comment = comments.get(criterion_id, "")[:500]
        if value is None:
            if row is not None:
                row.delete()
                changed += 1
            continue
        if row is None:
            row = BidScore(opportunity=opportunity, criterion_id=criterion_id, scorer=scorer)
        elif row.score == value and row.comment == comment:
            continue
        row.score = value
        row.comment = comment
        row.stamp(scorer)
        row.save()
        changed += 1
    return changed


@dataclass
class ScorerResult:
    scorer: Any
    total: Decimal | None  # weighted, on the 0-to-5 scale; None until every criterion is scored
    conflicts: list[Any] = field(default_factory=list)  # their declared interests in stakeholders

    @property
    def percent(self) -> Decimal | None:
        return scoring.percent(self.total, SCORE_MAX) if self.total is not None else None

    @property
    def counted(self) -> bool:
        return self.total is not None and not self.conflicts

    @property
    def conflict_text(self) -> str:
        return declared.describe(self.conflicts)


@dataclass
class Results:
    criteria: list[tuple[BidCriterion, Decimal]]  # each criterion with its share (0 to 1)
    note: str
    scorers: list[ScorerResult]

    @property
    def counted(self) -> list[ScorerResult]:
        return [result for result in self.scorers if result.counted]

    @property
    def left_out(self) -> list[ScorerResult]:
        return [result for result in self.scorers if result.conflicts]

    @property
    def percent(self) -> Decimal | None:
        totals = [result.total for result in self.counted if result.total is not None]
        if not totals:
            return None
        return scoring.percent(sum(totals, Decimal(0)) / len(totals), SCORE_MAX)

    @property
    def summary(self) -> str:
        if self.percent is None:
            return "No complete scores yet: each scorer must score every criterion."
        counted = len(self.counted)
        text = f"Weighted score {self.percent}% from {counted} scorer{'s' if counted != 1 else ''}."
        if self.left_out:
            text += f" {len(self.left_out)} left out for a conflict of interest."
        return text

    def conflicts_record(self) -> str:
        return "\n".join(f"{result.scorer}: {result.conflict_text}; score left out." for result in self.left_out)


def results(opportunity: Opportunity, on: date | None = None) -> Results:
    """Every scorer's weighted total, with conflicted scorers flagged and left out (4 queries)."""
    criteria = list(BidCriterion.objects.all())
    weights = {criterion.pk: criterion.weight for criterion in criteria}
    share = scoring.shares(weights)
    total_weight = sum(weights.values(), Decimal(0))
    given: dict[int, dict[int, int]] = defaultdict(dict)
    people: dict[int, Any] = {}
    for row in BidScore.objects.filter(opportunity=opportunity).select_related("scorer"):
        given[row.scorer_id][row.criterion_id] = row.score
        people[row.scorer_id] = row.scorer
    conflicts = declared.conflicts(people, stakeholders(opportunity), on)
    scorers = [
        ScorerResult(people[pk], scoring.weighted_total(share, given[pk]), conflicts.get(pk, []))
        for pk in sorted(people, key=lambda pk: str(people[pk]))
    ]
    return Results(
        [(criterion, share[criterion.pk]) for criterion in criteria],
        scoring.weights_note(total_weight) if criteria else "",
        scorers,
    )


@transaction.atomic
def record_decision(
    opportunity: Opportunity,
    user: Any,
    *,
    decision: str,
    rationale: str,
    decided_on: date,
    minute_reference: str = "",
) -> BidDecision:
    """Record the decision with the weighted score and the conflicts as they stand, and move the stage."""
    if hasattr(opportunity, "bid_decision"):
        raise ValidationError("A decision has already been recorded for this opportunity.")
    if opportunity.stage in CLOSED_STAGES:
        raise ValidationError(f"The opportunity is {opportunity.get_stage_display().lower()}; reopen it first.")
    if not rationale.strip():
        raise ValidationError({"rationale": "Say why: the reasons are what the board and auditors read later."})
    outcome = results(opportunity, decided_on)
    record = BidDecision(
        opportunity=opportunity,
        decision=decision,
        rationale=rationale.strip(),
        decided_by=user,
        decided_on=decided_on,
        minute_reference=minute_reference,
        weighted_score=outcome.percent,
        scorers_counted=len(outcome.counted),
        conflicts_recorded=outcome.conflicts_record(),
    )
    record.full_clean()
    record.stamp(user)
    record.save()
    opportunity.stage = PipelineStage.BIDDING if decision == Decision.BID else PipelineStage.NOT_PURSUED
    opportunity.stamp(user)
    opportunity.save(update_fields=["stage", "updated", "updated_by"])
    return record
