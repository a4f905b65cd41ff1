"""The API of service standards, readings and procedures, and a standard's computed results."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.hub.models import PerformanceProcedure, ServiceStandard, StandardReading
from consortia.hub.tests.standards.factories import (
    PerformanceProcedureFactory,
    ServiceStandardFactory,
    StandardReadingFactory,
)
from consortia.users.testing import Personas


class TestServiceStandardApi(RecordApiTests):
    basename = "servicestandard"
    model = ServiceStandard
    member_can_view = False
    change = {"target": "2.00"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ServiceStandard:
        return ServiceStandardFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "function": "bidding",
            "name": "Opportunities circulated to members within 2 working days of publication",
            "target": "2",
            "comparison": "at_most",
            "unit": "working_days",
            "amber_margin": "1",
            "period": "month",
        }


class TestStandardReadingApi(RecordApiTests):
    basename = "standardreading"
    model = StandardReading
    member_can_view = False
    change = {"value": "6.00"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> StandardReading:
        return StandardReadingFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"standard": ServiceStandardFactory().pk, "period_start": "2026-02-11", "value": "9.5"}


class TestPerformanceProcedureApi(RecordApiTests):
    basename = "performanceprocedure"
    model = PerformanceProcedure
    member_can_view = False
    change = {"reviewed_by": "The performance committee"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PerformanceProcedure:
        return PerformanceProcedureFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"name": "Quarterly review", "reviewed_by": "The board", "procedure": "Standards at each meeting."}


def test_the_api_keeps_a_reading_on_its_periods_first_day(personas: Personas) -> None:
    standard = ServiceStandardFactory()
    response = api_client(personas.manager).post(
        "/api/standard-readings/",
        {"standard": standard.pk, "period_start": "2026-02-11", "value": "9.5"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["period_start"] == "2026-02-01"


def test_the_api_refuses_an_unknown_measure_and_sets_a_known_ones_unit(personas: Personas) -> None:
    client = api_client(personas.manager)
    payload = TestServiceStandardApi().create_payload(personas)
    response = client.post("/api/service-standards/", payload | {"measure": "made.up"}, format="json")
    assert response.status_code == 400
    assert "measure" in response.json()
    response = client.post(
        "/api/service-standards/",
        payload | {"measure": "hub.workplan_on_track", "comparison": "at_least"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["unit"] == "percent"


def test_results_endpoint(personas: Personas) -> None:
    standard = ServiceStandardFactory(target=Decimal(10), amber_margin=Decimal(2))
    this_month = timezone.localdate().replace(day=1)
    StandardReadingFactory(standard=standard, period_start=this_month, value=Decimal(11))
    body = api_client(personas.auditor).get(f"/api/service-standards/{standard.pk}/results/").json()
    assert len(body["periods"]) == 6
    assert body["periods"][-1]["start"] == this_month.isoformat()
    assert (body["periods"][-1]["actual"], body["periods"][-1]["rag"]) == ("11.00", "amber")
    assert body["periods"][0]["rag"] == "no_data"
    assert api_client(personas.member_a).get(f"/api/service-standards/{standard.pk}/results/").status_code == 403
    assert date.fromisoformat(body["periods"][0]["start"]) < this_month
