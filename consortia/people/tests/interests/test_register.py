"""The register of interests: who must declare, the yearly confirmation, its reminders, the
report (page, PDF, Excel) and each person's own declarations page."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests, form_token
from consortia.directory.models import Organisation
from consortia.people.choices import RegisterState
from consortia.people.models import DeclaredInterest, InterestReminder, InterestReturn
from consortia.people.services import interests
from consortia.people.tests.interests.factories import DeclaredInterestFactory
from consortia.people.views.interests import InterestReturnViews
from consortia.users import roles
from consortia.users.testing import Personas, make_user

REGISTER = "/people/interests/register/"
MINE = "/people/interests/mine/"


def confirmed(person: Any, on: date, nothing: bool = False) -> InterestReturn:
    return InterestReturn.objects.create(person=person, confirmed_on=on, nothing_to_declare=nothing)


def by_person(entries: list[interests.RegisterEntry]) -> dict[str, interests.RegisterEntry]:
    return {entry.person.email: entry for entry in entries}


def test_the_register_lists_staff_and_board_with_their_interests_and_renewal(personas: Personas) -> None:
    today = date(2026, 6, 1)
    DeclaredInterestFactory(person=personas.board, organisation=personas.org_a, declared_on=date(2025, 1, 6))
    DeclaredInterestFactory(
        person=personas.board, organisation=personas.org_b, declared_on=date(2024, 1, 1), ended_on=date(2025, 1, 1)
    )
    confirmed(personas.board, date(2025, 9, 1))  # due 01/09/2026: current
    confirmed(personas.manager, date(2025, 6, 20))  # due 20/06/2026: within 30 days
    confirmed(personas.auditor, date(2025, 5, 1))  # due 01/05/2026: overdue

    entries = by_person(interests.register(today))

    # Member organisations' and commissioners' users, and people with no role, are not declarers.
    assert "user@alpha.test" not in entries
    assert "user@gamma.test" not in entries
    assert "nobody@hub.test" not in entries
    board = entries["chair@hub.test"]
    assert [str(i.organisation) for i in board.interests] == ["Alpha Advice Centre"]  # the ended one is not in force
    assert (board.state, board.due_on) == (RegisterState.CURRENT, date(2026, 9, 1))
    assert entries["manager@hub.test"].state == RegisterState.DUE_SOON
    assert entries["auditor@hub.test"].state == RegisterState.OVERDUE
    assert entries["bids@hub.test"].state == RegisterState.NEVER
    # A confirmation dated after the day asked about does not count on that day.
    confirmed(personas.bid_writer, date(2026, 7, 1))
    assert by_person(interests.register(today))["bids@hub.test"].state == RegisterState.NEVER


def test_the_register_costs_two_queries_whatever_its_size(personas: Personas) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            interests.register(date(2026, 6, 1))
        return len(captured)

    small = queries()
    for n in range(6):
        person = make_user(f"director{n}@hub.test", roles.BOARD)
        DeclaredInterestFactory(person=person, organisation=personas.org_a)
        confirmed(person, date(2026, 1, n + 1))
    assert queries() == small == 2  # the interests in force; the people with their last confirmation


def test_nothing_to_declare_is_refused_while_an_interest_is_in_force(personas: Personas) -> None:
    DeclaredInterestFactory(person=personas.board, organisation=personas.org_a, declared_on=date(2025, 1, 6))
    with pytest.raises(ValidationError) as raised:
        interests.confirm_declarations(personas.board, nothing_to_declare=True)
    assert "The register holds 1 interest of Chair in force (trustee, director or committee member of Alpha" in str(
        raised.value
    )
    assert not InterestReturn.objects.exists()
    made = interests.confirm_declarations(personas.board, nothing_to_declare=False, note="All current.")
    assert (made.confirmed_on, made.created_by) == (timezone.localdate(), personas.board)


def test_reminders_are_sent_once_per_due_date(personas: Personas) -> None:
    today = date(2026, 6, 1)
    for person in (personas.bid_writer, personas.auditor, personas.contracts_officer, personas.finance_officer):
        confirmed(person, date(2026, 1, 1))  # current: no reminder
    confirmed(personas.board, date(2025, 6, 20))  # due soon
    confirmed(personas.manager, date(2025, 3, 1))  # overdue

    first = interests.send_interest_reminders(today)
    assert first == {"due_soon": 1, "overdue": 1}
    assert sorted(message.to[0] for message in mail.outbox) == ["chair@hub.test", "manager@hub.test"]
    assert "due for renewal on 20/06/2026" in next(m.subject for m in mail.outbox if m.to == ["chair@hub.test"])
    assert "/people/interests/mine/" in mail.outbox[0].body

    out = io.StringIO()
    call_command("send_interest_reminders", "--date", today.isoformat(), stdout=out)
    assert out.getvalue().strip() == "Sent 0 due-soon and 0 overdue reminders."
    assert len(mail.outbox) == 2
    assert InterestReminder.objects.count() == 2
    # Once the board member's renewal has passed, the overdue reminder is a new one, sent once.
    assert interests.send_interest_reminders(date(2026, 6, 25)) == {"due_soon": 0, "overdue": 1}
    # Confirming stops the reminders.
    confirmed(personas.board, date(2026, 6, 26))
    assert interests.send_interest_reminders(date(2026, 7, 30)) == {"due_soon": 0, "overdue": 0}


@pytest.mark.parametrize("who", ["member_a", "commissioner", "nobody"])
def test_the_register_is_not_for_members_commissioners_or_the_roleless(
    personas: Personas, client_for: Callable[..., Client], who: str
) -> None:
    client = client_for(getattr(personas, who))
    # A hub page: a member's or commissioner's user is told there is no such page.
    refused = 403 if who == "nobody" else 404
    assert client.get(REGISTER).status_code == refused
    assert client.get(REGISTER + "?format=xlsx").status_code == refused
    assert client.get(MINE).status_code == 403


def test_the_register_page_and_its_files(personas: Personas, client_for: Callable[..., Client]) -> None:
    DeclaredInterestFactory(
        person=personas.board, organisation=personas.org_a, declared_on=date(2025, 1, 6), details="Chair of trustees"
    )
    confirmed(personas.board, timezone.localdate() - timedelta(days=10))
    client = client_for(personas.auditor)
    page = client.get(REGISTER).content.decode()
    assert "Trustee, director or committee member of Alpha Advice Centre" in page
    assert "Never confirmed: <strong>5</strong>" in page  # the other staff

    xlsx = client.get(REGISTER + "?format=xlsx")
    assert xlsx["Content-Disposition"].startswith('attachment; filename="register-of-interests-')
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows.index(["Person", "Organisation", "Nature of interest", "Details", "Declared on", "Last confirmed",
                         "Renewal"])  # fmt: skip
    chair = next(row for row in rows[header + 1 :] if row[0] == "Chair")
    assert chair[1:4] == ["Alpha Advice Centre", "Trustee, director or committee member", "Chair of trustees"]
    assert chair[6] == "Confirmed"

    pdf = client.get(REGISTER + "?format=pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Register of interests" in text
    assert "Alpha Advice Centre" in text


def test_the_register_page_costs_the_same_queries_for_more_people(
    personas: Personas, client_for: Callable[..., Client], django_assert_num_queries: Any
) -> None:
    client = client_for(personas.auditor)
    client.get(REGISTER)
    with CaptureQueriesContext(connection) as few:
        client.get(REGISTER)
    for n in range(5):
        person = make_user(f"director{n}@hub.test", roles.BOARD)
        DeclaredInterestFactory(person=person, organisation=personas.org_b)
    with django_assert_num_queries(len(few)):
        client.get(REGISTER)


def test_a_person_declares_ends_and_confirms_their_own(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.board)
    token = form_token(client, MINE)
    response = client.post(
        MINE,
        {"_token": token, "action": "declare", "organisation": personas.org_b.pk, "nature": "volunteer",
         "details": "Befriending volunteer", "declared_on": "2026-01-05"},
    )  # fmt: skip
    assert response.status_code == 302
    interest = DeclaredInterest.objects.get(person=personas.board)
    assert (interest.organisation, interest.created_by) == (personas.org_b, personas.board)
    # Sent twice (a double click): saved once.
    client.post(MINE, {"_token": token, "action": "declare", "organisation": personas.org_b.pk,
                       "nature": "volunteer", "declared_on": "2026-01-05"})  # fmt: skip
    assert DeclaredInterest.objects.count() == 1

    # "Nothing to declare" contradicts the register: refused, with the reason, nothing saved.
    response = client.post(MINE, {"_token": form_token(client, MINE), "action": "confirm", "nothing_to_declare": "on"})
    assert response.status_code == 400
    assert (
        "The register holds 1 interest of Chair in force (volunteer of Beta Befriending)" in response.content.decode()
    )
    assert not InterestReturn.objects.exists()

    # Someone else's declaration cannot be ended from here.
    other = DeclaredInterestFactory(person=personas.manager, organisation=personas.org_a)
    response = client.post(MINE, {"_token": form_token(client, MINE), "action": "end", "interest": other.pk})
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.ended_on is None

    client.post(MINE, {"_token": form_token(client, MINE), "action": "end", "interest": interest.pk})
    interest.refresh_from_db()
    assert interest.ended_on == timezone.localdate() - timedelta(days=1)
    client.post(MINE, {"_token": form_token(client, MINE), "action": "confirm", "nothing_to_declare": "on"})
    made = InterestReturn.objects.get()
    assert (made.person, made.nothing_to_declare) == (personas.board, True)
    assert "Confirmed" in client.get(MINE).content.decode()


class TestInterestReturnViews(EditableRecordTests):
    record = InterestReturnViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page (person joined)
    concurrent_change = {"note": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> InterestReturn:
        return InterestReturn.objects.create(
            person=personas.board, confirmed_on=date(2026, 1, 1) + timedelta(days=index)
        )

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"person": str(personas.board.pk), "confirmed_on": "2026-02-01", "note": "Signed form received."}


class TestInterestReturnApi(RecordApiTests):
    basename = "interestreturn"
    model = InterestReturn
    member_can_view = False
    change = {"note": "Signed form on file."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> InterestReturn:
        return InterestReturn.objects.create(
            person=personas.board, confirmed_on=date(2026, 1, 1) + timedelta(days=index)
        )

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"person": personas.board.pk, "confirmed_on": "2026-02-01", "nothing_to_declare": True}


def test_the_api_refuses_nothing_to_declare_against_the_register(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    DeclaredInterestFactory(person=personas.board, organisation=personas.org_a, declared_on=date(2025, 1, 6))
    response = client_for(personas.manager).post(
        "/api/interest-returns/",
        {"person": personas.board.pk, "confirmed_on": "2026-02-01", "nothing_to_declare": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "The register holds 1 interest" in response.content.decode()
    assert not InterestReturn.objects.exists()
