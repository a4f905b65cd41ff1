"""Bid/no-bid: scores saved all or nothing, conflicted scorers left out and recorded, the decision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from consortia.opportunities.choices import Decision, InterestRole, PipelineStage
from consortia.opportunities.models import BidCriterion, BidDecision, BidScore, Interest, Opportunity
from consortia.opportunities.services import decisions as services
from consortia.opportunities.tests.pipeline.factories import OpportunityFactory
from consortia.people.tests.interests.factories import DeclaredInterestFactory
from consortia.users.testing import Personas


def score_all(opportunity: Opportunity, scorer: object, value: int) -> None:
    services.record_scores(opportunity, scorer, {c.pk: value for c in BidCriterion.objects.all()}, {})


def test_the_seeded_criteria_weigh_one_hundred(db: None) -> None:
    assert BidCriterion.objects.count() == 7
    assert sum(c.weight for c in BidCriterion.objects.all()) == Decimal(100)


def test_scores_are_saved_whole_or_not_at_all(personas: Personas) -> None:
    opportunity = OpportunityFactory()
    criteria = list(BidCriterion.objects.all())
    scores = {criteria[0].pk: "4", criteria[1].pk: "9", criteria[2].pk: "x"}
    with pytest.raises(ValidationError) as error:
        services.record_scores(opportunity, personas.bid_writer, scores, {})
    assert error.value.messages == [
        f"{criteria[1].name}: a score is a whole number from 0 to 5, not “9”.",
        f"{criteria[2].name}: a score is a whole number from 0 to 5, not “x”.",
    ]
    assert not BidScore.objects.exists()


def test_a_conflicted_scorer_is_left_out_and_the_decision_says_so(personas: Personas) -> None:
    opportunity = OpportunityFactory(stage=PipelineStage.BID_NO_BID, shared_with_members=True)
    Interest.objects.create(
        opportunity=opportunity, organisation=personas.org_a, role=InterestRole.LEAD, capacity="200", experience="Yes"
    )
    DeclaredInterestFactory(person=personas.board, organisation=personas.org_a, declared_on=date(2024, 1, 1))
    # An interest in a member with no stake in this opportunity conflicts nobody.
    DeclaredInterestFactory(person=personas.bid_writer, organisation=personas.org_b, declared_on=date(2024, 1, 1))
    score_all(opportunity, personas.bid_writer, 4)
    score_all(opportunity, personas.manager, 2)
    score_all(opportunity, personas.board, 5)

    outcome = services.results(opportunity)
    assert outcome.percent == Decimal("60.0")  # (4 + 2) / 2 of 5, the board member's 5 left out
    assert [str(r.scorer) for r in outcome.left_out] == [str(personas.board)]
    assert outcome.summary == "Weighted score 60.0% from 2 scorers. 1 left out for a conflict of interest."

    decision = services.record_decision(
        opportunity,
        personas.manager,
        decision=Decision.BID,
        rationale="Three members can deliver; strong fit.",
        decided_on=date(2026, 11, 20),
        minute_reference="2026/45",
    )
    assert decision.weighted_score == Decimal("60.0")
    assert decision.scorers_counted == 2
    assert decision.conflicts_recorded == (
        f"{personas.board}: trustee, director or committee member of {personas.org_a}; score left out."
    )
    opportunity.refresh_from_db()
    assert opportunity.stage == PipelineStage.BIDDING
    with pytest.raises(ValidationError, match="already been recorded"):
        services.record_decision(
            opportunity, personas.manager, decision=Decision.NO_BID, rationale="Again", decided_on=date(2026, 11, 21)
        )
    with pytest.raises(ValidationError, match="scoring has closed"):
        score_all(opportunity, personas.manager, 1)


def test_weights_count_as_shares(personas: Personas) -> None:
    opportunity = OpportunityFactory()
    criteria = list(BidCriterion.objects.all())
    BidCriterion.objects.update(weight=0)
    BidCriterion.objects.filter(pk=criteria[0].pk).update(weight=3)
    BidCriterion.objects.filter(pk=criteria[1].pk).update(weight=1)
    scores = {c.pk: 0 for c in criteria} | {criteria[0].pk: 5, criteria[1].pk: 1}
    services.record_scores(opportunity, personas.manager, scores, {})
    outcome = services.results(opportunity)
    assert outcome.percent == Decimal("80.0")  # (3 × 5 + 1 × 1) / 4 = 4 of 5
    assert outcome.note == "Weights add up to 4; each is shown as its share of 100%."


def test_the_page_scores_and_decides(personas: Personas, client_for: Callable[..., Client]) -> None:
    opportunity = OpportunityFactory(stage=PipelineStage.BID_NO_BID)
    url = reverse("opportunities:opportunity_bid_no_bid", args=[opportunity.pk])
    writer = client_for(personas.bid_writer)
    data = {f"score-{c.pk}": "3" for c in BidCriterion.objects.all()}
    assert writer.post(url, data).status_code == 302
    assert BidScore.objects.filter(scorer=personas.bid_writer).count() == 7
    page = writer.get(url).content.decode()
    assert "Weighted score 60.0% from 1 scorer." in page
    # The bid team scores but the hub manager decides.
    decide = reverse("opportunities:opportunity_decide", args=[opportunity.pk])
    form = {"decision": "no_bid", "rationale": "Too little time.", "decided_on": "2026-11-20"}
    assert writer.post(decide, form).status_code == 403
    response = client_for(personas.manager).post(decide, form | {"rationale": "  "})
    assert response.status_code == 200
    assert not BidDecision.objects.exists()
    assert client_for(personas.manager).post(decide, form).status_code == 302
    assert Opportunity.objects.get(pk=opportunity.pk).stage == PipelineStage.NOT_PURSUED
    # Members and people without a role see none of it.
    assert client_for(personas.member_a).get(url).status_code == 403
    assert client_for(personas.nobody).get(url).status_code == 403
