"""The generic pages and API of every governance record type (the core kit's tests).

Governance is the hub's and the board's: member organisations' users see none of it, the
auditor reads it, and the board keeps it (so the board is not among the read-only personas).
"""

from __future__ import annotations

import io
from typing import Any, ClassVar

from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
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
from consortia.governance.services.decisions import record_decision
from consortia.governance.tests import factories
from consortia.governance.views.records import (
    ActionViews,
    AgendaItemViews,
    AgendaPaperViews,
    AppointmentViews,
    AttendanceViews,
    BodyViews,
    DecisionViews,
    MeetingDeclarationViews,
    MeetingViews,
)
from consortia.users.testing import Personas


class HubOnly:
    member_can_view = False
    read_only_personas: ClassVar[tuple[str, ...]] = ("auditor",)


def a_body(organisation: Organisation, index: int) -> Body:
    return factories.body(f"Board {index} of {organisation.name}")


def a_meeting(organisation: Organisation, index: int) -> Meeting:
    return factories.meeting(a_body(organisation, index))


def quorate_item(organisation: Organisation, index: int) -> tuple[AgendaItem, list[Any]]:
    board, people = factories.board_of(3, name=f"Board {index} of {organisation.name}")
    meeting = factories.meeting(board)
    factories.present(meeting, *people)
    return factories.item(meeting, f"Budget {index} for {organisation.name}"), people


def a_decision(personas: Personas, organisation: Organisation, index: int) -> Decision:
    item, people = quorate_item(organisation, index)
    return record_decision(
        item,
        personas.manager,
        f"Approve the budget {index} ({organisation.name})",
        proposer=people[0],
        seconder=people[1],
        votes_for=3,
    )


def body_data(personas: Personas) -> dict[str, Any]:
    return {
        "name": "Contract oversight group",
        "kind": "committee",
        "quorum_number": "3",
        "terms_of_reference": "Oversees.",
    }


class TestBodyViews(HubOnly, EditableRecordTests):
    record = BodyViews
    # session, user, the user's permissions (group and own), count, the page of rows; the same
    # for every list of this app
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Body:
        return a_body(organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return body_data(personas)


class TestBodyApi(HubOnly, RecordApiTests):
    basename = "body"
    model = Body
    change = {"name": "Renamed board"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Body:
        return a_body(organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return body_data(personas)


def appointment_data(personas: Personas) -> dict[str, Any]:
    return {
        "body": factories.body().pk,
        "person": personas.board.pk,
        "role": "chair",
        "organisation": personas.org_a.pk,
        "appointed_on": "2026-01-01",
        "term_ends_on": "2028-12-31",
    }


class TestAppointmentViews(HubOnly, EditableRecordTests):
    record = AppointmentViews
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Appointment:
        return factories.appoint(
            a_body(organisation, index), factories.director(f"Director {index} {organisation.name}")
        )

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return appointment_data(personas)


class TestAppointmentApi(HubOnly, RecordApiTests):
    basename = "appointment"
    model = Appointment
    change = {"notes": "Reappointed at the AGM."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Appointment:
        return factories.appoint(
            a_body(organisation, index), factories.director(f"Director {index} {organisation.name}")
        )

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return appointment_data(personas)


def meeting_data(personas: Personas) -> dict[str, Any]:
    return {"body": factories.body().pk, "starts_at": "2026-07-01T18:00", "place": "Hub office", "status": "planned"}


class TestMeetingViews(HubOnly, EditableRecordTests):
    record = MeetingViews
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Meeting:
        return a_meeting(organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return meeting_data(personas)


class TestMeetingApi(HubOnly, RecordApiTests):
    basename = "meeting"
    model = Meeting
    change = {"place": "Town hall"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Meeting:
        return a_meeting(organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return meeting_data(personas) | {"starts_at": "2026-07-01T18:00:00+01:00"}


def item_data(personas: Personas) -> dict[str, Any]:
    # A meeting made without its standing items: the test counts the items the form adds.
    meeting = Meeting.objects.create(body=factories.body(), starts_at="2026-07-01T18:00:00+01:00")
    return {
        "meeting": meeting.pk,
        "number": "3",
        "title": "Award of the advice subcontract",
        "purpose": "decision",
        "concerns": [personas.org_a.pk],
    }


class TestAgendaItemViews(HubOnly, EditableRecordTests):
    record = AgendaItemViews
    list_queries = 6
    concurrent_change: ClassVar[dict[str, Any]] = {"minutes": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> AgendaItem:
        return factories.item(a_meeting(organisation, index), f"Item {index} about {organisation.name}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return item_data(personas)


class TestAgendaItemApi(HubOnly, RecordApiTests):
    basename = "agendaitem"
    model = AgendaItem
    change = {"minutes": "Agreed."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> AgendaItem:
        return factories.item(a_meeting(organisation, index), f"Item {index} about {organisation.name}")

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return item_data(personas)


def pdf_bytes(text: str = "") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def a_paper(organisation: Organisation, index: int) -> AgendaPaper:
    item = factories.item(a_meeting(organisation, index))
    return AgendaPaper.objects.create(
        item=item,
        title=f"Paper {index} from {organisation.name}",
        file=SimpleUploadedFile("paper.pdf", pdf_bytes(), content_type="application/pdf"),
    )


class TestAgendaPaperViews(HubOnly, EditableRecordTests):
    record = AgendaPaperViews
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> AgendaPaper:
        return a_paper(organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        item = factories.item(factories.meeting())
        return {
            "item": item.pk,
            "title": "Finance report",
            "file": SimpleUploadedFile("finance.pdf", pdf_bytes(), content_type="application/pdf"),
        }


class TestAgendaPaperApi(HubOnly, RecordApiTests):
    basename = "agendapaper"
    model = AgendaPaper
    create_format = "multipart"
    change: ClassVar[dict[str, Any]] = {"title": "Finance report, revised"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> AgendaPaper:
        return a_paper(organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "item": factories.item(factories.meeting()).pk,
            "title": "Finance report",
            "file": SimpleUploadedFile("finance.pdf", pdf_bytes(), content_type="application/pdf"),
        }


def an_attendance(organisation: Organisation, index: int) -> Attendance:
    person = factories.director(f"Director {index} {organisation.name}")
    return Attendance.objects.create(meeting=a_meeting(organisation, index), person=person)


class TestAttendanceViews(HubOnly, EditableRecordTests):
    record = AttendanceViews
    list_queries = 6
    concurrent_change: ClassVar[dict[str, Any]] = {"status": "absent"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Attendance:
        return an_attendance(organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"meeting": factories.meeting().pk, "person": personas.board.pk, "status": "apologies"}


class TestAttendanceApi(HubOnly, RecordApiTests):
    basename = "attendance"
    model = Attendance
    change = {"status": "absent"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Attendance:
        return an_attendance(organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"meeting": factories.meeting().pk, "person": personas.board.pk, "status": "present"}


def a_declaration(organisation: Organisation, index: int) -> MeetingDeclaration:
    meeting = a_meeting(organisation, index)
    return MeetingDeclaration.objects.create(
        meeting=meeting,
        item=factories.item(meeting),
        person=factories.director(f"Director {index} {organisation.name}"),
        organisation=organisation,
        interest="Trustee",
    )


def declaration_data(personas: Personas) -> dict[str, Any]:
    meeting = factories.meeting()
    return {
        "meeting": meeting.pk,
        "item": factories.item(meeting).pk,
        "person": personas.board.pk,
        "organisation": personas.org_a.pk,
        "interest": "My partner works there.",
    }


class TestMeetingDeclarationViews(HubOnly, EditableRecordTests):
    record = MeetingDeclarationViews
    list_queries = 6
    concurrent_change: ClassVar[dict[str, Any]] = {"interest": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> MeetingDeclaration:
        return a_declaration(organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return declaration_data(personas)


class TestMeetingDeclarationApi(HubOnly, RecordApiTests):
    basename = "meetingdeclaration"
    model = MeetingDeclaration
    change = {"interest": "Volunteer"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> MeetingDeclaration:
        return a_declaration(organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return declaration_data(personas)


def decision_data(personas: Personas) -> dict[str, Any]:
    item, people = quorate_item(personas.org_c, 999)
    return {
        "item": item.pk,
        "resolution": "To approve the annual budget.",
        "proposer": people[0].pk,
        "seconder": people[1].pk,
        "votes_for": "2",
        "votes_against": "0",
        "votes_abstain": "1",
        "outcome": "carried",
    }


class TestDecisionViews(HubOnly, EditableRecordTests):
    record = DecisionViews
    list_queries = 6
    concurrent_change: ClassVar[dict[str, Any]] = {"resolution": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Decision:
        return a_decision(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return decision_data(personas)

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return {
            "item": obj.item_id,
            "resolution": "To approve the annual budget, as amended.",
            "proposer": obj.proposer_id,
            "seconder": obj.seconder_id,
            "votes_for": "3",
            "votes_against": "0",
            "votes_abstain": "0",
            "outcome": "carried",
        }


class TestDecisionApi(HubOnly, RecordApiTests):
    basename = "decision"
    model = Decision
    change = {"resolution": "To approve the budget as amended."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Decision:
        return a_decision(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        data = decision_data(personas)
        return data | {"votes_for": 2, "votes_against": 0, "votes_abstain": 1}


def an_action(organisation: Organisation, index: int) -> Action:
    return factories.action(
        a_meeting(organisation, index), factories.director(), f"Write to {organisation.name} ({index})"
    )


class TestActionViews(HubOnly, EditableRecordTests):
    record = ActionViews
    list_queries = 6
    concurrent_change: ClassVar[dict[str, Any]] = {"description": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Action:
        return an_action(organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"meeting": factories.meeting().pk, "owner": personas.board.pk, "description": "Circulate the policy."}


class TestActionApi(HubOnly, RecordApiTests):
    basename = "action"
    model = Action
    change = {"description": "Circulate the revised policy."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Action:
        return an_action(organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"meeting": factories.meeting().pk, "owner": personas.board.pk, "description": "Circulate the policy."}
