"""The capabilities area's records through the generic view tests, and their filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Area, Organisation
from consortia.members.models import Capability, CaseStudy, ClientGroup, QualityMark, ServiceCategory
from consortia.members.tests.capabilities.factories import (
    CapabilityFactory,
    CaseStudyFactory,
    ClientGroupFactory,
    QualityMarkFactory,
    ServiceCategoryFactory,
)
from consortia.members.views.capabilities import (
    CapabilityViews,
    CaseStudyViews,
    ClientGroupViews,
    QualityMarkViews,
    ServiceCategoryViews,
)
from consortia.users.testing import Personas


class TestServiceCategoryViews(EditableRecordTests):
    record = ServiceCategoryViews
    member_can_view = True
    list_queries = 6  # session, user, 2 × permissions, count, page
    concurrent_change = {"description": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ServiceCategory:
        return ServiceCategoryFactory()

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"name": "Welfare rights", "code": "welfare-rights", "cpv_codes": "85312300-2", "order": "5"}


class TestClientGroupViews(EditableRecordTests):
    record = ClientGroupViews
    member_can_view = True
    list_queries = 6  # session, user, 2 × permissions, count, page
    concurrent_change = {"name": "Changed by someone else meanwhile"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ClientGroup:
        return ClientGroupFactory()

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"name": "Veterans", "order": "5"}


def capability_form(personas: Personas) -> dict[str, Any]:
    return {
        "organisation": str(personas.org_a.pk),
        "category": str(ServiceCategory.objects.get(code="advice-advocacy").pk),
        "client_groups": [str(ClientGroup.objects.get(name="Carers").pk)],
        "areas": [str(Area.objects.get(name="Preston").pk)],
        "description": "Benefits advice at GP surgeries.",
        "clients_per_year": "300",
    }


class TestCapabilityViews(EditableRecordTests):
    record = CapabilityViews
    # session, user, 2 × permissions, the filter's categories, client groups and areas, count,
    # page (organisation and category joined)
    list_queries = 9
    concurrent_change = {"description": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Capability:
        return CapabilityFactory(organisation=organisation)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return capability_form(personas)


class TestQualityMarkViews(EditableRecordTests):
    record = QualityMarkViews
    list_queries = 6  # session, user, 2 × permissions, count, page (organisation joined)
    concurrent_change = {"reference": "CHANGED"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> QualityMark:
        return QualityMarkFactory(organisation=organisation)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "organisation": str(personas.org_a.pk),
            "name": "Advice Quality Standard",
            "awarded_on": "2024-02-01",
            "expires_on": "2027-02-01",
        }


class TestCaseStudyViews(EditableRecordTests):
    record = CaseStudyViews
    list_queries = 7  # session, user, 2 × permissions, the filter's categories, count, page (joined)
    concurrent_change = {"outcomes": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> CaseStudy:
        return CaseStudyFactory(organisation=organisation)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "organisation": str(personas.org_a.pk),
            "title": "Advice on prescription",
            "year": "2025",
            "summary": "Advisers in six GP surgeries.",
        }


def test_capability_filters(personas: Personas, client_for: Callable[..., Client]) -> None:
    lancashire = Area.objects.get(name="Lancashire", kind="county")
    preston = Area.objects.get(name="Preston")
    blackpool = Area.objects.get(name="Blackpool")
    carers = ClientGroup.objects.get(name="Carers")
    advice = ServiceCategory.objects.get(code="advice-advocacy")
    CapabilityFactory(organisation=personas.org_a, category=advice, areas=[preston], client_groups=[carers])
    CapabilityFactory(organisation=personas.org_b, category__name="Food (test)", areas=[blackpool])
    client = client_for(personas.manager)
    url = "/members/capabilities/"

    def listed(**params: Any) -> tuple[bool, bool]:
        page = client.get(url, params).content.decode()
        return "Alpha Advice Centre" in page, "Beta Befriending" in page

    assert listed(area=lancashire.pk) == (True, False)  # the county includes Preston, not Blackpool
    assert listed(area=blackpool.pk) == (False, True)
    assert listed(category=advice.pk) == (True, False)
    assert listed(client_group=carers.pk) == (True, False)
    assert listed(organisation=personas.org_b.pk) == (False, True)


def test_member_adds_a_capability_only_for_their_own_organisation(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    client = client_for(personas.member_a)
    page = client.get("/members/capabilities/add/").content.decode()
    assert "Alpha Advice Centre" in page
    assert "Beta Befriending" not in page
