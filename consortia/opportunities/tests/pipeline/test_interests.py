"""Members' interest: expressed in the portal for shown opportunities only, partners only if eligible."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consortia.core.testing.views import RecordViewTests
from consortia.directory.models import Organisation
from consortia.members.choices import MembershipStatus, Rag
from consortia.members.tests.diligence.factories import DueDiligenceReviewFactory
from consortia.members.tests.membership.factories import MembershipFactory
from consortia.opportunities.choices import InterestRole, InterestStatus, PipelineStage
from consortia.opportunities.models import Interest, Opportunity
from consortia.opportunities.tests.pipeline.factories import OpportunityFactory
from consortia.opportunities.views.interests import InterestViews
from consortia.users.testing import Personas


def interest(organisation: Organisation, opportunity: Opportunity | None = None) -> Interest:
    return Interest.objects.create(
        opportunity=opportunity or OpportunityFactory(shared_with_members=True),
        organisation=organisation,
        role=InterestRole.PARTNER,
        capacity="120 people a year",
        experience="We run the advice line in Preston.",
    )


class TestInterestViews(RecordViewTests):
    record = InterestViews
    member_can_view = True
    # session, user, 2 × permissions, count, page (opportunity and organisation joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Interest:
        return interest(organisation)


def express(client: Client, opportunity: Opportunity, **data: Any) -> Any:
    url = reverse("portal:opportunity", args=[opportunity.pk])
    page = client.get(url)
    token = page.context["guard"].token if page.status_code == 200 else ""
    form = {"role": "lead", "capacity": "200 people a year", "experience": "Ten years of debt advice.", "_token": token}
    return client.post(url, form | data)


def test_members_see_only_what_the_hub_shows_them(personas: Personas, client_for: Callable[..., Client]) -> None:
    shown = OpportunityFactory(title="Shown to members", shared_with_members=True)
    hidden = OpportunityFactory(title="Hub only")
    closed = OpportunityFactory(title="Lost already", shared_with_members=True, stage=PipelineStage.LOST)
    client = client_for(personas.member_a)
    page = client.get(reverse("portal:opportunities")).content.decode()
    assert "Shown to members" in page
    assert "Hub only" not in page
    assert "Lost already" not in page
    assert client.get(reverse("portal:opportunity", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("portal:opportunity", args=[closed.pk])).status_code == 404
    assert client.get(reverse("portal:opportunity", args=[shown.pk])).status_code == 200
    # Hub staff have no organisation, so no portal.
    assert client_for(personas.manager).get(reverse("portal:opportunities")).status_code == 404


def test_a_member_expresses_interest_once_and_never_sees_anothers(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    opportunity = OpportunityFactory(shared_with_members=True)
    theirs = interest(personas.org_b, opportunity)
    client = client_for(personas.member_a)
    url = reverse("portal:opportunity", args=[opportunity.pk])
    page = client.get(url)
    token = page.context["guard"].token
    form = {"role": "lead", "capacity": "200 people a year", "experience": "Ten years of debt advice.", "_token": token}
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302  # sent twice: saved once
    mine = Interest.objects.get(organisation=personas.org_a)
    assert mine.submitted_by == personas.member_a
    assert mine.role == InterestRole.LEAD
    assert Interest.objects.count() == 2
    body = client.get(url).content.decode()
    assert "Ten years of debt advice." in body
    assert theirs.experience not in body
    # Staff pages of another member's interest are not found for a member user.
    assert client.get(theirs.get_absolute_url()).status_code == 404


def test_interest_closes_when_the_hub_responds(personas: Personas, client_for: Callable[..., Client]) -> None:
    mine = interest(personas.org_a)
    mine.status = InterestStatus.DECLINED
    mine.save()
    client = client_for(personas.member_a)
    response = express(client, mine.opportunity, capacity="Changed")
    assert response.status_code == 200
    assert "The hub has already responded to your interest" in response.content.decode()
    assert Interest.objects.get(pk=mine.pk).capacity == "120 people a year"


def test_only_eligible_members_become_bid_partners(personas: Personas, client_for: Callable[..., Client]) -> None:
    ineligible = interest(personas.org_b)
    eligible = interest(personas.org_a, ineligible.opportunity)
    MembershipFactory(organisation=personas.org_a, status=MembershipStatus.ACTIVE)
    DueDiligenceReviewFactory(
        organisation=personas.org_a, rag=Rag.AMBER, reviewed_on=timezone.localdate() - timedelta(days=30)
    )
    MembershipFactory(organisation=personas.org_b, status=MembershipStatus.ACTIVE)
    DueDiligenceReviewFactory(
        organisation=personas.org_b, rag=Rag.RED, reviewed_on=timezone.localdate() - timedelta(days=30)
    )
    client = client_for(personas.manager)
    refused = client.post(reverse("opportunities:interest_respond", args=[ineligible.pk]), {"response": "partner"})
    assert refused.status_code == 200
    assert "Beta Befriending is not eligible to be a bid partner" in refused.content.decode()
    assert Interest.objects.get(pk=ineligible.pk).status == InterestStatus.EXPRESSED
    accepted = client.post(reverse("opportunities:interest_respond", args=[eligible.pk]), {"response": "partner"})
    assert accepted.status_code == 302
    assert Interest.objects.get(pk=eligible.pk).status == InterestStatus.PARTNER
    # Read-only roles cannot respond.
    assert (
        client_for(personas.auditor)
        .post(reverse("opportunities:interest_respond", args=[ineligible.pk]), {"response": "decline"})
        .status_code
        == 403
    )
