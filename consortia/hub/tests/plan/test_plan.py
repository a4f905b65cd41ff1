"""The business plan's own behaviour: validation, progress, live measures, its page, approval and the Word plan."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document

from consortia.core.testing.api import api_client
from consortia.core.testing.views import form_token
from consortia.documents.models import GeneratedDocument
from consortia.hub import measures
from consortia.hub.choices import Comparison, PlanStatus, Progress, Rag, Unit, WorkplanStatus
from consortia.hub.models import PlanIndicator, WorkplanItem
from consortia.hub.services.plan import approve_plan, build_business_plan, indicator_results, progress
from consortia.hub.services.standards import period_for
from consortia.hub.tests.plan.factories import (
    BusinessPlanFactory,
    PlanIndicatorFactory,
    PlanIndicatorReadingFactory,
    PlanObjectiveFactory,
    PlanReviewFactory,
)
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db

LIVE = "hub.workplan_on_track"


def indicator_form(objective_pk: int, **changes: str) -> dict[str, str]:
    return {
        "objective": str(objective_pk),
        "name": "Workplan on track",
        "order": "0",
        "measure": "",
        "period": "quarter",
        "unit": "percent",
        "baseline": "",
        "target": "80",
        "direction": "at_least",
        "tolerance": "10",
        "target_date": "31/03/2027",
    } | changes


def workplan(done: int, late: int) -> None:
    """Items already due: `done` of them done, `late` in progress and red."""
    month = date(2024, 1, 1)
    for index in range(done):
        WorkplanItem.objects.create(
            activity=f"Done {index}", start_month=month, end_month=month, status=WorkplanStatus.DONE
        )
    for index in range(late):
        WorkplanItem.objects.create(
            activity=f"Late {index}", start_month=month, end_month=month, status=WorkplanStatus.IN_PROGRESS, rag=Rag.RED
        )


# -- progress --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("90", Progress.ON_TRACK),
        ("80", Progress.ON_TRACK),
        ("75", Progress.AT_RISK),
        ("70", Progress.AT_RISK),
        ("69.99", Progress.OFF_TRACK),
        (None, Progress.NO_DATA),
    ],
)
def test_progress_when_higher_is_better(value: str | None, expected: str) -> None:
    figure = Decimal(value) if value is not None else None
    assert progress(figure, Decimal(80), Comparison.AT_LEAST, Decimal(10)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", Progress.ON_TRACK),
        ("3", Progress.ON_TRACK),
        ("4", Progress.AT_RISK),
        ("4.5", Progress.AT_RISK),
        ("4.51", Progress.OFF_TRACK),
        ("10", Progress.OFF_TRACK),
    ],
)
def test_progress_when_lower_is_better(value: str, expected: str) -> None:
    assert progress(Decimal(value), Decimal(3), Comparison.AT_MOST, Decimal("1.5")) == expected


def test_without_tolerance_short_of_target_is_off_track() -> None:
    assert progress(Decimal("79.9"), Decimal(80), Comparison.AT_LEAST) == Progress.OFF_TRACK
    assert progress(Decimal("3.1"), Decimal(3), Comparison.AT_MOST) == Progress.OFF_TRACK


def test_a_hand_indicator_takes_its_latest_reading() -> None:
    indicator = PlanIndicatorFactory(target=Decimal(6), tolerance=Decimal(2))
    PlanIndicatorReadingFactory(indicator=indicator, date=date(2026, 6, 30), value=Decimal(1), note="Old")
    PlanIndicatorReadingFactory(indicator=indicator, date=date(2026, 9, 30), value=Decimal(5), note="Two more")
    from consortia.hub.services.plan import with_latest_reading

    [result] = indicator_results(with_latest_reading(PlanIndicator.objects.filter(pk=indicator.pk)))
    assert (result.value, result.note, result.progress) == (Decimal(5), "Two more", Progress.AT_RISK)
    assert result.as_of == "Reading of 30/09/2026"


# -- validation ------------------------------------------------------------------------------------


def test_an_unknown_measure_code_is_refused(personas: Personas, client_for: Callable[..., Client]) -> None:
    objective = PlanObjectiveFactory()
    indicator = PlanIndicator(
        objective=objective, name="Made up", target=Decimal(1), target_date=date(2027, 1, 1), measure="hub.no_such"
    )
    with pytest.raises(ValidationError) as raised:
        indicator.full_clean()
    assert "“hub.no_such” is not a measure Consortia computes" in str(raised.value.message_dict["measure"])
    # Through the form: the drop-down offers only registered measures.
    client = client_for(personas.manager)
    url = "/hub/plan-indicators/add/"
    response = client.post(
        url, indicator_form(objective.pk, measure="hub.no_such") | {"_token": form_token(client, url)}
    )
    assert response.status_code == 200  # the form again, with the message
    assert "Select a valid choice" in response.content.decode()
    # Through the API: the model's own message.
    payload = indicator_form(objective.pk, measure="hub.no_such", target_date="2027-03-31", baseline="0")
    payload["objective"] = objective.pk  # type: ignore[assignment]
    answer = api_client(personas.manager).post("/api/plan-indicators/", payload, format="json")
    assert answer.status_code == 400
    assert "is not a measure Consortia computes" in str(answer.json()["measure"])
    assert not PlanIndicator.objects.exists()


def test_a_target_date_before_the_plan_starts_is_refused(personas: Personas, client_for: Callable[..., Client]) -> None:
    objective = PlanObjectiveFactory(plan__period_start=date(2026, 4, 1))
    client = client_for(personas.manager)
    url = "/hub/plan-indicators/add/"
    response = client.post(
        url, indicator_form(objective.pk, target_date="31/03/2026") | {"_token": form_token(client, url)}
    )
    assert response.status_code == 200  # the form again, with the message
    assert "The target date cannot come before the plan starts (01/04/2026)." in response.content.decode()
    assert not PlanIndicator.objects.exists()


def test_a_computed_indicator_takes_its_measures_unit_and_no_readings() -> None:
    indicator = PlanIndicatorFactory(measure=LIVE, unit=Unit.COUNT)
    indicator.full_clean()
    assert indicator.unit == measures.get(LIVE).unit  # type: ignore[union-attr]
    indicator.save()
    reading = PlanIndicatorReadingFactory.build(indicator=indicator)
    with pytest.raises(ValidationError) as raised:
        reading.full_clean()
    assert "is computed from records" in str(raised.value)


def test_a_plan_cannot_end_before_it_starts_nor_be_approved_without_a_date() -> None:
    plan = BusinessPlanFactory.build(period_start=date(2026, 4, 1), period_end=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        plan.full_clean()
    plan = BusinessPlanFactory.build(status=PlanStatus.APPROVED, approved_on=None)
    with pytest.raises(ValidationError, match="Give the date the board approved"):
        plan.full_clean()


# -- live measures ----------------------------------------------------------------------------------


def test_a_live_indicator_shows_the_registrys_value(personas: Personas, client_for: Callable[..., Client]) -> None:
    workplan(done=3, late=1)
    indicator: PlanIndicator = PlanIndicatorFactory(
        name="Workplan items on track", measure=LIVE, unit=Unit.PERCENT, target=Decimal(80), tolerance=Decimal(10)
    )
    period = period_for(timezone.localdate(), indicator.period)
    assert measures.compute(LIVE, period.start, period.end) == Decimal("75.00")
    [result] = indicator_results([indicator])
    assert (result.value, result.progress, result.display) == (Decimal("75.00"), Progress.AT_RISK, "75%")
    assert result.as_of == f"{period.label} so far"
    page = client_for(personas.auditor).get(indicator.objective.plan.get_absolute_url()).content.decode()
    assert "Workplan items on track" in page
    assert "Computed: Workplan items on track (%)" in page
    assert "75%" in page
    assert "At risk" in page
    # The indicators' list and the API give the same live figure.
    listing = client_for(personas.auditor).get("/hub/plan-indicators/").content.decode()
    assert "75%" in listing
    row = api_client(personas.auditor).get(f"/api/plan-indicators/{indicator.pk}/").json()
    assert row["current"] == {"value": "75.00", "as_of": f"{period.label} so far", "progress": "at_risk"}


def plan_page_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_plan_page_costs_a_fixed_number_of_queries(personas: Personas, client_for: Callable[..., Client]) -> None:
    workplan(done=1, late=1)
    plan = BusinessPlanFactory(period_start=date(2023, 4, 1), period_end=date(2027, 3, 31))
    first = PlanObjectiveFactory(plan=plan, owner=personas.manager)
    PlanIndicatorReadingFactory(indicator=PlanIndicatorFactory(objective=first))
    PlanIndicatorFactory(objective=first, measure=LIVE, unit=Unit.PERCENT)
    PlanReviewFactory(plan=plan)
    client = client_for(personas.manager)
    client.get(plan.get_absolute_url())  # warm per-process caches
    few = plan_page_queries(client, plan.get_absolute_url())
    for number in range(5):
        objective = PlanObjectiveFactory(plan=plan, owner=personas.board)
        for _ in range(3):
            PlanIndicatorReadingFactory(indicator=PlanIndicatorFactory(objective=objective))
        # Indicators sharing the measure and period share its one query.
        PlanIndicatorFactory(objective=objective, measure=LIVE, unit=Unit.PERCENT, name=f"Live {number}")
        PlanReviewFactory(plan=plan, reviewed_on=date(2026, 1, 1 + number))
    workplan_month = date(2024, 5, 1)
    for index in range(8):
        WorkplanItem.objects.create(activity=f"Extra {index}", start_month=workplan_month, end_month=workplan_month)
    many = plan_page_queries(client, plan.get_absolute_url())
    # session, user, 2 × permissions, the plan, its objectives (owners joined), indicators (latest
    # readings annotated), workplan items, reviews, and the one measure's one query
    assert (few, many) == (10, 10)


# -- the plan's page ----------------------------------------------------------------------------------


def test_the_page_shows_objectives_indicators_and_the_workplan_of_the_period(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    plan = BusinessPlanFactory(title="Plan 2024 to 2026", period_start=date(2024, 4, 1), period_end=date(2026, 3, 31))
    objective = PlanObjectiveFactory(plan=plan, number=2, title="Grow the membership", owner=personas.manager)
    indicator = PlanIndicatorFactory(
        objective=objective, name="Members recruited", target=Decimal(40), tolerance=Decimal(5)
    )
    PlanIndicatorReadingFactory(indicator=indicator, date=date(2025, 3, 31), value=Decimal(41))
    WorkplanItem.objects.create(
        activity="Launch the membership offer", start_month=date(2024, 5, 1), end_month=date(2024, 8, 1)
    )
    WorkplanItem.objects.create(activity="Before the plan", start_month=date(2023, 4, 1), end_month=date(2024, 2, 1))
    PlanReviewFactory(plan=plan, summary="Membership ahead of target.", minute_reference="B25/09")
    page = client_for(personas.auditor).get(plan.get_absolute_url()).content.decode()
    for text in (
        "2. Grow the membership",
        "Members recruited",
        "41",
        "at least 40",
        "On track",
        "Reading of 31/03/2025",
        "Launch the membership offer",
        "Membership ahead of target.",
        "minute B25/09",
    ):
        assert text in page, text
    assert "Before the plan" not in page
    # Side by side on a wide screen, stacked on a narrow one.
    assert 'class="col-xl-7" id="objectives"' in page
    assert 'class="col-xl-5" id="workplan"' in page
    # The auditor reads; only the hub manager is offered the changes.
    assert "Add an objective" not in page
    assert "Record the approval" not in page
    manager_page = client_for(personas.manager).get(plan.get_absolute_url()).content.decode()
    assert "Add an objective" in manager_page
    assert "Record the approval" in manager_page


# -- approval -----------------------------------------------------------------------------------------


def test_approving_a_plan_supersedes_the_one_before(personas: Personas, client_for: Callable[..., Client]) -> None:
    older = BusinessPlanFactory(status=PlanStatus.APPROVED, approved_on=date(2023, 3, 14))
    plan = BusinessPlanFactory()
    client = client_for(personas.manager)
    url = f"/hub/business-plans/{plan.pk}/approve/"
    assert client_for(personas.auditor).post(url, {"approved_on": "12/03/2026"}).status_code == 403
    bad = client.post(url, {"approved_on": "not a date"})
    assert bad.status_code == 422
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    response = client.post(url, {"approved_on": "12/03/2026", "note": "Minute B26/12."})
    assert response.status_code == 302
    plan.refresh_from_db()
    older.refresh_from_db()
    assert (plan.status, plan.approved_on, plan.approval_note) == (
        PlanStatus.APPROVED,
        date(2026, 3, 12),
        "Minute B26/12.",
    )
    assert older.status == PlanStatus.SUPERSEDED
    with pytest.raises(ValidationError, match="has been superseded"):
        approve_plan(older, personas.manager, approved_on=date(2026, 4, 1))


def test_an_approved_plan_cannot_be_deleted(personas: Personas, client_for: Callable[..., Client]) -> None:
    plan = BusinessPlanFactory(status=PlanStatus.APPROVED, approved_on=date(2026, 3, 12))
    client = client_for(personas.manager)
    client.post(f"/hub/business-plans/{plan.pk}/delete/")
    assert plan.__class__.objects.filter(pk=plan.pk).exists()


# -- the Word plan ------------------------------------------------------------------------------------


def document_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_plan_downloads_as_word(personas: Personas, client_for: Callable[..., Client]) -> None:
    workplan(done=1, late=0)
    plan = BusinessPlanFactory(
        title="Lancashire plan",
        period_start=date(2023, 4, 1),
        period_end=date(2026, 3, 31),
        status=PlanStatus.APPROVED,
        approved_on=date(2023, 3, 14),
        approval_note="Approved at minute B23/11.",
    )
    objective = PlanObjectiveFactory(plan=plan, number=1, title="Win contracts together")
    PlanIndicatorReadingFactory(
        indicator=PlanIndicatorFactory(objective=objective, name="Contracts won"), value=Decimal(7)
    )
    PlanIndicatorFactory(objective=objective, name="Workplan on track", measure=LIVE, unit=Unit.PERCENT)
    PlanReviewFactory(plan=plan, summary="On course.", minute_reference="B24/30")
    text = document_text(build_business_plan(plan).content)
    for expected in (
        "Lancashire plan",
        "Approved at minute B23/11.",
        "1. Win contracts together",
        "Contracts won",
        "On track",
        "Computed: Workplan items on track (%)",
        "100%",
        "Done 0",
        "On course.",
        "minute B24/30",
    ):
        assert expected in text, expected

    url = f"/hub/business-plans/{plan.pk}/business-plan/"
    client = client_for(personas.manager)
    assert url in client.get(plan.get_absolute_url()).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert "Contracts won" in document_text(b"".join(response.streaming_content))
    stored = GeneratedDocument.objects.get()
    assert (stored.kind, stored.source_id) == ("business_plan", plan.pk)
    assert client_for(personas.auditor).get(url).status_code == 403  # reads, but builds no documents
    assert client_for(personas.board).get(url).status_code == 200
    assert client_for(personas.member_a).get(url).status_code == 403


def test_an_indicators_page_shows_its_latest_figure_and_readings(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    indicator = PlanIndicatorFactory(name="Contracts won", target=Decimal(6), tolerance=Decimal(2))
    PlanIndicatorReadingFactory(indicator=indicator, date=date(2026, 9, 30), value=Decimal(4), note="Two in Q2")
    page = client_for(personas.auditor).get(indicator.get_absolute_url()).content.decode()
    assert "Latest figure" in page
    assert "4 (Reading of 30/09/2026): at risk" in page
    assert "At least 6 by 31/03/2027" in page
    assert "Two in Q2" in page
