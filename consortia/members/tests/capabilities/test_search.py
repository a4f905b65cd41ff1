"""Who can deliver X for Y in Z, and the coverage grid."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from consortia.core.testing.views import queries_for
from consortia.directory.models import Area
from consortia.directory.tests.factories import OrganisationFactory
from consortia.members.models import ClientGroup, ServiceCategory
from consortia.members.tests.capabilities.factories import CapabilityFactory, QualityMarkFactory
from consortia.members.tests.membership.factories import MembershipFactory
from consortia.users.testing import Personas

SEARCH = "/members/capabilities/search/"
COVERAGE = "/members/capabilities/coverage/"


@pytest.fixture
def supply_chain(personas: Personas) -> dict[str, object]:
    """Alpha (full, Preston) and Beta (associate, all Lancashire) give advice to carers; Gamma left."""
    advice = ServiceCategory.objects.get(code="advice-advocacy")
    carers = ClientGroup.objects.get(name="Carers")
    preston = Area.objects.get(name="Preston")
    lancashire = Area.objects.get(name="Lancashire", kind="county")
    MembershipFactory(organisation=personas.org_a)
    MembershipFactory(organisation=personas.org_b, tier="associate")
    CapabilityFactory(
        organisation=personas.org_a, category=advice, client_groups=[carers], areas=[preston], clients_per_year=300
    )
    CapabilityFactory(organisation=personas.org_b, category=advice, client_groups=[carers], areas=[lancashire])
    QualityMarkFactory(
        organisation=personas.org_a, name="Advice Quality Standard", expires_on=timezone.localdate() + timedelta(days=9)
    )
    gone = OrganisationFactory(name="Gamma Gone Advice")
    MembershipFactory(organisation=gone, status="left", left_on="2025-01-01")
    CapabilityFactory(organisation=gone, category=advice, client_groups=[carers], areas=[preston])
    return {"advice": advice, "carers": carers, "preston": preston, "lancashire": lancashire}


def test_who_can_deliver(personas: Personas, client_for: Callable[..., Client], supply_chain: dict) -> None:
    client = client_for(personas.manager)
    query = {"category": supply_chain["advice"].pk, "client_group": supply_chain["carers"].pk}
    page = client.get(SEARCH, query | {"area": supply_chain["lancashire"].pk}).content.decode()
    assert "1 member can deliver" in page
    assert "Alpha Advice Centre" in page  # Preston is in Lancashire
    assert "300" in page
    assert "Advice Quality Standard" in page
    assert "(Expires within 60 days)" in page
    assert "Beta Befriending" not in page  # an associate, not asked for
    assert "Gamma Gone Advice" not in page  # left
    page = client.get(SEARCH, query | {"area": supply_chain["preston"].pk, "include_other_tiers": "1"}).content.decode()
    assert "2 members can deliver" in page
    assert "Beta Befriending" in page  # works across the county, so in Preston
    page = client.get(SEARCH, query | {"area": Area.objects.get(name="Blackpool").pk}).content.decode()
    assert "0 members can deliver" in page
    page = client.get(SEARCH, query | {"client_group": ClientGroup.objects.get(name="Children").pk}).content.decode()
    assert "Alpha Advice Centre" not in page


def test_search_shows_a_page_of_members_at_a_time(
    personas: Personas, client_for: Callable[..., Client], supply_chain: dict, settings: object
) -> None:
    settings.LIST_PAGE_SIZE = 1  # type: ignore[attr-defined]
    client = client_for(personas.manager)
    query = {"category": supply_chain["advice"].pk, "include_other_tiers": "1"}
    page = client.get(SEARCH, query).content.decode()
    assert "2 members can deliver" in page  # all of them counted
    assert "Alpha Advice Centre" in page
    assert "Beta Befriending" not in page
    assert "Page 1 of 2" in page
    page = client.get(SEARCH, query | {"page": 2}).content.decode()
    assert "2 members can deliver" in page
    assert "Beta Befriending" in page
    assert "Alpha Advice Centre" not in page


def test_search_costs_a_fixed_number_of_queries(
    personas: Personas, client_for: Callable[..., Client], supply_chain: dict
) -> None:
    client = client_for(personas.manager)
    url = f"{SEARCH}?category={supply_chain['advice'].pk}&area={supply_chain['lancashire'].pk}&include_other_tiers=1"
    client.get(url)  # the first request after signing in saves the session
    few = queries_for(client, url)
    for _index in range(12):
        organisation = OrganisationFactory()
        MembershipFactory(organisation=organisation)
        CapabilityFactory(organisation=organisation, category=supply_chain["advice"], areas=[supply_chain["preston"]])
        QualityMarkFactory(organisation=organisation)
    many = queries_for(client, url)
    # session, user, 2 × permissions, categories, client groups, areas for the drop-down, the area,
    # the count of matching capabilities, a page of them (memberships, organisations and categories
    # joined), their client groups, their areas, quality marks
    assert few == many == 13


def test_coverage_grid(personas: Personas, client_for: Callable[..., Client], supply_chain: dict) -> None:
    client = client_for(personas.manager)
    page = client.get(COVERAGE).content.decode()
    # Beta covers the whole county, so every Lancashire district is a column, grouped under Lancashire.
    assert ">Lancashire</th>" in page
    assert ">Pendle</th>" in page
    advice_row = re.search(r'<th scope="row">Advice and advocacy</th>(.*?)</tr>', page, re.S)
    assert advice_row
    cells = re.findall(r"<td[^>]*>(.*?)</td>", advice_row.group(1))
    assert "2" in cells  # Preston: Alpha and Beta (Gamma has left)
    assert "no member" not in cells
    assert "no member" in page  # other services have no member anywhere
    page = client.get(COVERAGE, {"county": supply_chain["lancashire"].pk}).content.decode()
    assert ">West Lancashire</th>" in page


def test_coverage_costs_a_fixed_number_of_queries(
    personas: Personas, client_for: Callable[..., Client], supply_chain: dict
) -> None:
    client = client_for(personas.manager)
    client.get(COVERAGE)  # the first request after signing in saves the session
    few = queries_for(client, COVERAGE)
    for name in ("Blackpool", "Burnley", "Wyre"):
        organisation = OrganisationFactory()
        MembershipFactory(organisation=organisation)
        CapabilityFactory(organisation=organisation, areas=[Area.objects.get(name=name)])
    many = queries_for(client, COVERAGE)
    # session, user, 2 × permissions, counties for the drop-down, area links, districts of the
    # counties, the columns' areas, categories
    assert few == many == 9


def test_hub_pages_permissions(personas: Personas, client_for: Callable[..., Client], supply_chain: dict) -> None:
    for url in (SEARCH, COVERAGE):
        assert client_for(personas.nobody).get(url).status_code == 403
        assert client_for(personas.member_a).get(url).status_code == 403
        assert client_for(personas.auditor).get(url).status_code == 200
    # A read-only role reads the search but is offered no way to change anything.
    page = client_for(personas.auditor).get(SEARCH, {"category": supply_chain["advice"].pk}).content.decode()
    assert "/edit/" not in page


def test_coverage_grid_downloads_as_excel(
    personas: Personas, client_for: Callable[..., Client], supply_chain: dict
) -> None:
    import io

    from openpyxl import load_workbook

    from consortia.documents.models import GeneratedDocument

    client = client_for(personas.manager)
    assert "format=xlsx" in client.get(COVERAGE).content.decode()
    response = client.get(COVERAGE, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Coverage"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = rows[2]  # two notes, then the header
    assert header[:2] == ["Service", "CPV codes"]
    assert "Preston" in header
    advice = next(row for row in rows if row[0] == "Advice and advocacy")
    assert advice[header.index("Preston")] == 2  # Alpha and Beta; Gamma has left
    assert GeneratedDocument.objects.filter(kind="coverage_grid").count() == 1
    # Read-only roles see the grid but do not build documents; member users see neither.
    assert client_for(personas.auditor).get(COVERAGE, {"format": "xlsx"}).status_code == 403
    assert client_for(personas.member_a).get(COVERAGE, {"format": "xlsx"}).status_code == 403
