"""The supply-chain register (Excel) and the members' import."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from consortia.directory.models import Area
from consortia.directory.tests.factories import OrganisationFactory
from consortia.documents.models import GeneratedDocument
from consortia.members.models import Capability, ClientGroup, Membership, ServiceCategory
from consortia.members.tests.capabilities.factories import CapabilityFactory, QualityMarkFactory
from consortia.members.tests.membership.factories import MembershipFactory
from consortia.users.testing import Personas

REGISTER = "/members/memberships/register/"


def test_register_holds_members_capabilities_and_marks(personas: Personas, client_for: Callable[..., Client]) -> None:
    MembershipFactory(organisation=personas.org_a, languages="Urdu, Gujarati", staff_count=7)
    MembershipFactory(organisation=personas.org_b, tier="associate", fee_paid=False)
    CapabilityFactory(
        organisation=personas.org_a,
        category=ServiceCategory.objects.get(code="advice-advocacy"),
        client_groups=[ClientGroup.objects.get(name="Carers")],
        areas=[Area.objects.get(name="Preston"), Area.objects.get(name="Chorley")],
    )
    QualityMarkFactory(
        organisation=personas.org_b, name="Trusted Charity", expires_on=timezone.localdate() - timedelta(days=2)
    )
    client = client_for(personas.manager)
    assert REGISTER in client.get("/members/memberships/").content.decode()
    response = client.get(REGISTER)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Members", "Capabilities", "Quality marks"]
    members = list(workbook["Members"].iter_rows(values_only=True))
    assert members[1][:6] == ("Member", "Org-id", "Charity number", "Company number", "Tier", "Status")
    assert members[2][0] == "Alpha Advice Centre"
    assert members[2][4] == "Full member"
    assert members[2][14] == "Urdu, Gujarati"
    assert members[3][0] == "Beta Befriending"
    assert members[3][10] == "No"
    capabilities = list(workbook["Capabilities"].iter_rows(values_only=True))
    assert capabilities[1][:5] == (
        "Alpha Advice Centre",
        "Advice and advocacy",
        "85312300-2, 79140000-7",
        "Carers",
        "Chorley; Preston",
    )
    marks = list(workbook["Quality marks"].iter_rows(values_only=True))
    assert marks[1][0] == "Beta Befriending"
    assert marks[1][5] == "Expired"
    assert GeneratedDocument.objects.get().kind == "supply_chain_register"
    assert client_for(personas.auditor).get(REGISTER).status_code == 403  # may not generate documents
    assert client_for(personas.member_a).get(REGISTER).status_code == 403


def _import(client: Client, text: str, check_only: bool = False) -> tuple[int, str]:
    upload = io.BytesIO(text.encode())
    upload.name = "members.csv"
    data = {"file": upload} | ({"check_only": "1"} if check_only else {})
    response = client.post("/members/memberships/import/", data)
    return response.status_code, response.content.decode()


HEADER = "Organisation,Charity number,Company number,Postcode,Tier,Status,Joined,Annual fee,Fee paid,Services,Client groups,Areas\n"


def test_import_matches_by_number_and_writes_capabilities(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    org = OrganisationFactory(
        name="Chorley Carers", charity_number="1190001", company_number="09876543", postcode="PR7 1AA"
    )
    client = client_for(personas.manager)
    text = HEADER + (
        'Chorley Carers Centre (old name),1190001,,,Associate member,Active,01/09/2025,"£1,200.00",no,'
        "carers-support; Advice and advocacy,Carers,Chorley; South Ribble\n"
    )
    status, page = _import(client, text, check_only=True)
    assert status == 200
    assert "1 new" in page
    assert not Membership.objects.filter(organisation=org).exists()
    status, page = _import(client, text)
    assert status == 200
    membership = Membership.objects.get(organisation=org)
    assert (membership.tier, str(membership.annual_fee), membership.fee_paid) == ("associate", "1200.00", False)
    assert set(Capability.objects.filter(organisation=org).values_list("category__code", flat=True)) == {
        "carers-support",
        "advice-advocacy",
    }
    capability = Capability.objects.get(organisation=org, category__code="carers-support")
    assert {a.name for a in capability.areas.all()} == {"Chorley", "South Ribble"}
    # A change to the capabilities alone is an update, matched this time by company number.
    text = HEADER + (
        "Chorley Carers,,09876543,,Associate,Active,01/09/2025,1200,no,carers-support,Carers; Older people,Chorley\n"
    )
    status, page = _import(client, text)
    assert status == 200
    assert "0 new, 1 updated" in page
    assert {
        g.name for g in Capability.objects.get(organisation=org, category__code="carers-support").client_groups.all()
    } == {
        "Carers",
        "Older people",
    }


def test_import_errors_name_the_rows(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    text = HEADER + (
        "Alpha Advice Centre,,,PR1 2AA,Full,Active,,,,Advice and advocacy,,\n"
        "Alpha Advice Centre,,,PR1 2AA,Full,Active,,,,Not a service,,\n"
        "Unknown Trust,,,BB1 1AA,Full,Active,,,,,,\n"
    )
    status, page = _import(client, text)
    assert status == 422
    assert "already on row 2" in page  # row 3 repeats row 2's organisation
    assert "Unknown service category: Not a service." in page
    assert "does not create organisations" in page
    assert not Membership.objects.exists()
