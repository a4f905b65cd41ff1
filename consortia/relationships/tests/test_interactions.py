"""Interactions and follow-ups: the rules they keep, on the form and through the API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consortia.core.testing.api import api_client
from consortia.core.testing.views import form_token
from consortia.relationships.models import FollowUp, Interaction
from consortia.relationships.tests import factories
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def post(client: Client, name: str, data: dict[str, object]) -> str:
    url = reverse(f"relationships:{name}_add")
    response = client.post(url, data | {"_token": form_token(client, url)})
    assert response.status_code == 200, "the form is shown again with the problem"
    return response.content.decode()


def test_follow_up_due_before_its_interaction_is_refused(personas: Personas, client_for: Callable[..., Client]) -> None:
    meeting = factories.interaction(factories.council(), TODAY() - timedelta(days=10))
    early = (meeting.date - timedelta(days=1)).isoformat()
    data = {"interaction": meeting.pk, "description": "Send notes", "owner": personas.manager.pk, "due_on": early}
    page = post(client_for(personas.manager), "followup", data)
    expected = f"A follow-up cannot be due before the interaction it follows ({meeting.date:%d/%m/%Y})."
    assert expected in page
    response = api_client(personas.manager).post(reverse("api:followup-list"), data, format="json")
    assert response.status_code == 400
    assert response.json()["due_on"] == [expected]
    assert not FollowUp.objects.exists()


def test_interaction_names_only_the_commissioners_own_people_and_has_happened(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    council, other = factories.council("Own Council"), factories.council("Other Council")
    stranger = factories.contact(other, "Robin", "Elsewhere")
    data = {
        "commissioner": council.pk,
        "kind": "call",
        "date": TODAY().isoformat(),
        "title": "Catch-up call",
        "contacts": [stranger.pk],
    }
    page = post(client_for(personas.manager), "interaction", data)
    assert "Name only Own Council&#x27;s own people here: Robin Elsewhere works elsewhere." in page
    response = api_client(personas.manager).post(reverse("api:interaction-list"), data, format="json")
    assert response.status_code == 400
    assert "Robin Elsewhere works elsewhere" in str(response.json()["contacts"])
    future = data | {"contacts": [], "date": (TODAY() + timedelta(days=3)).isoformat()}
    page = post(client_for(personas.manager), "interaction", future)
    assert "Log an interaction once it has happened" in page
    assert not Interaction.objects.exists()


def test_the_interaction_page_lists_its_follow_ups(personas: Personas, client_for: Callable[..., Client]) -> None:
    meeting = factories.interaction(factories.council(), TODAY() - timedelta(days=20))
    late = factories.follow_up(meeting, personas.bid_writer, TODAY() - timedelta(days=2), description="Send prices")
    page = client_for(personas.manager).get(meeting.get_absolute_url()).content.decode()
    assert late.description in page
    assert "Overdue" in page
    assert f"{reverse('relationships:followup_add')}?interaction={meeting.pk}" in page
    overdue = client_for(personas.manager).get(reverse("relationships:followup_list"), {"overdue": "true"})
    assert "Send prices" in overdue.content.decode()
