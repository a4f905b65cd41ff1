"""The Hub performance page: who may see it, what it shows, entering a figure, and its cost."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consortia.hub.choices import Comparison, Unit
from consortia.hub.models import ServiceStandard, StandardReading
from consortia.hub.services.standards import last_periods
from consortia.hub.tests.standards.factories import (
    PerformanceProcedureFactory,
    ServiceStandardFactory,
    StandardReadingFactory,
    deliverer,
    hub_function,
)
from consortia.users.testing import Personas

URL = "/hub/performance/"


def reading_url(standard) -> str:  # type: ignore[no-untyped-def]
    return f"/hub/performance/{standard.pk}/reading/"


def this_month():  # type: ignore[no-untyped-def]
    return timezone.localdate().replace(day=1)


def test_who_may_see_it(personas: Personas, client_for: Callable[..., Client], client: Client) -> None:
    standard: ServiceStandard = ServiceStandardFactory()
    assert client.get(URL).status_code == 302
    assert client_for(personas.nobody).get(URL).status_code == 403
    assert client_for(personas.member_a).get(URL).status_code == 403
    for persona in (personas.auditor, personas.board):
        reader = client_for(persona)
        page = reader.get(URL)
        assert page.status_code == 200
        assert standard.name in page.content.decode()
        assert "Save figure" not in page.content.decode()
        assert reader.post(reading_url(standard), {f"standard-{standard.pk}-value": "3"}).status_code == 403
    assert client_for(personas.member_a).post(reading_url(standard), {}).status_code == 403
    assert not StandardReading.objects.exists()


def test_it_is_in_the_hub_menu(personas: Personas, client_for: Callable[..., Client]) -> None:
    page = client_for(personas.auditor).get("/").content.decode()
    assert f'href="{URL}">Hub performance</a>' in page


def test_standards_grouped_by_function_with_rag_in_text(personas: Personas, client_for: Callable[..., Client]) -> None:
    manager = deliverer("Consortium manager (test)")
    slow = ServiceStandardFactory(
        function=hub_function("contracts"),
        name="Monitoring returns validated within 10 working days",
        responsible=manager,
    )
    StandardReadingFactory(standard=slow, period_start=this_month(), value=Decimal(14))
    pay = ServiceStandardFactory(
        function=hub_function("finance"), name="Members paid within 30 days", target=Decimal(30)
    )
    StandardReadingFactory(standard=pay, period_start=this_month(), value=Decimal(21))
    ServiceStandardFactory(name="Retired standard", active=False)
    PerformanceProcedureFactory(name="Quarterly board review", escalation="Two reds go to the chair.")
    page = client_for(personas.manager).get(URL).content.decode()
    contracts = page.index(hub_function("contracts").name)
    finance = page.index(hub_function("finance").name)
    assert contracts < page.index(slow.name) < finance < page.index(pay.name)
    assert "<strong>14 working days</strong> against a target of at most 10 working days" in page
    assert "— Red" in page
    assert "<strong>21 working days</strong>" in page
    assert "— Green" in page
    assert "Consortium manager (test)" in page
    assert "Retired standard" not in page
    assert "Quarterly board review" in page
    assert "14/07/2026" in page
    assert "Two reds go to the chair." in page
    for period in last_periods("month"):
        assert period.label in page


def test_entering_this_periods_figure(personas: Personas, client_for: Callable[..., Client]) -> None:
    standard = ServiceStandardFactory(name="Opportunities circulated within 2 working days", target=Decimal(2))
    client = client_for(personas.manager)
    assert "Save figure" in client.get(URL).content.decode()
    prefix = f"standard-{standard.pk}"
    response = client.post(reading_url(standard), {f"{prefix}-value": "2.5", f"{prefix}-note": "Bank holiday week"})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}#standard-{standard.pk}"
    reading = StandardReading.objects.get()
    assert (reading.period_start, reading.value, reading.note) == (this_month(), Decimal("2.50"), "Bank holiday week")
    assert reading.created_by == personas.manager
    # Sent again with a correction: the same reading changes.
    client.post(reading_url(standard), {f"{prefix}-value": "1.5"})
    assert StandardReading.objects.get().value == Decimal("1.50")
    page = client.get(URL).content.decode()
    assert "<strong>1.5 working days</strong>" in page


def test_a_bad_figure_is_explained_and_nothing_saved(personas: Personas, client_for: Callable[..., Client]) -> None:
    standard = ServiceStandardFactory()
    response = client_for(personas.manager).post(reading_url(standard), {f"standard-{standard.pk}-value": "lots"})
    assert response.status_code == 422
    assert "Enter a number." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not StandardReading.objects.exists()


def test_a_computed_standard_has_no_figure_to_enter(personas: Personas, client_for: Callable[..., Client]) -> None:
    standard = ServiceStandardFactory(
        measure="hub.workplan_on_track", unit=Unit.PERCENT, comparison=Comparison.AT_LEAST, target=Decimal(80)
    )
    client = client_for(personas.manager)
    assert "Save figure" not in client.get(URL).content.decode()
    response = client.post(reading_url(standard), {f"standard-{standard.pk}-value": "3"})
    assert response.status_code == 404


def queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["manager", "auditor"])
def test_the_page_costs_a_fixed_number_of_queries(
    personas: Personas, client_for: Callable[..., Client], persona: str
) -> None:
    client = client_for(getattr(personas, persona))
    client.get(URL)
    for code in ("contracts", "finance"):
        standard = ServiceStandardFactory(function=hub_function(code), responsible=deliverer())
        StandardReadingFactory(standard=standard, period_start=this_month())
    PerformanceProcedureFactory()
    few = queries(client)
    for index in range(8):
        standard = ServiceStandardFactory(function=hub_function(["membership", "bidding"][index % 2]))
        StandardReadingFactory(standard=standard, period_start=this_month())
        PerformanceProcedureFactory()
    many = queries(client)
    # session, user, 2 × permissions, the standards (function and deliverer joined), their
    # readings, the procedures
    assert (few, many) == (7, 7)
    # A computed standard adds its measure's queries for each of its six periods (one each for
    # this measure); a second standard on the same measure shares them.
    for _ in range(2):
        ServiceStandardFactory(
            measure="hub.workplan_on_track", unit=Unit.PERCENT, comparison=Comparison.AT_LEAST, target=Decimal(80)
        )
    assert queries(client) == 7 + 6
