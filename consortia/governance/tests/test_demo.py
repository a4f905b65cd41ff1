"""The demo's governance loads, records a conflict, and loading it again duplicates nothing."""

from __future__ import annotations

from consortia.demo import governance
from consortia.demo.services import load_demo
from consortia.governance.choices import AppointmentRole
from consortia.governance.models import Action, Appointment, Attendance, Body, Decision, Meeting
from consortia.people.models import DeclaredInterest


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Body, Appointment, Meeting, Attendance, Decision, Action, DeclaredInterest)
    }


def test_demo_governance_is_complete_and_idempotent(db: None) -> None:
    load_demo(with_hub=False)  # the directory and the logins
    governance.load()
    first = counts()
    governance.load()
    assert counts() == first

    board = Body.objects.get(name=governance.BOARD)
    voting = [row for row in board.appointments.all() if row.votes]
    assert len(voting) == 7
    assert sum(row.role == AppointmentRole.INDEPENDENT for row in voting) == 2
    assert sum(row.organisation_id is not None for row in voting) == 4
    assert board.meetings.filter(status="held").count() == 4
    assert Body.objects.filter(name=governance.OVERSIGHT).exists()
    award = Decision.objects.get(item__title="Award of the social prescribing subcontracts")
    assert "Tom Hartley: trustee, director or committee member of Wyre Youth Matters" in award.excluded
    assert Action.objects.filter(done_on__isnull=True).exists()
    assert Action.objects.filter(done_on__isnull=False).exists()
