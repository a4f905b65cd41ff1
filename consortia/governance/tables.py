"""The governance lists."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.governance.models import (
    Action,
    AgendaItem,
    AgendaPaper,
    Appointment,
    Attendance,
    Body,
    Decision,
    Meeting,
    MeetingDeclaration,
)


class BodyTable(BaseTable):
    name = tables.Column(linkify=True)
    kind = tables.Column()
    quorum_number = tables.Column(verbose_name="Quorum")
    quorum_independents = tables.Column(verbose_name="Independents in the quorum", default="—")

    class Meta(BaseTable.Meta):
        model = Body
        fields = ("name", "kind", "quorum_number", "quorum_independents")


class AppointmentTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Appointment", order_by=("person__full_name",))
    organisation = tables.Column(verbose_name="Comes from", default="—")
    appointed_on = tables.DateColumn(format="d/m/Y", verbose_name="Appointed")
    term_ends_on = tables.DateColumn(format="d/m/Y", verbose_name="Term ends", default="—")
    ended_on = tables.DateColumn(format="d/m/Y", verbose_name="Ended", default="—")

    class Meta(BaseTable.Meta):
        model = Appointment
        fields = ("heading", "organisation", "appointed_on", "term_ends_on", "ended_on")


class MeetingTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Meeting", order_by=("starts_at",))
    place = tables.Column(default="—")
    status = tables.Column()

    class Meta(BaseTable.Meta):
        model = Meeting
        fields = ("heading", "place", "status")


class AgendaItemTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Item", order_by=("meeting", "number"))
    meeting = tables.Column(accessor="meeting__heading", verbose_name="Meeting", order_by=("meeting__starts_at",))
    purpose = tables.Column()

    class Meta(BaseTable.Meta):
        model = AgendaItem
        fields = ("heading", "meeting", "purpose")


class AgendaPaperTable(BaseTable):
    title = tables.Column(linkify=True)
    item = tables.Column(accessor="item__title", verbose_name="Item")
    created = tables.DateTimeColumn(format="d/m/Y", verbose_name="Added")

    class Meta(BaseTable.Meta):
        model = AgendaPaper
        fields = ("title", "item", "created")


class AttendanceTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Attendance", order_by=("person__full_name",))
    status = tables.Column()

    class Meta(BaseTable.Meta):
        model = Attendance
        fields = ("heading", "status")


class MeetingDeclarationTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Declaration", order_by=("person__full_name",))
    organisation = tables.Column(default="—")
    interest = tables.Column()

    class Meta(BaseTable.Meta):
        model = MeetingDeclaration
        fields = ("heading", "organisation", "interest")


class DecisionTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Resolution", order_by=("resolution",))
    item = tables.Column(accessor="item__title", verbose_name="Item")
    votes_for = tables.Column(verbose_name="For")
    votes_against = tables.Column(verbose_name="Against")
    votes_abstain = tables.Column(verbose_name="Abstained")
    outcome = tables.Column()

    class Meta(BaseTable.Meta):
        model = Decision
        fields = ("heading", "item", "votes_for", "votes_against", "votes_abstain", "outcome")


class ActionTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Action", order_by=("description",))
    owner = tables.Column(verbose_name="Who")
    due_on = tables.DateColumn(format="d/m/Y", verbose_name="Due", default="—")
    done_on = tables.DateColumn(format="d/m/Y", verbose_name="Done", default="—")

    class Meta(BaseTable.Meta):
        model = Action
        fields = ("heading", "owner", "due_on", "done_on")
