"""Factories for governance: a board with its members, a meeting with its register and items."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from consortia.directory.models import Organisation
from consortia.governance.choices import AppointmentRole, AttendanceStatus, BodyKind, ItemPurpose
from consortia.governance.models import Action, AgendaItem, Appointment, Attendance, Body, Meeting
from consortia.governance.services.meetings import create_meeting
from consortia.people.models import DeclaredInterest
from consortia.users import roles
from consortia.users.models import User
from consortia.users.testing import make_user

_numbers = itertools.count(1)
DAY = date(2026, 6, 10)
LONDON = ZoneInfo("Europe/London")


def body(name: str = "", **fields: Any) -> Body:
    fields.setdefault("kind", BodyKind.BOARD)
    fields.setdefault("quorum_number", 3)
    return Body.objects.create(name=name or f"Board {next(_numbers)}", **fields)


def director(name: str = "") -> User:
    number = next(_numbers)
    user = make_user(f"director{number}@hub.test", roles.BOARD)
    user.full_name = name or f"Director {number}"
    user.save(update_fields=["full_name"])
    return user


def appoint(on: Body, person: User, role: str = AppointmentRole.DIRECTOR, **fields: Any) -> Appointment:
    fields.setdefault("appointed_on", date(2025, 1, 1))
    return Appointment.objects.create(body=on, person=person, role=role, **fields)


def meeting(on: Body | None = None, day: date = DAY, **fields: Any) -> Meeting:
    starts = datetime.combine(day, time(18, 0), tzinfo=LONDON)
    made = create_meeting(on or body(), None, starts, place=fields.pop("place", "The hub office"))
    for name, value in fields.items():
        setattr(made, name, value)
    if fields:
        made.save()
    return made


def item(at: Meeting, title: str = "", concerns: list[Organisation] | None = None, **fields: Any) -> AgendaItem:
    from consortia.governance.services.meetings import next_number

    fields.setdefault("purpose", ItemPurpose.DECISION)
    made = AgendaItem.objects.create(
        meeting=at, number=next_number(at), title=title or f"Business item {next(_numbers)}", **fields
    )
    if concerns:
        made.concerns.set(concerns)
    return made


def present(at: Meeting, *people: User, status: str = AttendanceStatus.PRESENT) -> None:
    for person in people:
        Attendance.objects.update_or_create(meeting=at, person=person, defaults={"status": status})


def interest(person: User, organisation: Organisation, declared_on: date = date(2025, 1, 1)) -> DeclaredInterest:
    return DeclaredInterest.objects.create(
        person=person, organisation=organisation, nature="trustee", declared_on=declared_on
    )


def board_of(count: int, quorum: int = 3, **fields: Any) -> tuple[Body, list[User]]:
    """A board with `count` directors appointed."""
    board = body(quorum_number=quorum, **fields)
    people = [director() for _ in range(count)]
    for person in people:
        appoint(board, person)
    return board, people


def action(at: Meeting, owner: User, description: str = "", **fields: Any) -> Action:
    return Action.objects.create(
        meeting=at, owner=owner, description=description or f"Action {next(_numbers)}", **fields
    )
