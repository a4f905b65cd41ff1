"""Memberships and development actions through the generic view tests; the membership page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from consortia.core.testing.views import EditableRecordTests, ImportableRecordTests
from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.members.models import DevelopmentAction, Membership
from consortia.members.tests.capabilities.factories import CapabilityFactory, CaseStudyFactory, QualityMarkFactory
from consortia.members.tests.membership.factories import (
    DevelopmentActionFactory,
    MembershipFactory,
    membership_for,
)
from consortia.members.views.membership import DevelopmentActionViews, MembershipViews
from consortia.users.testing import Personas


def make_membership(organisation: Organisation) -> Membership:
    # An organisation has one membership: a second one for the same organisation goes to a new one.
    if Membership.objects.filter(organisation=organisation).exists():
        organisation = OrganisationFactory()
    return MembershipFactory(organisation=organisation)


class TestMembershipViews(EditableRecordTests, ImportableRecordTests):
    record = MembershipViews
    member_can_view = True
    list_queries = 6  # session, user, 2 × permissions, count, page (organisation joined)
    concurrent_change = {"notes": "Changed by someone else meanwhile."}
    import_csv = (
        "Organisation,Charity number,Company number,Postcode,Tier,Status,Joined,Annual fee,Fee paid,"
        "Services,Client groups,Areas\n"
        "Alpha Advice Centre,,,PR1 2AA,Full,Active,01/04/2024,£150.00,Yes,"
        "Advice and advocacy; financial-inclusion,People in poverty; Carers,Preston; Chorley\n"
        "Beta Befriending,,,PR1 2AA,Associate,Active,01/09/2025,50,No,Older people's services,Older people,Wyre\n"
    )
    bad_import_csv = "Organisation,Charity number,Postcode,Tier\nNobody Knows Us Trust,,LA1 1AA,Full\n"
    bad_import_error = (2, "Organisation")

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Membership:
        return make_membership(organisation)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "organisation": str(OrganisationFactory(name="Gamma Carers Centre").pk),
            "tier": "associate",
            "status": "active",
            "joined_on": "2025-05-01",
            "renewal_due": "2026-05-01",
            "annual_fee": "75.00",
        }

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return {
            "organisation": str(obj.organisation_id),
            "tier": "full",
            "status": "left",
            "left_on": "2026-03-31",
            "annual_fee": "75.00",
        }


class TestDevelopmentActionViews(EditableRecordTests):
    record = DevelopmentActionViews
    member_can_view = True
    list_queries = 6  # session, user, 2 × permissions, count, page (membership and organisation joined)

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> DevelopmentAction:
        return DevelopmentActionFactory(
            membership=membership_for(organisation), action=f"Write a business plan {index}"
        )

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "membership": str(membership_for(personas.org_a, tier="associate").pk),
            "action": "Get the Trusted Charity mark",
            "due_on": "2026-09-30",
        }

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return self.form_data(personas) | {"done_on": "2026-08-01"}


def test_membership_page_shows_plan_capabilities_marks_and_cases(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    today = timezone.localdate()
    membership = MembershipFactory(organisation=personas.org_a, tier="associate", annual_fee="1234.50")
    DevelopmentActionFactory(
        membership=membership, action="Adopt a data protection policy", due_on=today - timedelta(days=3)
    )
    DevelopmentActionFactory(
        membership=membership, action="Appoint a treasurer", due_on=today - timedelta(days=30), done_on=today
    )
    CapabilityFactory(organisation=personas.org_a, category__name="Debt advice (test)")
    QualityMarkFactory(
        organisation=personas.org_a, name="Advice Quality Standard", expires_on=today + timedelta(days=20)
    )
    QualityMarkFactory(organisation=personas.org_a, name="Cyber Essentials", expires_on=today - timedelta(days=1))
    QualityMarkFactory(organisation=personas.org_a, name="Matrix", expires_on=today + timedelta(days=400))
    CaseStudyFactory(organisation=personas.org_a, title="Debt advice in Preston")
    CapabilityFactory(organisation=personas.org_b, category__name="Someone else's service")
    for persona in (personas.manager, personas.member_a):
        page = client_for(persona).get(membership.get_absolute_url()).content.decode()
        assert "£1,234.50" in page
        assert "Adopt a data protection policy" in page
        assert "Overdue" in page
        assert "Done" in page
        assert "Debt advice (test)" in page
        assert "Advice Quality Standard" in page
        assert "(Expires within 60 days)" in page
        assert "Cyber Essentials" in page
        assert "(Expired)" in page
        assert page.count("(Expire") == 2  # Matrix is not flagged
        assert "Debt advice in Preston" in page
        assert "Someone else&#x27;s service" not in page
        assert "Someone else's service" not in page


def test_membership_filters(personas: Personas, client_for: Callable[..., Client]) -> None:
    MembershipFactory(organisation=personas.org_a, tier="full", fee_paid=True, renewal_due="2026-06-01")
    MembershipFactory(organisation=personas.org_b, tier="associate", fee_paid=False, renewal_due="2027-06-01")
    client = client_for(personas.manager)
    url = "/members/memberships/"
    page = client.get(url, {"tier": "associate"}).content.decode()
    assert "Beta Befriending" in page
    assert "Alpha Advice Centre" not in page
    page = client.get(url, {"fee_paid": "false"}).content.decode()
    assert "Beta Befriending" in page
    assert "Alpha Advice Centre" not in page
    page = client.get(url, {"renewal_due_before": "2026-12-31"}).content.decode()
    assert "Alpha Advice Centre" in page
    assert "Beta Befriending" not in page


def test_left_needs_a_date(personas: Personas, client_for: Callable[..., Client]) -> None:
    membership = MembershipFactory(organisation=personas.org_a)
    data = TestMembershipViews().edit_data(personas, membership) | {"left_on": ""}
    from consortia.core.services import record_version

    response = client_for(personas.manager).post(
        f"/members/memberships/{membership.pk}/edit/", data | {"_version": record_version(membership)}
    )
    assert response.status_code == 200
    assert "Give the date the member left." in response.content.decode()
