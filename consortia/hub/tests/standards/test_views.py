"""Service standards, readings and procedures through the generic view tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.hub.models import PerformanceProcedure, ServiceStandard, StandardReading
from consortia.hub.tests.standards.factories import (
    PerformanceProcedureFactory,
    ServiceStandardFactory,
    StandardReadingFactory,
    hub_function,
)
from consortia.hub.views.standards import PerformanceProcedureViews, ServiceStandardViews, StandardReadingViews
from consortia.users.testing import Personas


class TestServiceStandardViews(EditableRecordTests):
    record = ServiceStandardViews
    member_can_view = False
    # session, user, 2 × permissions, functions for the filter, count, page (function and
    # deliverer joined)
    list_queries = 7
    concurrent_change = {"name": "Renamed by someone else meanwhile"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ServiceStandard:
        return ServiceStandardFactory(name=f"Members paid within 30 days of the commissioner paying ({index})")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "function": str(hub_function("finance").pk),
            "name": "Members paid within 30 days of the commissioner paying",
            "measure": "",
            "target": "30",
            "comparison": "at_most",
            "unit": "days",
            "amber_margin": "5",
            "period": "month",
            "active": "on",
        }


class TestStandardReadingViews(EditableRecordTests):
    record = StandardReadingViews
    member_can_view = False
    # session, user, 2 × permissions, hand-entered standards for the filter, count, page
    # (standard joined)
    list_queries = 7
    concurrent_change = {"note": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> StandardReading:
        standard = ServiceStandardFactory(name=f"Opportunities circulated within 2 working days ({index})")
        return StandardReadingFactory(standard=standard, period_start=date(2026, 3, 1), value=Decimal(f"{index}.50"))

    def form_data(self, personas: Personas) -> dict[str, Any]:
        standard = ServiceStandard.objects.filter(name="Returns validated on time").first() or ServiceStandardFactory(
            name="Returns validated on time"
        )
        return {"standard": str(standard.pk), "period_start": "2026-03-17", "value": "7.5", "note": "Two late returns"}


class TestPerformanceProcedureViews(EditableRecordTests):
    record = PerformanceProcedureViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page
    concurrent_change = {"procedure": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PerformanceProcedure:
        return PerformanceProcedureFactory(name=f"Board review of the hub {index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "name": "Quarterly board review",
            "reviewed_by": "The board",
            "review_cadence": "quarterly",
            "next_review": "2026-07-14",
            "procedure": "The manager reports the standards to each quarterly board meeting.",
            "escalation": "Two reds in a row go to the chair.",
        }


def test_a_reading_is_kept_for_the_first_day_of_its_period(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    quarterly = ServiceStandardFactory(name="Quarterly figure", period="quarter")
    response = client_for(personas.manager).post(
        "/hub/standard-readings/add/", {"standard": quarterly.pk, "period_start": "2026-05-20", "value": "4"}
    )
    assert response.status_code == 302
    assert StandardReading.objects.get(standard=quarterly).period_start == date(2026, 4, 1)


def test_a_computed_standard_takes_no_hand_readings(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    computed = ServiceStandardFactory(name="Timesheets approved quickly", measure="people.timesheet_approval_days")
    client = client_for(personas.manager)
    page = client.get("/hub/standard-readings/add/").content.decode()
    assert "Timesheets approved quickly" not in page
    response = client.post(
        "/hub/standard-readings/add/", {"standard": computed.pk, "period_start": "2026-05-01", "value": "4"}
    )
    assert response.status_code == 200
    assert not StandardReading.objects.exists()


def test_the_form_offers_the_measures_and_takes_their_unit(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.manager)
    page = client.get("/hub/service-standards/add/").content.decode()
    assert "Entered by hand each period" in page
    assert 'value="people.timesheet_approval_days"' in page
    assert 'value="hub.tasks_with_responsible"' in page
    data = TestServiceStandardViews().form_data(personas) | {
        "name": "Every hub task has someone responsible",
        "measure": "hub.tasks_with_responsible",
        "unit": "days",
        "comparison": "at_least",
        "target": "100",
    }
    assert client.post("/hub/service-standards/add/", data).status_code == 302
    standard = ServiceStandard.objects.get(name="Every hub task has someone responsible")
    assert standard.unit == "percent"
    page = client.get(standard.get_absolute_url()).content.decode()
    assert "Computed: Hub tasks with someone responsible (%)" in page
    assert "At least 100%" in page


def test_an_unknown_measure_is_refused(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    standard = ServiceStandardFactory.build(function=hub_function(), measure="finance.nothing_like_it")
    with pytest.raises(ValidationError) as raised:
        standard.full_clean()
    assert "measure" in raised.value.message_dict
