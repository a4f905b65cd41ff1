"""The year-1 template, the timeline page and the Excel workplan."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from consortia.documents.models import GeneratedDocument
from consortia.hub.choices import Rag, WorkplanStatus
from consortia.hub.importers.workplan import WorkplanImporter
from consortia.hub.models import WorkplanItem
from consortia.hub.services.workplan import YEAR_ONE, apply_year_one_template, build_workplan_workbook, timeline
from consortia.hub.tests.standards.factories import deliverer, hub_function
from consortia.hub.tests.workplan.factories import WorkplanItemFactory
from consortia.users.testing import Personas

LIST = "/hub/workplan-items/"
TIMELINE = "/hub/workplan/timeline/"
TEMPLATE = "/hub/workplan/template/"
EXPORT = "/hub/workplan/export/"


def test_the_template_covers_the_first_year(personas: Personas) -> None:
    created = apply_year_one_template(date(2026, 4, 17), personas.manager)
    assert len(created) == len(YEAR_ONE) >= 8
    activities = {item.activity for item in created}
    for words in (
        "Recruit the hub staff",
        "policies",
        "membership",
        "commissioners",
        "bid pipeline",
        "contract management",
        "development funding",
        "annual general meeting",
    ):
        assert any(words in activity for activity in activities), words
    for item in created:
        assert item.function is not None
        assert item.milestone
        assert item.success_measure
        assert date(2026, 4, 1) <= item.start_month <= item.end_month <= date(2027, 3, 1)
        assert item.created_by == personas.manager
    agm = WorkplanItem.objects.get(activity="Hold the annual general meeting")
    assert (agm.start_month, agm.end_month, agm.function) == (
        date(2027, 3, 1),
        date(2027, 3, 1),
        hub_function("governance"),
    )


def test_applying_the_template_again_adds_nothing(personas: Personas) -> None:
    apply_year_one_template(date(2026, 4, 1), personas.manager)
    WorkplanItem.objects.filter(activity="Recruit the hub staff").update(status=WorkplanStatus.DONE)
    assert apply_year_one_template(date(2026, 4, 1), personas.manager) == []
    assert apply_year_one_template(date(2027, 1, 1), personas.manager) == []
    assert WorkplanItem.objects.count() == len(YEAR_ONE)
    assert WorkplanItem.objects.get(activity="Recruit the hub staff").status == WorkplanStatus.DONE


def test_the_empty_list_offers_the_template(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    page = client.get(LIST).content.decode()
    assert "Start from the year-1 template" in page
    assert f'action="{TEMPLATE}"' in page
    response = client.post(TEMPLATE, {"start_month": "2026-04"})
    assert response.status_code == 302
    assert response["Location"] == TIMELINE
    assert WorkplanItem.objects.count() == len(YEAR_ONE)
    assert WorkplanItem.objects.order_by("start_month").first().start_month == date(2026, 4, 1)
    assert "Start from the year-1 template" not in client.get(LIST).content.decode()
    # A month that is not one is refused, and nothing more is added.
    response = client.post(TEMPLATE, {"start_month": "Smarch"}, follow=True)
    assert "Choose the first month of the plan" in response.content.decode()
    assert WorkplanItem.objects.count() == len(YEAR_ONE)


def test_only_those_who_may_add_get_the_template(personas: Personas, client_for: Callable[..., Client]) -> None:
    reader = client_for(personas.auditor)
    assert "Start from the year-1 template" not in reader.get(LIST).content.decode()
    assert reader.post(TEMPLATE, {"start_month": "2026-04"}).status_code == 403
    assert client_for(personas.nobody).post(TEMPLATE, {"start_month": "2026-04"}).status_code == 403
    assert client_for(personas.member_a).post(TEMPLATE, {"start_month": "2026-04"}).status_code == 403
    assert not WorkplanItem.objects.exists()


def test_the_timeline_groups_by_strand_and_draws_the_months(personas: Personas) -> None:
    WorkplanItemFactory(
        function=hub_function("bidding"),
        activity="Build the bid pipeline",
        start_month=date(2026, 6, 1),
        end_month=date(2026, 8, 1),
        rag=Rag.AMBER,
    )
    WorkplanItemFactory(
        function=hub_function("strategy"),
        activity="Recruit the hub staff",
        start_month=date(2026, 4, 1),
        end_month=date(2026, 5, 1),
        status=WorkplanStatus.DONE,
    )
    WorkplanItemFactory(function=None, activity="Move office", start_month=date(2026, 9, 1), end_month=date(2026, 9, 1))
    plan = timeline(WorkplanItem.objects.select_related("function", "lead"), today=date(2026, 5, 20))
    assert plan.months == [date(2026, month, 1) for month in range(4, 10)]
    assert [function.code if function else None for function, _ in plan.groups] == ["strategy", "bidding", None]
    staff = plan.groups[0][1][0]
    assert [cell.css for cell in staff.cells] == ["bg-secondary", "bg-secondary", "", "", "", ""]
    pipeline = plan.groups[1][1][0]
    assert [cell.active for cell in pipeline.cells] == [False, False, True, True, True, False]
    assert pipeline.cells[1].css == "table-primary"  # this month, where the bar does not reach
    assert pipeline.cells[2].css == "bg-warning"


def test_the_timeline_page(personas: Personas, client_for: Callable[..., Client]) -> None:
    this_month = timezone.localdate().replace(day=1)
    WorkplanItemFactory(
        function=hub_function("bidding"),
        activity="Build the bid pipeline",
        start_month=this_month,
        end_month=this_month,
        rag=Rag.RED,
        status=WorkplanStatus.IN_PROGRESS,
        lead=deliverer(),
    )
    client = client_for(personas.auditor)
    page = client.get(TIMELINE).content.decode()
    assert "Build the bid pipeline" in page
    assert hub_function("bidding").name in page
    assert "In progress" in page
    assert '<span class="badge text-bg-danger">Red</span>' in page
    assert 'aria-current="date"' in page
    assert '<td class="bg-danger"><span class="visually-hidden">Under way</span></td>' in page
    assert "style=" not in page.split("<main", 1)[1]
    assert "The board" in page
    home = client.get("/").content.decode()
    assert f'href="{TIMELINE}">Workplan timeline</a>' in home
    assert client_for(personas.nobody).get(TIMELINE).status_code == 403
    assert client_for(personas.member_a).get(TIMELINE).status_code == 403


def test_the_timeline_costs_a_fixed_number_of_queries(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    client.get(TIMELINE)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(TIMELINE).status_code == 200
        return len(captured)

    WorkplanItemFactory(lead=deliverer())
    few = count()
    for index in range(12):
        WorkplanItemFactory(function=hub_function(["bidding", "funding", "finance"][index % 3]), lead=deliverer())
    assert (few, count()) == (5, 5)  # session, user, 2 × permissions, the items with strand and lead


def test_the_excel_workplan_round_trips(personas: Personas, client_for: Callable[..., Client]) -> None:
    board = deliverer()
    apply_year_one_template(date(2026, 4, 1), personas.manager)
    WorkplanItem.objects.filter(activity="Recruit the hub staff").update(
        lead=board, status=WorkplanStatus.IN_PROGRESS, rag=Rag.AMBER
    )
    client = client_for(personas.manager)
    response = client.get(EXPORT)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    workbook = load_workbook(io.BytesIO(content))
    items, grid = workbook.worksheets
    header = [cell.value for cell in items[1]]
    assert header == [
        "Strand",
        "Activity",
        "Lead",
        "Start month",
        "End month",
        "Milestone",
        "Success measure",
        "Status",
        "RAG",
    ]
    rows = {row[1]: row for row in items.iter_rows(min_row=2, values_only=True)}
    assert rows["Recruit the hub staff"][2:5] == ("The board", "Apr 2026", "Jun 2026")
    assert rows["Recruit the hub staff"][7:] == ("In progress", "Amber")
    months = [cell.value for cell in grid[2]][4:]
    assert (months[0], months[-1]) == ("Apr 2026", "Mar 2027")
    assert GeneratedDocument.objects.get().kind == "workplan"
    # Importing the exported workbook changes nothing.
    result = WorkplanImporter(user=personas.manager).run(content)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(YEAR_ONE))


def test_the_excel_grid_marks_the_months(personas: Personas) -> None:
    WorkplanItemFactory(activity="Build the bid pipeline", start_month=date(2026, 5, 1), end_month=date(2026, 6, 1))
    WorkplanItemFactory(activity="Recruit the hub staff", start_month=date(2026, 4, 1), end_month=date(2026, 4, 1))
    built = build_workplan_workbook(list(WorkplanItem.objects.select_related("function", "lead")))
    grid = load_workbook(io.BytesIO(built.content)).worksheets[1]
    rows = {row[1]: row[4:] for row in grid.iter_rows(min_row=3, values_only=True)}
    assert rows["Build the bid pipeline"] == (None, "■", "■")
    assert rows["Recruit the hub staff"] == ("■", None, None)


def test_export_needs_the_document_permission(personas: Personas, client_for: Callable[..., Client]) -> None:
    WorkplanItemFactory()
    assert client_for(personas.auditor).get(EXPORT).status_code == 403
    assert client_for(personas.member_a).get(EXPORT).status_code == 403
    assert client_for(personas.board).get(EXPORT).status_code == 200
    assert not GeneratedDocument.objects.filter(created_by=personas.auditor).exists()
