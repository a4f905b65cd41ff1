"""Conflicts of interest and the quorum, item by item; decisions refused without it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from consortia.core.testing.views import form_token
from consortia.governance.choices import AppointmentRole, AttendanceStatus
from consortia.governance.models import Appointment, Decision, MeetingDeclaration
from consortia.governance.services.decisions import record_decision
from consortia.governance.services.quorum import item_quorum, meeting_quorum
from consortia.governance.tests import factories
from consortia.users.testing import Personas


def test_a_director_with_a_declared_interest_is_left_out_and_the_quorum_recalculates(personas: Personas) -> None:
    board, (ann, bob, cat, dan) = factories.board_of(4, quorum=3)
    factories.interest(ann, personas.org_a)
    factories.interest(bob, personas.org_b, declared_on=date(2027, 1, 1))  # not yet declared on the day
    meeting = factories.meeting(board)
    award = factories.item(meeting, "Award the advice subcontract", concerns=[personas.org_a])
    other = factories.item(meeting, "Budget")
    factories.present(meeting, ann, bob, cat)

    quorum = meeting_quorum(meeting)
    on_award = quorum[award.pk]
    assert [entry.person for entry in on_award.excluded] == [ann]
    assert on_award.excluded[0].reason == (
        "trustee, director or committee member of Alpha Advice Centre (register of interests)"
    )
    assert on_award.count == 2
    assert not on_award.quorate
    assert on_award.reason == (
        f"Not quorate: 2 voting members can take part (3 present, 1 left out for a conflict of interest); "
        f"the quorum of {board} is 3."
    )
    assert quorum[other.pk].quorate  # the budget concerns no one: all three count
    assert quorum[other.pk].count == 3

    # Another director arrives: the award is quorate again, Ann still left out.
    factories.present(meeting, dan)
    on_award = item_quorum(award)
    assert on_award.quorate
    assert on_award.count == 3
    assert [entry.person for entry in on_award.excluded] == [ann]

    # An interest ended before the meeting no longer conflicts.
    ann.declared_interests.update(ended_on=date(2026, 1, 1))
    assert item_quorum(award).excluded == []


def test_a_declaration_at_the_meeting_leaves_the_person_out_of_that_item_only(personas: Personas) -> None:
    board, people = factories.board_of(3, quorum=2)
    meeting = factories.meeting(board)
    first = factories.item(meeting, "Premises")
    second = factories.item(meeting, "Budget")
    factories.present(meeting, *people)
    MeetingDeclaration.objects.create(
        meeting=meeting, item=first, person=people[0], interest="My brother owns the building"
    )
    quorum = meeting_quorum(meeting)
    assert quorum[first.pk].excluded_text == f"{people[0]}: declared at the meeting: My brother owns the building"
    assert quorum[first.pk].quorate  # 2 of 2 needed
    assert quorum[second.pk].excluded == []


def test_secretaries_do_not_vote_and_independents_can_be_required(personas: Personas) -> None:
    board = factories.body(quorum_number=2, quorum_independents=1)
    chair, secretary, independent = factories.director(), factories.director(), factories.director()
    factories.appoint(board, chair, AppointmentRole.CHAIR)
    factories.appoint(board, secretary, AppointmentRole.SECRETARY)
    factories.appoint(board, independent, AppointmentRole.INDEPENDENT)
    factories.interest(independent, personas.org_a)
    meeting = factories.meeting(board)
    item = factories.item(meeting, concerns=[personas.org_a])
    factories.present(meeting, chair, secretary, independent)
    quorum = item_quorum(item)
    assert quorum.voters == [chair, independent]  # by name; the secretary has no vote
    assert quorum.count == 1
    assert quorum.reasons == [
        f"Not quorate: 1 voting member can take part (2 present, 1 left out for a conflict of interest); "
        f"the quorum of {board} is 2.",
        "The quorum needs at least 1 independent director taking part; there are none.",
    ]


def test_decisions_are_refused_without_a_quorum_with_too_many_votes_or_a_conflicted_proposer(
    personas: Personas,
) -> None:
    board, (ann, bob, cat, dan) = factories.board_of(4, quorum=3)
    factories.interest(ann, personas.org_a)
    meeting = factories.meeting(board)
    award = factories.item(meeting, "Award", concerns=[personas.org_a])
    factories.present(meeting, ann, bob, cat)

    with pytest.raises(ValidationError) as refused:
        record_decision(award, personas.manager, "Award it", proposer=bob, seconder=cat, votes_for=2)
    assert refused.value.message_dict["__all__"] == [
        "No decision can be recorded on item 3 because it is not quorate. Not quorate: 2 voting members can take "
        f"part (3 present, 1 left out for a conflict of interest); the quorum of {board} is 3."
    ]

    factories.present(meeting, dan)
    with pytest.raises(ValidationError) as refused:
        record_decision(award, personas.manager, "Award it", proposer=ann, seconder=cat, votes_for=3)
    assert refused.value.message_dict["proposer"][0].startswith(
        f"{ann} cannot be the proposer: they have a conflict of interest on this item (trustee"
    )
    with pytest.raises(ValidationError) as refused:
        record_decision(award, personas.manager, "Award it", proposer=bob, seconder=cat, votes_for=3, votes_against=1)
    assert refused.value.message_dict["votes_for"] == [
        "4 votes were entered (for, against and abstentions), but only 3 voting members present can vote on "
        "this item (1 left out for a conflict of interest)."
    ]
    with pytest.raises(ValidationError) as refused:
        record_decision(award, personas.manager, "Award it", proposer=personas.manager, seconder=cat, votes_for=3)
    assert "only voting members marked present" in refused.value.message_dict["proposer"][0]
    assert not Decision.objects.exists()

    decision = record_decision(award, personas.manager, "Award it", proposer=bob, seconder=cat, votes_for=3)
    assert decision.outcome == "carried"
    assert (
        decision.excluded
        == f"{ann}: trustee, director or committee member of Alpha Advice Centre (register of interests)"
    )
    assert decision.quorum_note == (
        "4 voting members present, 1 left out for a conflict of interest: 3 taking part, quorum 3: quorate."
    )
    assert decision.created_by == personas.manager


def test_the_decision_form_shows_why_it_is_refused_and_saves_nothing(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    board, (ann, bob, cat) = factories.board_of(3, quorum=3)
    factories.interest(ann, personas.org_a)
    meeting = factories.meeting(board)
    award = factories.item(meeting, "Award", concerns=[personas.org_a])
    factories.present(meeting, ann, bob, cat)
    client = client_for(personas.board)
    url = reverse("governance:decision_add")
    data = {
        "item": award.pk,
        "resolution": "Award it",
        "proposer": bob.pk,
        "seconder": cat.pk,
        "votes_for": "2",
        "votes_against": "0",
        "votes_abstain": "0",
        "outcome": "carried",
        "_token": form_token(client, url + f"?item={award.pk}"),
    }
    page = client.post(url, data).content.decode()
    assert "because it is not quorate" in page
    assert "1 left out for a conflict of interest" in page
    assert not Decision.objects.exists()

    # The meeting page says so for the item.
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Not quorate" in page
    assert "trustee, director or committee member of Alpha Advice Centre" in page


def test_overlapping_appointments_are_refused(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    board = factories.body()
    person = factories.director("Ann Able")
    factories.appoint(board, person, appointed_on=date(2024, 1, 1), term_ends_on=date(2026, 12, 31))
    overlapping = Appointment(body=board, person=person, role="chair", appointed_on=date(2026, 6, 1))
    with pytest.raises(ValidationError) as refused:
        overlapping.full_clean()
    assert refused.value.message_dict["appointed_on"] == [
        f"Ann Able already has an appointment on {board} as director from 01/01/2024 until 31/12/2026; "
        "appointments of the same person on the same body cannot overlap. End that one first."
    ]
    # Through the page: the message shows and nothing is saved.
    client = client_for(personas.manager)
    url = reverse("governance:appointment_add")
    data = {
        "body": board.pk,
        "person": person.pk,
        "role": "chair",
        "appointed_on": "2026-06-01",
        "_token": form_token(client, url),
    }
    response = client.post(url, data)
    assert "cannot overlap" in response.content.decode()
    assert Appointment.objects.count() == 1
    # The next term, from the day after, is fine; as is another body.
    Appointment(body=board, person=person, role="chair", appointed_on=date(2027, 1, 1)).full_clean()
    Appointment(body=factories.body(), person=person, appointed_on=date(2026, 6, 1)).full_clean()


def test_a_meeting_starts_with_declarations_then_open_actions(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    board, (ann, bob, _cat) = factories.board_of(3)
    earlier = factories.meeting(board, date(2026, 3, 10))
    factories.action(earlier, ann, "Draft the conflicts policy")
    factories.action(earlier, bob, "Book the venue", done_on=date(2026, 4, 1))
    client = client_for(personas.board)
    url = reverse("governance:meeting_add")
    data = {"body": board.pk, "starts_at": "2026-06-10T18:00", "status": "planned", "_token": form_token(client, url)}
    response = client.post(url, data)
    assert response.status_code == 302
    meeting = board.meetings.order_by("-starts_at").first()
    assert [(item.number, item.title) for item in meeting.items.all()] == [
        (1, "Declarations of interest"),
        (2, "Matters arising: open actions"),
    ]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Draft the conflicts policy" in page
    assert "Book the venue" not in page
    # Item 1 stays first and cannot be removed.
    declarations = meeting.items.get(number=1)
    assert (
        "cannot be removed"
        in client.get(reverse("governance:agendaitem_delete", args=[declarations.pk])).content.decode()
    )
    item_url = reverse("governance:agendaitem_add")
    data = {
        "meeting": meeting.pk,
        "number": "1",
        "title": "Budget",
        "purpose": "decision",
        "_token": form_token(client, item_url),
    }
    assert "Item 1 is always the declarations of interest" in client.post(item_url, data).content.decode()


def test_taking_the_register(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    board, (ann, bob, cat) = factories.board_of(3)
    factories.appoint(board, factories.director("Gone Away"), appointed_on=date(2020, 1, 1), ended_on=date(2024, 1, 1))
    meeting = factories.meeting(board)
    client = client_for(personas.board)
    url = reverse("governance:meeting_register", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert str(ann) in page
    assert "Gone Away" not in page  # not on the board on the day
    response = client.post(
        url, {f"person_{ann.pk}": "present", f"person_{bob.pk}": "apologies", f"person_{cat.pk}": ""}
    )
    assert response.status_code == 302
    assert dict(meeting.attendances.values_list("person_id", "status")) == {
        ann.pk: AttendanceStatus.PRESENT,
        bob.pk: AttendanceStatus.APOLOGIES,
    }
    assert client_for(personas.auditor).get(url).status_code == 403
    assert client_for(personas.member_a).get(url).status_code == 403


def test_the_meeting_page_costs_a_fixed_number_of_queries(
    personas: Personas, client_for, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from consortia.core.testing.views import queries_for

    board, people = factories.board_of(3)
    meeting = factories.meeting(board)
    factories.present(meeting, *people)
    client = client_for(personas.manager)
    client.get(meeting.get_absolute_url())
    factories.item(meeting, concerns=[personas.org_a])
    few = queries_for(client, meeting.get_absolute_url())
    for _ in range(5):
        item = factories.item(meeting, concerns=[personas.org_a, personas.org_b])
        factories.action(meeting, people[0], item=item)
        MeetingDeclaration.objects.create(meeting=meeting, item=item, person=people[1], interest="Volunteer")
    factories.interest(people[2], personas.org_b)
    assert queries_for(client, meeting.get_absolute_url()) == few


def test_the_meeting_page_shows_the_start_in_uk_time(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = factories.meeting(factories.body())  # 18:00 in London, in summer time
    page = client_for(personas.auditor).get(meeting.get_absolute_url()).content.decode()
    assert "10/06/2026 18:00" in page
