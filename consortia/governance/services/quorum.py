"""Who may take part in each agenda item, and whether the item is quorate: computed live.

A present voting member is *conflicted* on an item when they have a current declared interest
(the register: `people.services.interests.conflicts`, on the meeting's date) in an organisation
the item concerns, or declared an interest on that item at the meeting. Conflicted members take
no part in the discussion or vote and do not count to the quorum (Charity Commission CC29).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from consortia.governance.choices import AttendanceStatus
from consortia.governance.models import AgendaItem, Appointment, Attendance, Meeting, MeetingDeclaration
from consortia.people.services.interests import conflicts, describe


@dataclass(frozen=True)
class Excluded:
    person: Any
    reason: str

    def __str__(self) -> str:
        return f"{self.person}: {self.reason}"


@dataclass
class ItemQuorum:
    """The quorum of one agenda item."""

    item: AgendaItem
    voters: list[Any]  # the voting members present
    excluded: list[Excluded]  # those of them left out, with why
    counting: list[Any]  # those taking part: they count towards the quorum
    needed: int
    independents_counting: int = 0
    independents_needed: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.counting)

    @property
    def quorate(self) -> bool:
        return not self.reasons

    @property
    def reason(self) -> str:
        """Why the item is not quorate, in plain English ("" when it is)."""
        return " ".join(self.reasons)

    @property
    def excluded_text(self) -> str:
        """Who was left out and why, one per line, as a decision records it."""
        return "\n".join(str(entry) for entry in self.excluded)

    @property
    def summary(self) -> str:
        present = len(self.voters)
        text = (
            f"{present} voting member{'s' if present != 1 else ''} present, {len(self.excluded)} left out "
            f"for a conflict of interest: {self.count} taking part, quorum {self.needed}"
        )
        if self.independents_needed:
            text += f" (with at least {self.independents_needed} independent director{'s' if self.independents_needed != 1 else ''})"
        return text + (": quorate." if self.quorate else ": not quorate.")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def meeting_quorum(meeting: Meeting, items: list[AgendaItem] | None = None) -> dict[int, ItemQuorum]:
    """{item id: its quorum} for the meeting's items (or `items`, which must be the meeting's).

    A fixed number of queries whatever the size of the meeting: the appointments, the register,
    the items and what they concern, the declarations made at the meeting, and the register of
    interests.
    """
    body = meeting.body
    on = meeting.date
    appointments = {
        appointment.person_id: appointment
        for appointment in Appointment.objects.current(on).filter(body_id=body.pk).select_related("person")
    }
    present_ids = set(
        Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.PRESENT).values_list("person_id", flat=True)
    )
    voters = sorted(
        (
            appointment
            for person_id, appointment in appointments.items()
            if person_id in present_ids and appointment.votes
        ),
        key=lambda appointment: (appointment.person.full_name, appointment.person_id),
    )
    if items is None:
        items = list(meeting.items.prefetch_related("concerns").order_by("number", "pk"))
    declared: dict[tuple[int, int], list[MeetingDeclaration]] = defaultdict(list)
    for declaration in MeetingDeclaration.objects.filter(meeting=meeting).select_related("organisation"):
        declared[(declaration.item_id, declaration.person_id)].append(declaration)
    organisation_ids = {organisation.pk for item in items for organisation in item.concerns.all()}
    register = conflicts([appointment.person_id for appointment in voters], organisation_ids, on)

    needed = body.quorum_number
    independents_needed = body.quorum_independents or 0
    result: dict[int, ItemQuorum] = {}
    for item in items:
        concerned = {organisation.pk for organisation in item.concerns.all()}
        excluded: list[Excluded] = []
        counting: list[Any] = []
        independents = 0
        for appointment in voters:
            person = appointment.person
            reasons = []
            interests = [entry for entry in register.get(person.pk, []) if entry.organisation_id in concerned]
            if interests:
                reasons.append(f"{describe(interests)} (register of interests)")
            for declaration in declared.get((item.pk, person.pk), []):
                where = f" ({declaration.organisation})" if declaration.organisation_id else ""
                reasons.append(f"declared at the meeting: {declaration.interest.strip()}{where}")
            if reasons:
                excluded.append(Excluded(person, "; ".join(reasons)))
            else:
                counting.append(person)
                independents += appointment.independent
        quorum = ItemQuorum(
            item=item,
            voters=[appointment.person for appointment in voters],
            excluded=excluded,
            counting=counting,
            needed=needed,
            independents_counting=independents,
            independents_needed=independents_needed,
        )
        if len(counting) < needed:
            left_out = f", {len(excluded)} left out for a conflict of interest" if excluded else ""
            quorum.reasons.append(
                f"Not quorate: {_plural(len(counting), 'voting member')} can take part "
                f"({len(voters)} present{left_out}); the quorum of {body} is {needed}."
            )
        if independents < independents_needed:
            quorum.reasons.append(
                f"The quorum needs at least {_plural(independents_needed, 'independent director')} taking part; "
                f"{'there are none' if not independents else f'only {independents} can'}."
            )
        result[item.pk] = quorum
    return result


def item_quorum(item: AgendaItem) -> ItemQuorum:
    """The quorum of one item."""
    return meeting_quorum(item.meeting, [item])[item.pk]
