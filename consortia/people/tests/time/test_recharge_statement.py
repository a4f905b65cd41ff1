"""The recharge statement: its figures (exactly), the page, and its Excel workbook."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from consortia.core.testing.views import queries_for
from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.documents.models import GeneratedDocument
from consortia.hub.models import HubFunction
from consortia.people.choices import TimesheetStatus
from consortia.people.services.recharge import last_complete_quarter, recharge_statement
from consortia.people.tests.staff.factories import StaffMemberFactory
from consortia.people.tests.time.factories import (
    HubFunctionFactory,
    RechargeFactory,
    TimesheetEntryFactory,
    TimesheetFactory,
)
from consortia.users.testing import Personas

START, END = date(2025, 1, 1), date(2025, 3, 31)
URL = "/people/recharge-statement/"
APPROVED = TimesheetStatus.APPROVED


@pytest.fixture
def cvs(db: None) -> Organisation:
    return OrganisationFactory(name="Red Rose CVS (test)", roles=["infrastructure", "member"])


@pytest.fixture
def functions(db: None) -> tuple[HubFunction, HubFunction]:
    return HubFunctionFactory(name="Bidding (test)", order=1), HubFunctionFactory(name="Governance (test)", order=2)


@pytest.fixture
def worked(cvs: Organisation, functions: tuple[HubFunction, HubFunction]) -> dict[str, object]:
    """Two shared staff's quarter: weeks straddling both ends, unapproved weeks, recharges."""
    bidding, governance = functions
    anne = StaffMemberFactory(employer=cvs, first_name="Anne", last_name="Ashworth", cost_rate=Decimal("25.00"))
    ben = StaffMemberFactory(employer=cvs, first_name="Ben", last_name="Barton", cost_rate=Decimal("18.37"))
    # Monday 30/12/2024: only Wednesday 01/01 and Thursday 02/01 are in the period (10.5 hours).
    first = TimesheetFactory(staff=anne, week_start=date(2024, 12, 30), status=APPROVED)
    TimesheetEntryFactory(timesheet=first, function=bidding, mon=7, tue=7, wed=3, thu=Decimal("7.5"))
    second = TimesheetFactory(staff=anne, week_start=date(2025, 1, 6), status=APPROVED)
    TimesheetEntryFactory(timesheet=second, function=bidding, mon=Decimal("7.25"))
    TimesheetEntryFactory(timesheet=second, function=governance, mon=0, tue=4)
    # Monday 31/03/2025: only Monday is in the period.
    last = TimesheetFactory(staff=ben, week_start=date(2025, 3, 31), status=APPROVED)
    TimesheetEntryFactory(timesheet=last, function=governance, mon=Decimal("6.25"), tue=5)
    # Not approved: shown, not counted.
    submitted = TimesheetFactory(staff=ben, week_start=date(2025, 2, 3), status=TimesheetStatus.SUBMITTED)
    TimesheetEntryFactory(timesheet=submitted, function=bidding, mon=0, wed=Decimal("2.5"))
    draft = TimesheetFactory(staff=ben, week_start=date(2025, 2, 10))
    TimesheetEntryFactory(timesheet=draft, function=governance, mon=1)
    # Outside the period, or another employer's: nowhere.
    TimesheetEntryFactory(timesheet=TimesheetFactory(staff=anne, week_start=date(2025, 4, 7), status=APPROVED))
    TimesheetEntryFactory(timesheet=TimesheetFactory(week_start=date(2025, 2, 3), status=APPROVED))
    quarter = RechargeFactory(
        employer=cvs, period_start=START, period_end=END, amount=Decimal("500.00"), reference="Q1"
    )
    february = RechargeFactory(
        employer=cvs,
        period_start=date(2025, 2, 1),
        period_end=date(2025, 2, 28),
        amount=Decimal("50.00"),
        reference="FEB",
    )
    straddling = RechargeFactory(
        employer=cvs, period_start=date(2024, 12, 1), period_end=date(2025, 1, 31), amount=Decimal("100.00")
    )
    RechargeFactory(employer=cvs, period_start=date(2025, 4, 1), period_end=date(2025, 6, 30), amount=Decimal("999"))
    RechargeFactory(period_start=START, period_end=END, amount=Decimal("777"))  # another employer
    return {
        "anne": anne,
        "ben": ben,
        "timesheets": [first, second, last],
        "unapproved": [submitted, draft],
        "recharges": [quarter, february],
        "straddling": [straddling],
    }


def test_the_figures(cvs: Organisation, functions: tuple[HubFunction, HubFunction], worked: dict) -> None:
    bidding, governance = functions
    statement = recharge_statement(cvs, START, END)
    assert [(column.staff, column.hours, column.cost) for column in statement.staff] == [
        (worked["anne"], Decimal("21.75"), Decimal("543.75")),  # 10.5 + 7.25 + 4 hours at £25
        (worked["ben"], Decimal("6.25"), Decimal("114.81")),  # 6.25 × £18.37 = £114.8125
    ]
    assert [(row.function, row.hours_by_staff, row.hours, row.cost) for row in statement.functions] == [
        (bidding, [Decimal("17.75"), Decimal(0)], Decimal("17.75"), Decimal("443.75")),
        (governance, [Decimal(4), Decimal("6.25")], Decimal("10.25"), Decimal("214.81")),
    ]
    assert [(item.timesheet, item.hours, item.cost) for item in statement.timesheets] == [
        (worked["timesheets"][0], Decimal("10.5"), Decimal("262.50")),
        (worked["timesheets"][1], Decimal("11.25"), Decimal("281.25")),
        (worked["timesheets"][2], Decimal("6.25"), Decimal("114.81")),
    ]
    assert (statement.hours, statement.cost) == (Decimal("28.00"), Decimal("658.56"))
    assert statement.recharges == worked["recharges"]
    assert statement.straddling == worked["straddling"]
    assert statement.recharged == Decimal("550.00")
    assert statement.difference == Decimal("-108.56")
    assert statement.subsidy == Decimal("108.56")
    assert statement.subsidised
    assert statement.verdict == (
        "The consortium has paid £108.56 less than the cost of the hours given: "
        "the employer is subsidising the consortium."
    )
    assert [(item.timesheet, item.hours) for item in statement.unapproved] == [
        (worked["unapproved"][0], Decimal("2.5")),
        (worked["unapproved"][1], Decimal(1)),
    ]
    assert statement.unapproved_hours == Decimal("3.5")


def test_paid_in_full_and_paid_more(cvs: Organisation, worked: dict) -> None:
    RechargeFactory(employer=cvs, period_start=date(2025, 3, 1), period_end=END, amount=Decimal("108.56"))
    statement = recharge_statement(cvs, START, END)
    assert statement.difference == Decimal(0)
    assert not statement.subsidised
    assert statement.verdict == "The consortium has paid the full cost of the hours given."
    RechargeFactory(employer=cvs, period_start=date(2025, 3, 1), period_end=END, amount=Decimal("1000"))
    assert (
        recharge_statement(cvs, START, END).verdict
        == "The consortium has paid £1,000.00 more than the cost of the hours given."
    )


def test_nothing_in_the_period(cvs: Organisation) -> None:
    statement = recharge_statement(cvs, START, END)
    assert (statement.hours, statement.cost, statement.recharged, statement.staff) == (0, 0, 0, [])
    assert statement.verdict == "No approved hours were given and nothing was recharged in this period."


@pytest.mark.parametrize(
    ("today", "quarter"),
    [
        (date(2025, 5, 14), (date(2025, 1, 1), date(2025, 3, 31))),
        (date(2025, 4, 1), (date(2025, 1, 1), date(2025, 3, 31))),
        (date(2025, 1, 10), (date(2024, 10, 1), date(2024, 12, 31))),
        (date(2025, 12, 31), (date(2025, 7, 1), date(2025, 9, 30))),
    ],
)
def test_the_default_period_is_the_last_complete_quarter(today: date, quarter: tuple[date, date]) -> None:
    assert last_complete_quarter(today) == quarter


def query(cvs: Organisation, **extra: str) -> dict[str, str]:
    return {"organisation": str(cvs.pk), "start": START.isoformat(), "end": END.isoformat(), **extra}


def test_the_page_flags_the_subsidy(
    cvs: Organisation, worked: dict, personas: Personas, client_for: Callable[..., Client]
) -> None:
    page = client_for(personas.manager).get(URL, query(cvs)).content.decode()
    assert (
        "The consortium has paid £108.56 less than the cost of the hours given: the employer is subsidising the consortium."
        in page
    )
    for figure in ("£658.56", "£550.00", "-£108.56", "£543.75", "£114.81", "£18.37 an hour", "28", "21.75"):
        assert figure in page, figure
    assert "These 3.5 hours are on timesheets that have not been approved" in page
    assert "No: it straddles the start or end of the period" in page


def test_the_page_costs_a_fixed_number_of_queries(
    cvs: Organisation, worked: dict, personas: Personas, client_for: Callable[..., Client]
) -> None:
    client = client_for(personas.manager)
    url = URL + "?" + "&".join(f"{key}={value}" for key, value in query(cvs).items())
    client.get(url)
    few = queries_for(client, url)
    for week in range(8):
        monday = date(2025, 1, 13) + timedelta(weeks=week)
        timesheet = TimesheetFactory(staff=StaffMemberFactory(employer=cvs), week_start=monday, status=APPROVED)
        TimesheetEntryFactory(timesheet=timesheet, function=HubFunctionFactory())
    # session, user, 2 × permissions, the employers (for the first visit, for the chosen one, and
    # twice to draw the drop-down), the lines (staff, timesheet and function joined), the recharges
    assert queries_for(client, url) == few == 10


def test_first_visit_shows_the_last_complete_quarter(
    cvs: Organisation, personas: Personas, client_for: Callable[..., Client]
) -> None:
    StaffMemberFactory(employer=cvs)
    page = client_for(personas.manager).get(URL).content.decode()
    assert "Red Rose CVS (test)," in page
    assert 'name="start"' in page


def test_bad_period_is_explained(
    cvs: Organisation, worked: dict, personas: Personas, client_for: Callable[..., Client]
) -> None:
    page = client_for(personas.manager).get(URL, query(cvs, start="2025-03-31", end="2025-01-01")).content.decode()
    assert "To: The period ends before it starts." in page
    assert "subsidising" not in page


def test_who_may_see_it(cvs: Organisation, worked: dict, personas: Personas, client_for: Callable[..., Client]) -> None:
    assert client_for(personas.nobody).get(URL).status_code == 403
    assert client_for(personas.member_a).get(URL).status_code == 403
    auditor = client_for(personas.auditor)
    page = auditor.get(URL, query(cvs))
    assert page.status_code == 200
    assert "Download as Excel" not in page.content.decode()
    assert auditor.get(URL, query(cvs, format="xlsx")).status_code == 403
    assert not GeneratedDocument.objects.exists()


def test_excel_download(cvs: Organisation, worked: dict, personas: Personas, client_for: Callable[..., Client]) -> None:
    finance = personas.finance_officer
    client = client_for(finance)
    assert "Download as Excel" in client.get(URL, query(cvs)).content.decode()
    response = client.get(URL, query(cvs, format="xlsx"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = GeneratedDocument.objects.get()
    assert (document.kind, document.source, document.created_by) == ("recharge_statement", cvs, finance)
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["Summary", "Hours by function and staff", "Timesheets counted", "Not yet approved"]
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[1][0] == (
        "The consortium has paid £108.56 less than the cost of the hours given: the employer is subsidising the consortium."
    )
    figures = {row[0]: row[1:] for row in summary if row and row[0]}
    assert figures["Approved hours given"] == (28, None)
    assert figures["Cost of the hours given"] == (None, 658.56)
    assert figures["Recharged or invoiced for the period"] == (None, 550)
    assert figures["Difference (recharged less cost)"] == (None, -108.56)
    assert figures["Hours not yet approved (not counted)"] == (3.5, None)
    hours = list(book["Hours by function and staff"].iter_rows(values_only=True))
    assert hours[1] == ("Function", "Anne Ashworth", "Ben Barton", "Total hours", "Cost (£)")
    assert hours[2] == ("Bidding (test)", 17.75, 0, 17.75, 443.75)
    assert hours[4][0] == "Total"
    assert len(list(book["Timesheets counted"].iter_rows())) == 4  # the header and three timesheets
