"""Which declared interests conflict a person out of a decision, and on which day."""

from __future__ import annotations

from datetime import date

from django.test import Client

from consortia.core.testing.views import form_token
from consortia.people.models import DeclaredInterest
from consortia.people.services.interests import conflicts, describe
from consortia.people.tests.interests.factories import DeclaredInterestFactory
from consortia.users.testing import Personas


def test_only_interests_in_force_in_the_organisations_named_conflict(personas: Personas) -> None:
    ended = DeclaredInterestFactory(
        person=personas.board, organisation=personas.org_b, declared_on=date(2024, 1, 1), ended_on=date(2024, 12, 31)
    )
    live = DeclaredInterestFactory(person=personas.board, organisation=personas.org_a, declared_on=date(2025, 1, 6))
    DeclaredInterestFactory(person=personas.manager, organisation=personas.org_b, declared_on=date(2025, 1, 6))

    found = conflicts([personas.board.pk, personas.manager.pk], [personas.org_a.pk], on=date(2025, 6, 1))
    assert found == {personas.board.pk: [live]}
    assert describe(found[personas.board.pk]) == "trustee, director or committee member of Alpha Advice Centre"
    # The ended interest counted while it was in force.
    assert conflicts([personas.board.pk], [personas.org_b.pk], on=date(2024, 6, 1)) == {personas.board.pk: [ended]}
    assert conflicts([personas.board.pk], [personas.org_b.pk], on=date(2025, 6, 1)) == {}
    # Declared later than the day asked about: not yet in force.
    assert conflicts([personas.manager.pk], [personas.org_b.pk], on=date(2024, 6, 1)) == {}


def test_an_interest_cannot_end_before_it_was_declared(personas: Personas, client_for: object) -> None:
    client: Client = client_for(personas.manager)  # type: ignore[operator]
    url = "/people/declared-interests/add/"
    response = client.post(
        url,
        {
            "person": str(personas.board.pk),
            "organisation": str(personas.org_a.pk),
            "nature": "trustee",
            "declared_on": "2025-06-01",
            "ended_on": "2025-01-01",
            "form_token": form_token(client, url),
        },
    )
    assert response.status_code == 200
    assert "The interest cannot end before it was declared." in response.content.decode()
    assert not DeclaredInterest.objects.exists()


def test_member_users_cannot_be_named(personas: Personas, client_for: object) -> None:
    client: Client = client_for(personas.manager)  # type: ignore[operator]
    url = "/people/declared-interests/add/"
    response = client.post(
        url,
        {
            "person": str(personas.member_a.pk),
            "organisation": str(personas.org_b.pk),
            "nature": "trustee",
            "declared_on": "2025-06-01",
            "form_token": form_token(client, url),
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not DeclaredInterest.objects.exists()
