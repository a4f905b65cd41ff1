"""Governance is the hub's and the board's: member organisations' users see none of it; the board keeps it."""

from __future__ import annotations

from django.urls import reverse

from consortia.core.testing.api import api_client
from consortia.governance.models import Body, Decision, Meeting
from consortia.governance.tests import factories
from consortia.users.testing import Personas


def test_members_see_nothing_of_governance_and_the_board_keeps_it(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    board, _people = factories.board_of(3)
    meeting = factories.meeting(board)
    for model in (Body, Meeting, Decision):
        assert not model.objects.restrict(personas.member_a, "view").exists()
        assert not model.objects.restrict(personas.commissioner, "view").exists()
    member = client_for(personas.member_a)
    for url in (reverse("governance:meeting_list"), meeting.get_absolute_url(), reverse("governance:body_list")):
        assert member.get(url).status_code == 403
    assert api_client(personas.member_a).get(reverse("api:meeting-list")).status_code == 403
    # The board may add and change; the auditor only reads.
    assert personas.board.has_perm("governance.add_decision")
    assert personas.board.has_perm("governance.change_meeting")
    assert not personas.auditor.has_perm("governance.add_meeting")
    assert client_for(personas.auditor).get(meeting.get_absolute_url()).status_code == 200
    response = api_client(personas.board).post(
        reverse("api:meeting-list"), {"body": board.pk, "starts_at": "2026-09-01T18:00:00+01:00"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert Meeting.objects.get(pk=response.json()["id"]).items.count() == 2  # the standing items, through the API too


def test_the_api_refuses_a_decision_without_a_quorum(personas: Personas) -> None:
    board, (ann, bob, cat) = factories.board_of(3, quorum=3)
    factories.interest(ann, personas.org_a)
    meeting = factories.meeting(board)
    award = factories.item(meeting, concerns=[personas.org_a])
    factories.present(meeting, ann, bob, cat)
    response = api_client(personas.board).post(
        reverse("api:decision-list"),
        {
            "item": award.pk,
            "resolution": "Award",
            "proposer": bob.pk,
            "seconder": cat.pk,
            "votes_for": 2,
            "outcome": "carried",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "not quorate" in response.json()["__all__"][0]
    assert not Decision.objects.exists()
