"""The demo's shared staff, timesheets and recharges: realistic, current, and loaded once."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.demo import people_time
from consortia.demo.services import load_demo
from consortia.directory.models import Organisation
from consortia.hub.models import HubTask
from consortia.people.choices import TimesheetStatus
from consortia.people.models import Recharge, StaffMember, Timesheet, TimesheetEntry
from consortia.people.services.recharge import last_complete_quarter, recharge_statement
from consortia.people.services.staff import is_shared
from consortia.people.services.time import monday_of

CVS = "Red Rose Council for Voluntary Service"


def snapshot() -> dict[str, object]:
    return {
        "staff": StaffMember.objects.count(),
        "timesheets": sorted(Timesheet.objects.values_list("staff_id", "week_start", "status", "updated")),
        "entries": TimesheetEntry.objects.count(),
        "recharges": sorted(Recharge.objects.values_list("period_start", "amount", "updated")),
        "history": Timesheet.history.count() + TimesheetEntry.history.count() + Recharge.history.count(),
    }


@pytest.mark.django_db
def test_load_twice() -> None:
    load_demo(with_hub=False)
    people_time.load()
    first = snapshot()
    people_time.load()
    assert snapshot() == first

    cvs = Organisation.objects.get(name=CVS)
    staff = {member.user.email.split("@")[0]: member for member in StaffMember.objects.select_related("user")}
    assert set(staff) >= {"manager", "contracts", "finance"}
    helen = staff["manager"]
    assert (str(helen), helen.employer, helen.fte, helen.job_role.title) == (
        "Helen Tattersall",
        cvs,
        Decimal("0.80"),
        "Consortium Manager",
    )
    for login in ("manager", "contracts", "finance"):
        assert staff[login].employer == cvs
        assert is_shared(staff[login])
        assert staff[login].fte < 1
        staff[login].full_clean()

    # Weeks from the quarter before last to this week, nearly all approved.
    today = timezone.localdate()
    last_quarter = last_complete_quarter(today)
    before = last_complete_quarter(last_quarter[0])
    sheets = Timesheet.objects.filter(staff__employer=cvs)
    assert sheets.filter(week_start__lte=before[0]).exists()
    assert sheets.filter(week_start=monday_of(today)).exists()
    assert all(sheet.week_start.weekday() == 0 for sheet in sheets)
    statuses = list(sheets.values_list("status", flat=True))
    assert statuses.count(TimesheetStatus.SUBMITTED) == 1
    assert sheets.get(status=TimesheetStatus.SUBMITTED).staff == staff["contracts"]
    reopened = sheets.get(status=TimesheetStatus.DRAFT, week_start=monday_of(today) - timedelta(weeks=3))
    assert reopened.reopen_reason
    assert reopened.history.first().history_change_reason.startswith("Reopened: ")
    assert statuses.count(TimesheetStatus.DRAFT) == 2
    assert statuses.count(TimesheetStatus.APPROVED) > 0.9 * len(statuses)
    assert not sheets.filter(status=TimesheetStatus.APPROVED, approved_by=None).exists()
    assert not sheets.filter(
        status=TimesheetStatus.APPROVED, staff=staff["manager"], approved_by=staff["manager"].user
    ).exists()
    # Spread across the functions and their tasks; no week over the hours of a working week.
    entries = TimesheetEntry.objects.filter(timesheet__in=sheets)
    assert entries.values("function").distinct().count() >= 7
    if HubTask.objects.exists():  # the suggested tasks, loaded with the hub's functions
        assert entries.exclude(task=None).count() == entries.count()
    for sheet in sheets.prefetch_related("entries"):
        hours = sum((entry.total for entry in sheet.entries.all()), Decimal(0))
        assert hours <= Decimal(40), sheet
        sheet.full_clean()

    # The quarter before last was paid in full; the last one short, so the CVS subsidises.
    covered = recharge_statement(cvs, *before)
    assert covered.cost > 0
    assert covered.difference == 0
    assert covered.verdict == "The consortium has paid the full cost of the hours given."
    short = recharge_statement(cvs, *last_quarter)
    assert short.subsidised
    assert short.verdict.startswith("The consortium has paid £")
    assert short.verdict.endswith("the employer is subsidising the consortium.")
    for recharge in Recharge.objects.all():
        recharge.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("today", [date(2026, 1, 1), date(2025, 12, 29), date(2026, 4, 7)])
def test_the_story_holds_whatever_the_date(monkeypatch: pytest.MonkeyPatch, today: date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args: today)
    load_demo(with_hub=False)
    people_time.load()
    cvs = Organisation.objects.get(name=CVS)
    sheets = Timesheet.objects.filter(staff__employer=cvs)
    assert sheets.filter(status=TimesheetStatus.SUBMITTED).count() == 1
    assert sheets.filter(status=TimesheetStatus.DRAFT).exclude(reopen_reason="").count() == 1
    last_quarter = last_complete_quarter(today)
    assert recharge_statement(cvs, *last_quarter).subsidised
    assert recharge_statement(cvs, *last_complete_quarter(last_quarter[0])).difference == 0
