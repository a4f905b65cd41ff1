"""The board and its committees, appointments, meetings, decisions and actions.

A *body* is the board, a committee or a panel, with its terms of reference and its quorum (a
number of voting members taking part and, optionally, how many of them must be independent
directors). People sit on it by *appointment* (a role, the member organisation they come from,
a term). A body holds *meetings*; each meeting has an agenda of *items* (item 1 is always the
declarations of interest), *attendance*, interests declared at the meeting, *decisions* and
*actions*. Following the Charity Commission's guidance (CC29), a voting member with an interest
in an organisation an item concerns is left out of its discussion and vote and does not count
to its quorum: `governance.services.quorum` works that out per item.

These are the hub's own records: member organisations' users see none of them.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consortia.core.models import BaseModel, RestrictedQuerySet
from consortia.governance.choices import (
    NON_VOTING,
    AppointmentRole,
    AttendanceStatus,
    BodyKind,
    ItemKind,
    ItemPurpose,
    MeetingStatus,
    Outcome,
)

UPLOADS = "governance/%Y/"


class Body(BaseModel):
    """The board, a committee or a panel: who it is, what it may decide and its quorum."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=BodyKind.choices, default=BodyKind.BOARD)
    terms_of_reference = models.TextField(blank=True, help_text="What the body is for and what it may decide.")
    terms_file = models.FileField(
        "terms of reference (file)",
        upload_to=UPLOADS,
        blank=True,
        help_text="The signed-off terms of reference, if kept as a document (PDF, Word or text).",
    )
    quorum_number = models.PositiveSmallIntegerField(
        "quorum",
        default=3,
        validators=[MinValueValidator(1)],
        help_text="The fewest voting members who must take part for a decision to be made.",
    )
    quorum_independents = models.PositiveSmallIntegerField(
        "independent directors in the quorum",
        null=True,
        blank=True,
        help_text="If the rules say so: the fewest independent directors among those taking part.",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.quorum_independents and self.quorum_number and self.quorum_independents > self.quorum_number:
            raise ValidationError(
                {"quorum_independents": "The independent directors needed cannot be more than the quorum itself."}
            )


class AppointmentQuerySet(RestrictedQuerySet):
    def current(self, on: date | None = None) -> AppointmentQuerySet:
        """Appointments in force on a day: started, not ended, term not run out."""
        day = on or timezone.localdate()
        return self.filter(
            Q(appointed_on__lte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gte=day),
            Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=day),
        )


class Appointment(BaseModel):
    """A person's seat on a body: their role, where they come from, their term."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="appointments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments", verbose_name="who"
    )
    role = models.CharField(max_length=12, choices=AppointmentRole.choices, default=AppointmentRole.DIRECTOR)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="board_appointments",
        verbose_name="comes from",
        help_text="The member organisation they come from, if any (leave blank for an independent director).",
    )
    appointed_on = models.DateField("appointed on")
    term_ends_on = models.DateField("term ends on", null=True, blank=True)
    ended_on = models.DateField(
        "ended on", null=True, blank=True, help_text="When they stood down, if before the term ended."
    )
    notes = models.TextField(blank=True)

    objects = AppointmentQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["body__name", "person__full_name", "-appointed_on", "pk"]

    def __str__(self) -> str:
        if self.body_id and self.person_id:
            return f"{self.person} ({self.get_role_display()}, {self.body})"
        return "Appointment"

    @property
    def heading(self) -> str:
        return str(self)

    @property
    def votes(self) -> bool:
        """Whether the role carries a vote (the secretary's does not)."""
        return self.role not in NON_VOTING

    @property
    def independent(self) -> bool:
        return self.role == AppointmentRole.INDEPENDENT

    @property
    def ends_on(self) -> date | None:
        """The last day of the appointment: when it ended, else when its term ends (None: open)."""
        if self.ended_on and self.term_ends_on:
            return min(self.ended_on, self.term_ends_on)
        return self.ended_on or self.term_ends_on

    def clean(self) -> None:
        if self.appointed_on and self.term_ends_on and self.term_ends_on < self.appointed_on:
            raise ValidationError({"term_ends_on": "The term cannot end before the appointment starts."})
        if self.appointed_on and self.ended_on and self.ended_on < self.appointed_on:
            raise ValidationError({"ended_on": "The appointment cannot end before it starts."})
        if not (self.body_id and self.person_id and self.appointed_on):
            return
        others = Appointment.objects.filter(body_id=self.body_id, person_id=self.person_id).exclude(pk=self.pk)
        for other in others.select_related("body", "person"):
            other_end = other.ends_on or date.max
            end = self.ends_on or date.max
            if self.appointed_on <= other_end and other.appointed_on <= end:
                until = f"until {other.ends_on:%d/%m/%Y}" if other.ends_on else "with no end date"
                raise ValidationError(
                    {
                        "appointed_on": f"{other.person} already has an appointment on {other.body} as "
                        f"{other.get_role_display().lower()} from {other.appointed_on:%d/%m/%Y} {until}; "
                        "appointments of the same person on the same body cannot overlap. End that one first."
                    }
                )


class Meeting(BaseModel):
    """A meeting of a body."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField("starts at")
    place = models.CharField(max_length=200, blank=True)
    video_link = models.URLField("video link", blank=True)
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        if self.body_id and self.starts_at:
            return f"{self.body}, {timezone.localtime(self.starts_at):%d/%m/%Y}"
        return "Meeting"

    @property
    def heading(self) -> str:
        return str(self)

    @property
    def date(self) -> date:
        return timezone.localtime(self.starts_at).date()


class AgendaItem(BaseModel):
    """An item on a meeting's agenda, with the organisations that stand to gain from it."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=ItemKind.choices, default=ItemKind.BUSINESS, editable=False)
    purpose = models.CharField(max_length=12, choices=ItemPurpose.choices, default=ItemPurpose.DISCUSSION)
    description = models.TextField(blank=True, help_text="What the item is about and what is asked of the meeting.")
    concerns = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="agenda_items",
        verbose_name="organisations that stand to gain",
        help_text="For example the member a subcontract would be awarded to: those with an interest in it "
        "take no part in the item.",
    )
    minutes = models.TextField(blank=True, help_text="What was discussed and agreed.")

    class Meta:
        ordering = ["meeting", "number", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def heading(self) -> str:
        return str(self)

    def clean(self) -> None:
        if self.kind == ItemKind.DECLARATIONS and self.number != 1:
            raise ValidationError({"number": "The declarations of interest are always item 1."})
        if self.kind != ItemKind.DECLARATIONS and self.number == 1:
            raise ValidationError(
                {"number": "Item 1 is always the declarations of interest: number this item 2 or later."}
            )


class AgendaPaper(BaseModel):
    """A paper for an agenda item (PDF papers go into the board pack)."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=UPLOADS, help_text="PDF, Word, OpenDocument, rich text or plain text.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["item", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_pdf(self) -> bool:
        return bool(self.file) and self.file.name.lower().endswith(".pdf")


class Attendance(BaseModel):
    """Whether a person was at a meeting: present, gave apologies, or absent."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_attendances", verbose_name="who"
    )
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT)

    class Meta:
        ordering = ["meeting", "person__full_name", "pk"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once",
                violation_error_message="This person is already on the meeting's register: change that row instead.",
            )
        ]

    def __str__(self) -> str:
        if self.person_id and self.meeting_id:
            return f"{self.person} at {self.meeting}: {self.get_status_display().lower()}"
        return "Attendance"

    @property
    def heading(self) -> str:
        return str(self)


class MeetingDeclaration(BaseModel):
    """An interest declared at a meeting, on one of its items."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_declarations", verbose_name="who"
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="meeting_declarations"
    )
    interest = models.TextField("what the interest is")

    class Meta:
        ordering = ["meeting", "item__number", "person__full_name", "pk"]

    def __str__(self) -> str:
        if self.person_id and self.item_id:
            return f"{self.person} on item {self.item.number}"
        return "Declaration"

    @property
    def heading(self) -> str:
        return str(self)

    def clean(self) -> None:
        if self.item_id and self.meeting_id and self.item.meeting_id != self.meeting_id:
            raise ValidationError({"item": "Choose an item of this meeting's agenda."})


class Decision(BaseModel):
    """A decision made on an agenda item: the resolution, who proposed and seconded it, the votes,
    and who was left out of it and why (recorded as it stood at the time).

    Recorded through `governance.services.decisions.record_decision`, which refuses it when the item
    is not quorate, the votes are more than those who could vote, or the proposer or seconder is
    conflicted. Other apps link to it (a policy's approval).
    """

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    resolution = models.TextField(help_text="What was resolved, in the words of the minutes.")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    seconder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    votes_for = models.PositiveSmallIntegerField("votes for", default=0)
    votes_against = models.PositiveSmallIntegerField("votes against", default=0)
    votes_abstain = models.PositiveSmallIntegerField("abstentions", default=0)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.CARRIED)
    excluded = models.TextField(
        "left out (conflicts of interest)",
        blank=True,
        editable=False,
        help_text="Who took no part and why, as it stood when the decision was recorded.",
    )
    quorum_note = models.TextField("quorum", blank=True, editable=False)
    hub_decision = models.ForeignKey(
        "hub.HubDecision", on_delete=models.SET_NULL, null=True, blank=True, related_name="board_decisions"
    )
    bid_decision = models.ForeignKey(
        "opportunities.BidDecision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_decisions",
        verbose_name="bid/no-bid decision",
    )
    subcontract = models.ForeignKey(
        "contracts.Subcontract", on_delete=models.SET_NULL, null=True, blank=True, related_name="board_decisions"
    )

    class Meta:
        ordering = ["-item__meeting__starts_at", "item__number", "pk"]

    def __str__(self) -> str:
        text = " ".join(self.resolution.split())
        return text if len(text) <= 80 else text[:79] + "…"

    @property
    def heading(self) -> str:
        return str(self)

    @property
    def votes_total(self) -> int:
        return (self.votes_for or 0) + (self.votes_against or 0) + (self.votes_abstain or 0)

    def clean(self) -> None:
        if self.proposer_id and self.proposer_id == self.seconder_id:
            raise ValidationError({"seconder": "The seconder must be someone other than the proposer."})
        if self.outcome == Outcome.CARRIED and self.votes_against > self.votes_for:
            raise ValidationError({"outcome": "More voted against than for: the motion was not carried."})
        if self.outcome == Outcome.NOT_CARRIED and self.votes_for > self.votes_against:
            raise ValidationError({"outcome": "More voted for than against: the motion was carried."})


class Action(BaseModel):
    """Something a meeting asked someone to do; carried to the next meeting's agenda until done."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="governance_actions", verbose_name="who"
    )
    description = models.TextField("what is to be done")
    due_on = models.DateField("due", null=True, blank=True)
    done_on = models.DateField("done", null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "pk"]

    def __str__(self) -> str:
        text = " ".join(self.description.split())
        return text if len(text) <= 80 else text[:79] + "…"

    @property
    def heading(self) -> str:
        return str(self)

    def clean(self) -> None:
        if self.item is not None and self.meeting_id and self.item.meeting_id != self.meeting_id:
            raise ValidationError({"item": "Choose an item of this meeting's agenda."})
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": "An action cannot be done on a date still to come."})


class TermAlert(models.Model):
    """A reminder sent to the hub managers that an appointment's term is ending (90 or 30 days ahead).

    One row per appointment, lead time and term end, so `send_term_alerts` never sends the same
    reminder twice; a term extended to a new date gets reminders of its own.
    """

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="term_alerts")
    days = models.PositiveSmallIntegerField("days ahead")
    term_ends_on = models.DateField("term end reminded of")
    sent_to = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["appointment", "days", "term_ends_on"], name="term_alert_once")]

    def __str__(self) -> str:
        return f"{self.appointment_id}: {self.days} days before {self.term_ends_on:%d/%m/%Y}"
