"""Meetings: made with their standing items, the register taken, the actions carried forward."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet

from consortia.governance.choices import AttendanceStatus, ItemKind, ItemPurpose, MeetingStatus
from consortia.governance.models import Action, AgendaItem, Appointment, Attendance, Body, Meeting

STANDING_ITEMS = (
    (1, ItemKind.DECLARATIONS, "Declarations of interest", ItemPurpose.INFORMATION),
    (2, ItemKind.MATTERS_ARISING, "Matters arising: open actions", ItemPurpose.DISCUSSION),
)


def add_standing_items(meeting: Meeting, user: Any) -> None:
    """Item 1, the declarations of interest, and item 2, the open actions carried forward (where missing)."""
    taken = set(meeting.items.values_list("number", flat=True))
    kinds = set(meeting.items.values_list("kind", flat=True))
    for number, kind, title, purpose in STANDING_ITEMS:
        if kind in kinds:
            continue
        if number in taken:
            raise ValidationError(f"Item {number} is taken: it is kept for “{title}”.")
        item = AgendaItem(meeting=meeting, number=number, kind=kind, title=title, purpose=purpose)
        item.stamp(user)
        item.save()


@transaction.atomic
def create_meeting(
    body: Body,
    user: Any,
    starts_at: datetime,
    place: str = "",
    video_link: str = "",
    status: str = MeetingStatus.PLANNED,
    notes: str = "",
) -> Meeting:
    """A meeting of `body`, with its standing items: 1 the declarations of interest, 2 matters arising."""
    meeting = Meeting(body=body, starts_at=starts_at, place=place, video_link=video_link, status=status, notes=notes)
    meeting.full_clean()
    meeting.stamp(user)
    meeting.save()
    add_standing_items(meeting, user)
    return meeting


def next_number(meeting: Meeting) -> int:
    return (meeting.items.aggregate(last=Max("number"))["last"] or 0) + 1


def open_actions(meeting: Meeting) -> QuerySet[Action]:
    """Actions from the body's earlier meetings not done by this meeting: carried to its agenda."""
    return (
        Action.objects.filter(meeting__body_id=meeting.body_id, meeting__starts_at__lt=meeting.starts_at)
        .filter(Q(done_on__isnull=True) | Q(done_on__gte=meeting.date))
        .select_related("owner", "meeting__body")
        .order_by("due_on", "meeting__starts_at", "pk")
    )


def appointees(meeting: Meeting) -> list[Appointment]:
    """The body's members on the day of the meeting, by name."""
    return list(
        Appointment.objects.current(meeting.date)
        .filter(body_id=meeting.body_id)
        .select_related("person", "organisation")
        .order_by("person__full_name", "pk")
    )


@transaction.atomic
def take_register(meeting: Meeting, user: Any, statuses: dict[int, str]) -> int:
    """Record each person's attendance ({user id: status}); a blank status removes their row.

    Returns how many rows were written or removed.
    """
    valid = set(AttendanceStatus.values)
    changed = 0
    rows = {row.person_id: row for row in Attendance.objects.select_for_update().filter(meeting=meeting)}
    for person_id, status in statuses.items():
        row = rows.get(person_id)
        if not status:
            if row is not None:
                row.delete()
                changed += 1
            continue
        if status not in valid:
            raise ValidationError({"status": f"“{status}” is not an attendance status."})
        if row is not None and row.status == status:
            continue
        if row is None:
            row = Attendance(meeting=meeting, person_id=person_id)
        row.status = status
        row.stamp(user)
        row.save()
        changed += 1
    return changed
