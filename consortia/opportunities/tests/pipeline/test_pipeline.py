"""The pipeline's rules: stages, following a notice, the board, the calendar and its private feed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from consortia.core.testing.views import queries_for
from consortia.directory.tests.factories import OrganisationFactory
from consortia.opportunities.choices import Decision, PipelineStage
from consortia.opportunities.models import BidDecision, CalendarFeed, Notice, Opportunity
from consortia.opportunities.services import pipeline as services
from consortia.opportunities.tests.pipeline.factories import OpportunityFactory
from consortia.users.testing import Personas


def decide(opportunity: Opportunity, personas: Personas, decision: str = Decision.BID) -> BidDecision:
    return BidDecision.objects.create(
        opportunity=opportunity,
        decision=decision,
        rationale="Strong fit with three members able to deliver.",
        decided_by=personas.manager,
        decided_on=date(2026, 11, 20),
    )


def test_bidding_needs_a_decision_to_bid(personas: Personas) -> None:
    opportunity = OpportunityFactory(stage=PipelineStage.BID_NO_BID)
    with pytest.raises(ValidationError) as error:
        services.move_to_stage(opportunity, PipelineStage.BIDDING, personas.manager)
    assert "Record the bid/no-bid decision first." in error.value.messages
    decide(opportunity, personas, Decision.NO_BID)
    opportunity.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.move_to_stage(opportunity, PipelineStage.BIDDING, personas.manager)
    assert "The bid/no-bid decision was not to bid." in error.value.messages
    services.move_to_stage(opportunity, PipelineStage.NOT_PURSUED, personas.manager)
    opportunity.refresh_from_db()
    assert opportunity.stage == PipelineStage.NOT_PURSUED


def test_only_a_submitted_bid_is_won(personas: Personas) -> None:
    opportunity = OpportunityFactory(stage=PipelineStage.BID_NO_BID)
    decide(opportunity, personas)
    opportunity.refresh_from_db()
    with pytest.raises(ValidationError, match=r"Only a submitted bid can be won or lost\."):
        services.move_to_stage(opportunity, PipelineStage.WON, personas.manager)
    for stage in (PipelineStage.BIDDING, PipelineStage.SUBMITTED, PipelineStage.WON):
        services.move_to_stage(opportunity, stage, personas.manager)
    assert Opportunity.objects.get(pk=opportunity.pk).stage == PipelineStage.WON
    history = [row.stage for row in opportunity.history.order_by("history_date")]
    assert history[-3:] == ["bidding", "submitted", "won"]


def test_stage_buttons_refuse_with_the_reason_and_change_nothing(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    opportunity = OpportunityFactory(stage=PipelineStage.QUALIFYING)
    client = client_for(personas.manager)
    url = reverse("opportunities:opportunity_stage", args=[opportunity.pk])
    response = client.post(url, {"stage": "bidding"})
    assert response.status_code == 200
    assert "Record the bid/no-bid decision first." in response.content.decode()
    assert Opportunity.objects.get(pk=opportunity.pk).stage == PipelineStage.QUALIFYING
    response = client.post(url, {"stage": "bid_no_bid"})
    assert response.status_code == 302
    assert Opportunity.objects.get(pk=opportunity.pk).stage == PipelineStage.BID_NO_BID
    # Reading is not changing.
    assert client_for(personas.auditor).post(url, {"stage": "qualifying"}).status_code == 403
    assert Opportunity.objects.get(pk=opportunity.pk).stage == PipelineStage.BID_NO_BID


def test_following_a_notice_makes_one_opportunity(personas: Personas, client_for: Callable[..., Client]) -> None:
    council = OrganisationFactory(name="Lancashire County Council", roles=["commissioner"])
    notice = Notice.objects.create(
        ocid="ocds-b5fd17-test-1",
        source="cf",
        title="Carers support service",
        description="Support for unpaid carers across Lancashire.",
        buyer_name="LANCASHIRE COUNTY COUNCIL",
        value_amount=480000,
        deadline=datetime(2026, 12, 14, 12, 0, tzinfo=UTC),
        url="https://www.contractsfinder.service.gov.uk/Notice/test-1",
    )
    client = client_for(personas.bid_writer)
    url = reverse("opportunities:notice_follow", args=[notice.pk])
    first = client.post(url)
    second = client.post(url)
    opportunity = Opportunity.objects.get()
    assert first.url == second.url == opportunity.get_absolute_url()
    assert opportunity.commissioner == council
    assert opportunity.submission_deadline == notice.deadline
    assert opportunity.value == 480000
    assert opportunity.owner == personas.bid_writer
    assert client_for(personas.auditor).post(url).status_code == 403
    assert Opportunity.objects.count() == 1


def test_board_costs_the_same_whatever_the_number(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    url = reverse("opportunities:opportunity_board")
    OpportunityFactory(stage=PipelineStage.QUALIFYING)
    client.get(url)  # the first page after signing in also updates the session
    few = queries_for(client, url)
    for stage in (PipelineStage.IDENTIFIED, PipelineStage.BIDDING, PipelineStage.SUBMITTED) * 4:
        OpportunityFactory(stage=stage, commissioner=OrganisationFactory())
    assert queries_for(client, url) == few == 5  # session, user, 2 × permissions, the opportunities
    page = client.get(url).content.decode()
    assert page.count('class="card mb-2"') == 13
    assert client_for(personas.member_a).get(url).status_code == 403


def test_calendar_shows_the_months_deadlines(personas: Personas, client_for: Callable[..., Client]) -> None:
    OpportunityFactory(
        title="Carers support service",
        clarification_deadline=datetime(2026, 12, 1, 12, 0, tzinfo=UTC),
        submission_deadline=datetime(2026, 12, 14, 12, 0, tzinfo=UTC),
    )
    OpportunityFactory(title="Next year's bid", submission_deadline=datetime(2027, 3, 1, 12, 0, tzinfo=UTC))
    page = client_for(personas.manager).get(reverse("opportunities:opportunity_calendar") + "?month=2026-12")
    body = page.content.decode()
    assert "Submission deadline: Carers support service" in body
    assert "Clarification questions due: Carers support service" in body
    assert "Next year" not in body
    # A month that makes no sense shows this month rather than failing.
    assert (
        client_for(personas.manager).get(reverse("opportunities:opportunity_calendar") + "?month=2026-13").status_code
        == 200
    )


def test_calendar_feed_is_private_and_valid(
    personas: Personas, client_for: Callable[..., Client], client: Client
) -> None:
    OpportunityFactory(
        title="Carers support service, Preston; lots 1 and 2",
        submission_deadline=datetime(2026, 12, 14, 12, 0, tzinfo=UTC),
        award_date=date(2027, 2, 1),
    )
    OpportunityFactory(title="Lost one", stage=PipelineStage.LOST)
    manager = client_for(personas.manager)
    manager.post(reverse("opportunities:calendar_subscribe"))
    feed = CalendarFeed.objects.get(user=personas.manager)
    url = reverse("opportunities:calendar_feed", args=[feed.token])
    response = client.get(url)  # the calendar program does not sign in
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2  # the deadline and the award; closed opportunities left out
    assert "DTSTART:20261214T120000Z" in text
    assert "DTSTART;VALUE=DATE:20270201" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Submission deadline: Carers support service\\, Preston\\; lots 1 and 2" in unfolded
    assert "Lost one" not in text
    # A wrong token, or the old one after renewal, finds nothing.
    assert client.get(reverse("opportunities:calendar_feed", args=["not-a-token"])).status_code == 404
    manager.post(reverse("opportunities:calendar_subscribe"), {"renew": "1"})
    assert client.get(url).status_code == 404
    # Someone who may not see opportunities has no feed, even with a token.
    CalendarFeed.objects.create(user=personas.member_a, token="member-token-1234567890")
    assert client.get(reverse("opportunities:calendar_feed", args=["member-token-1234567890"])).status_code == 404


def test_deadlines_must_be_in_order(personas: Personas) -> None:
    opportunity = OpportunityFactory.build(
        clarification_deadline=datetime(2026, 12, 20, 12, 0, tzinfo=UTC),
        submission_deadline=datetime(2026, 12, 14, 12, 0, tzinfo=UTC),
        start_date=date(2027, 1, 1),
        award_date=date(2027, 2, 1),
    )
    with pytest.raises(ValidationError) as error:
        opportunity.full_clean()
    assert set(error.value.message_dict) == {"clarification_deadline", "start_date"}
