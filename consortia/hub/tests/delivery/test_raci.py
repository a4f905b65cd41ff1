"""The RACI matrix: who delivers each task, its flags, setting cells in place, and its export."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from consortia.core.testing.views import queries_for
from consortia.directory.tests.factories import OrganisationFactory
from consortia.hub.choices import DelivererKind, Raci
from consortia.hub.models import HubTask, TaskAllocation
from consortia.hub.services.delivery import allocate, raci_matrix
from consortia.hub.tests.delivery.factories import DelivererFactory, HubTaskFactory, JobRoleFactory, function
from consortia.users.testing import Personas

MATRIX = "/hub/raci/"
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "matrix"}


def task(name: str) -> HubTask:
    return HubTask.objects.get(name=name)


@pytest.fixture
def team(db: None):  # type: ignore[no-untyped-def]
    role = JobRoleFactory(title="Bid Manager", hours_per_week=Decimal(10))  # 43.3 hours a month
    host = OrganisationFactory(name="Red Rose Council for Voluntary Service", roles=["infrastructure", "member"])
    return {
        "bid_manager": DelivererFactory(
            kind=DelivererKind.JOB_ROLE, job_role=role, name="Bid Manager", hours_per_month=None
        ),
        "board": DelivererFactory(kind=DelivererKind.BOARD, name="The Board", hours_per_month=Decimal(4)),
        # Listed as an external organisation, but the directory has it as a member: still a conflict.
        "red_rose": DelivererFactory(
            kind=DelivererKind.EXTERNAL, organisation=host, name="Red Rose CVS", hours_per_month=Decimal(40)
        ),
    }


def flagged(matrix, code: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {item.text for item in matrix.flag(code).items}


def test_the_flags_find_what_the_board_would_ask_about(personas: Personas, team) -> None:  # type: ignore[no-untyped-def]
    monitor = task("Monitor Find a Tender and Contracts Finder")
    decide = task("Run bid/no-bid decisions")
    oversee = task("Monitor subcontractor performance")
    allocate(monitor, team["bid_manager"], Raci.RESPONSIBLE, Decimal(8), personas.manager)
    allocate(monitor, team["board"], Raci.ACCOUNTABLE, Decimal(3), personas.manager)
    allocate(decide, team["bid_manager"], Raci.ACCOUNTABLE, None, personas.manager)
    allocate(decide, team["board"], Raci.ACCOUNTABLE, Decimal(3), personas.manager)
    allocate(oversee, team["red_rose"], Raci.RESPONSIBLE, Decimal(10), personas.manager)

    matrix = raci_matrix(personas.manager)
    assert monitor.name not in flagged(matrix, "no_responsible") | flagged(matrix, "no_accountable")
    assert decide.name in flagged(matrix, "no_responsible")
    assert oversee.name in flagged(matrix, "no_accountable")
    assert flagged(matrix, "many_accountable") == {decide.name}
    assert flagged(matrix, "over_capacity") == {"The Board: 6.0 hours a month allocated, 4.0 available"}
    assert flagged(matrix, "conflict") == {"Red Rose CVS is responsible for “Monitor subcontractor performance”"}
    # The Bid Manager's 8 hours are within the 43.3 a month of a 10-hour week.
    columns = {column.deliverer.name: column for column in matrix.columns}
    assert (columns["Bid Manager"].hours, columns["Bid Manager"].capacity) == (Decimal(8), Decimal("43.3"))
    assert not columns["Bid Manager"].over_capacity
    # Job roles come first, then the board, then organisations.
    assert [column.deliverer.name for column in matrix.columns] == ["Bid Manager", "The Board", "Red Rose CVS"]


def test_a_member_deliverer_in_charge_of_oversight_is_a_conflict(personas: Personas) -> None:
    member = DelivererFactory(kind=DelivererKind.MEMBER, organisation=personas.org_a, name="Alpha Advice Centre")
    pay = task("Pay members for contract delivery")
    allocate(pay, member, Raci.ACCOUNTABLE, None, personas.manager)
    invoice = task("Invoice commissioners")  # does not oversee members
    allocate(invoice, member, Raci.RESPONSIBLE, None, personas.manager)
    assert flagged(raci_matrix(personas.manager), "conflict") == {
        "Alpha Advice Centre is accountable for “Pay members for contract delivery”"
    }
    # Consulted or informed is no conflict.
    allocate(pay, member, Raci.CONSULTED, None, personas.manager)
    assert not flagged(raci_matrix(personas.manager), "conflict")


def test_retired_tasks_leave_the_matrix(personas: Personas, client_for: Callable[..., Client], team) -> None:  # type: ignore[no-untyped-def]
    retired: HubTask = HubTaskFactory(name="Send the annual newsletter by post", retired=True)
    active: HubTask = HubTaskFactory(name="Send the monthly e-bulletin")
    page = client_for(personas.manager).get(MATRIX).content.decode()
    assert active.name in page
    assert retired.name not in page
    assert function("bidding").name in page
    assert retired.pk not in {row.task.pk for row in raci_matrix(personas.manager).rows}
    # The task list can still find it.
    listing = client_for(personas.manager).get(reverse("hub:hubtask_list"), {"retired": "true"}).content.decode()
    assert retired.name in listing
    assert active.name not in listing


def test_allocating_sets_changes_and_clears_a_cell(personas: Personas, team) -> None:  # type: ignore[no-untyped-def]
    monitor = task("Monitor Find a Tender and Contracts Finder")
    allocation = allocate(monitor, team["bid_manager"], Raci.RESPONSIBLE, Decimal(8), personas.manager)
    assert allocation is not None
    assert (allocation.raci, allocation.hours_per_month, allocation.created_by) == ("R", Decimal(8), personas.manager)
    allocate(monitor, team["bid_manager"], Raci.ACCOUNTABLE, Decimal(2), personas.bid_writer)
    allocation.refresh_from_db()
    assert (allocation.raci, allocation.hours_per_month, allocation.updated_by) == (
        "A",
        Decimal(2),
        personas.bid_writer,
    )
    assert allocate(monitor, team["bid_manager"], "", None, personas.manager) is None
    assert not TaskAllocation.objects.filter(task=monitor).exists()


def test_a_retired_task_or_bad_hours_cannot_be_allocated(personas: Personas, team) -> None:  # type: ignore[no-untyped-def]
    retired = HubTaskFactory(retired=True)
    with pytest.raises(ValidationError, match="is retired"):
        allocate(retired, team["board"], Raci.ACCOUNTABLE, None, personas.manager)
    with pytest.raises(ValidationError, match="Hours cannot be negative"):
        allocate(task("Invoice commissioners"), team["board"], Raci.ACCOUNTABLE, Decimal(-1), personas.manager)
    assert not TaskAllocation.objects.exists()


def test_the_manager_sets_a_cell_in_place(personas: Personas, client_for: Callable[..., Client], team) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.manager)
    monitor = task("Monitor Find a Tender and Contracts Finder")
    url = f"{MATRIX}cell/{monitor.pk}/{team['board'].pk}/"
    before = raci_matrix(personas.manager).flag("no_accountable").count
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in form
    assert "Role of The Board in “Monitor Find a Tender and Contracts Finder”" in form
    prefix = f"c{monitor.pk}-{team['board'].pk}"
    response = client.post(url, {f"{prefix}-raci": "A", f"{prefix}-hours": "1.5"}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="matrix">')
    assert f"Tasks with no one accountable: {before - 1}" in body
    allocation = TaskAllocation.objects.get(task=monitor, deliverer=team["board"])
    assert (allocation.raci, allocation.hours_per_month, allocation.created_by) == (
        "A",
        Decimal("1.5"),
        personas.manager,
    )
    # Clearing it: no letter.
    client.post(url, {f"{prefix}-raci": "", f"{prefix}-hours": ""}, **HTMX)
    assert not TaskAllocation.objects.filter(task=monitor).exists()


def test_without_script_the_cell_has_a_page_of_its_own(
    personas: Personas,
    client_for: Callable[..., Client],
    team,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(personas.manager)
    monitor = task("Monitor Find a Tender and Contracts Finder")
    url = f"{MATRIX}cell/{monitor.pk}/{team['bid_manager'].pk}/"
    page = client.get(url).content.decode()
    assert '<h1 class="h3">Who does “Monitor Find a Tender and Contracts Finder”</h1>' in page
    prefix = f"c{monitor.pk}-{team['bid_manager'].pk}"
    response = client.post(url, {f"{prefix}-raci": "R", f"{prefix}-hours": "8"})
    assert response.status_code == 302
    assert response["Location"] == f"{MATRIX}#task-{monitor.pk}"
    assert TaskAllocation.objects.get(task=monitor).raci == "R"


def test_bad_hours_are_named_and_nothing_is_saved(
    personas: Personas,
    client_for: Callable[..., Client],
    team,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(personas.manager)
    monitor = task("Monitor Find a Tender and Contracts Finder")
    url = f"{MATRIX}cell/{monitor.pk}/{team['board'].pk}/"
    prefix = f"c{monitor.pk}-{team['board'].pk}"
    response = client.post(url, {f"{prefix}-raci": "A", f"{prefix}-hours": "-3"})
    assert response.status_code == 422
    assert "Hours cannot be negative." in response.content.decode()
    response = client.post(url, {f"{prefix}-raci": "A", f"{prefix}-hours": "lots"}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#cell-{monitor.pk}-{team['board'].pk}"
    assert "Enter a number." in response.content.decode()
    assert not TaskAllocation.objects.exists()


def test_who_may_see_and_change_the_matrix(
    personas: Personas,
    client_for: Callable[..., Client],
    team,  # type: ignore[no-untyped-def]
) -> None:
    monitor = task("Monitor Find a Tender and Contracts Finder")
    cell = f"{MATRIX}cell/{monitor.pk}/{team['board'].pk}/"
    prefix = f"c{monitor.pk}-{team['board'].pk}"
    for persona in (personas.nobody, personas.member_a):
        client = client_for(persona)
        for url in (MATRIX, cell, f"{MATRIX}export/"):
            assert client.get(url).status_code == 403, url
    for persona in (personas.board, personas.auditor):
        client = client_for(persona)
        page = client.get(MATRIX)
        assert page.status_code == 200
        assert "hx-get" not in page.content.decode().split('id="raci"')[1]
        assert client.get(cell).status_code == 403
        assert client.post(cell, {f"{prefix}-raci": "A"}).status_code == 403
    assert not TaskAllocation.objects.exists()


def test_the_matrix_costs_a_fixed_number_of_queries(
    personas: Personas,
    client_for: Callable[..., Client],
    team,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(personas.manager)
    client.get(MATRIX)
    few = queries_for(client, MATRIX)
    tasks = list(HubTask.objects.all()[:20])
    for index in range(8):
        organisation = OrganisationFactory(roles=["member"])
        deliverer = DelivererFactory(kind=DelivererKind.MEMBER, organisation=organisation, name=f"Member {index}")
        role = JobRoleFactory(title=f"Officer {index}")
        staff = DelivererFactory(
            kind=DelivererKind.JOB_ROLE, job_role=role, name=f"Officer {index}", hours_per_month=None
        )
        for number, hub_task in enumerate(tasks):
            allocate(
                hub_task, deliverer if number % 2 else staff, "RACI"[number % 4], Decimal(number), personas.manager
            )
        HubTaskFactory()
    many = queries_for(client, MATRIX)
    # session, user, 2 × permissions, tasks with their functions, deliverers (with job roles,
    # organisations and whether each is a member), allocations
    assert (few, many) == (7, 7)


def test_the_matrix_exports_to_excel(personas: Personas, client_for: Callable[..., Client], team) -> None:  # type: ignore[no-untyped-def]
    allocate(
        task("Monitor subcontractor performance"), team["red_rose"], Raci.RESPONSIBLE, Decimal(10), personas.manager
    )
    response = client_for(personas.auditor).get(f"{MATRIX}export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="raci-matrix-')
    book = load_workbook(io.BytesIO(response.content))
    grid = [list(row) for row in book["RACI"].iter_rows(values_only=True)]
    headers = grid[1]
    assert headers[:3] == ["Function", "Task", "Oversees members"]
    assert "Red Rose CVS" in headers
    row = next(row for row in grid if row[1] == "Monitor subcontractor performance")
    assert row[headers.index("Red Rose CVS")] == "R (10.0 h)"
    assert "Conflict of interest" in str(row[-1])
    flags = {row[0]: row[1] for row in book["Flags"].iter_rows(min_row=2, values_only=True)}
    assert flags["Conflicts of interest"] == 1


def test_a_task_or_deliverer_in_the_matrix_is_not_deleted(
    personas: Personas,
    client_for: Callable[..., Client],
    team,  # type: ignore[no-untyped-def]
) -> None:
    monitor = task("Monitor Find a Tender and Contracts Finder")
    allocate(monitor, team["bid_manager"], Raci.RESPONSIBLE, Decimal(8), personas.manager)
    client = client_for(personas.manager)
    response = client.post(reverse("hub:hubtask_delete", args=[monitor.pk]))
    assert response.status_code == 409
    assert "retire the task instead" in response.content.decode()
    response = client.post(reverse("hub:deliverer_delete", args=[team["bid_manager"].pk]))
    assert response.status_code == 409
    assert "It holds 1 task allocation" in response.content.decode()
    assert TaskAllocation.objects.filter(task=monitor).exists()
