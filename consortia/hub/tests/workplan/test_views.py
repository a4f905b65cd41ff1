"""Workplan items through the generic view and API tests, and importing a workplan."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from consortia.core.testing.views import EditableRecordTests, ImportableRecordTests
from consortia.directory.models import Organisation
from consortia.hub.forms.workplan import parse_month
from consortia.hub.importers.workplan import WorkplanImporter
from consortia.hub.models import WorkplanItem
from consortia.hub.tests.standards.factories import deliverer, hub_function
from consortia.hub.tests.workplan.factories import WorkplanItemFactory
from consortia.hub.views.workplan import WorkplanItemViews
from consortia.users.testing import Personas

IMPORT = (
    "Strand,Activity,Lead,Start month,End month,Milestone,Success measure,Status,RAG\n"
    "strategy,Recruit the hub staff,,04/2026,Jun 2026,Manager in post,All roles filled,In progress,Green\n"
    "Scope for and bid for contracts,Build the bid pipeline,,July 2026,2027-03-01,First bid,Five opportunities,"
    "not_started,amber\n"
    ",Hold the AGM,,01/03/2027,03/2027,,,,\n"
)


class TestWorkplanItemViews(EditableRecordTests, ImportableRecordTests):
    record = WorkplanItemViews
    member_can_view = False
    # session, user, 2 × permissions, strands for the filter, count, page (strand and lead joined)
    list_queries = 7
    concurrent_change = {"milestone": "Changed by someone else meanwhile"}
    import_csv = IMPORT
    bad_import_csv = (
        "Strand,Activity,Start month,End month\n"
        "strategy,Recruit the hub staff,04/2026,06/2026\n"
        "policies,Adopt the policies,05/2026,Smarch 2026\n"
    )
    bad_import_error = (3, "End month")

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> WorkplanItem:
        return WorkplanItemFactory(activity=f"Map the commissioners in district {index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "function": str(hub_function("influence").pk),
            "activity": "Map the commissioners and their plans",
            "start_month": "2026-05",
            "end_month": "07/2026",
            "milestone": "Commissioner map agreed",
            "status": "not_started",
            "rag": "green",
        }


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("04/2026", date(2026, 4, 1)),
        ("Apr 2026", date(2026, 4, 1)),
        ("april 2026", date(2026, 4, 1)),
        ("Sept 2026", date(2026, 9, 1)),
        ("2026-04", date(2026, 4, 1)),
        ("17/04/2026", date(2026, 4, 1)),
        ("2026-04-17", date(2026, 4, 1)),
        ("Apr-26", date(2026, 4, 1)),
        (date(2026, 4, 17), date(2026, 4, 1)),
        ("Smarch 2026", None),
        ("13/2026", None),
        ("", None),
    ],
)
def test_months_as_people_write_them(text: Any, month: date | None) -> None:
    assert parse_month(text) == month


def upload(client: Client, text: str | bytes, name: str = "workplan.csv"):  # type: ignore[no-untyped-def]
    data = io.BytesIO(text.encode() if isinstance(text, str) else text)
    data.name = name
    return client.post("/hub/workplan-items/import/", {"file": data})


def test_import_matches_strands_leads_months_and_choices(personas: Personas, client_for: Callable[..., Client]) -> None:
    board = deliverer()
    response = upload(client_for(personas.manager), IMPORT.replace("staff,,04", "staff,the board,04"))
    assert response.status_code == 200, response.content.decode()[:2000]
    staff = WorkplanItem.objects.get(activity="Recruit the hub staff")
    assert (staff.function, staff.lead, staff.start_month, staff.end_month) == (
        hub_function("strategy"),
        board,
        date(2026, 4, 1),
        date(2026, 6, 1),
    )
    assert (staff.status, staff.rag) == ("in_progress", "green")
    pipeline = WorkplanItem.objects.get(activity="Build the bid pipeline")
    assert (pipeline.function, pipeline.start_month, pipeline.end_month) == (
        hub_function("bidding"),
        date(2026, 7, 1),
        date(2027, 3, 1),
    )
    assert (pipeline.status, pipeline.rag) == ("not_started", "amber")
    agm = WorkplanItem.objects.get(activity="Hold the AGM")
    assert (agm.function, agm.status, agm.rag) == (None, "not_started", "green")


def test_import_refuses_missing_columns_naming_them(personas: Personas, client_for: Callable[..., Client]) -> None:
    response = upload(client_for(personas.manager), "Strand,Activity,Lead\nstrategy,Recruit the hub staff,\n")
    assert response.status_code == 422
    page = response.content.decode()
    assert "missing columns: end month, start month" in page
    assert not WorkplanItem.objects.exists()


def test_import_names_unknown_strands_and_leads(personas: Personas, client_for: Callable[..., Client]) -> None:
    text = (
        "Strand,Activity,Lead,Start month,End month\n"
        "Knitting,Recruit the hub staff,,04/2026,06/2026\n"
        "strategy,Adopt the policies,Nobody We Know,04/2026,06/2026\n"
        "strategy,Launch membership,,07/2026,05/2026\n"
    )
    response = upload(client_for(personas.manager), text)
    assert response.status_code == 422
    page = response.content.decode()
    assert "<td>2</td><td>Strand</td>" in page
    assert "Choose a hub function: give its name or its code." in page
    assert "<td>3</td><td>Lead</td>" in page
    assert "<td>4</td><td>End month</td>" in page
    assert "The end month cannot come before the start month." in page
    assert not WorkplanItem.objects.exists()


def test_import_checks_the_same_activity_and_month_twice(personas: Personas) -> None:
    text = "Activity,Start month,End month\nRecruit the hub staff,04/2026,06/2026\nrecruit the hub staff,Apr 2026,07/2026\n"
    result = WorkplanImporter(user=personas.manager).run(text.encode())
    assert [(error.row, error.column) for error in result.errors] == [(3, "Activity")]
