"""Approving an application invites the member's first user, wherever the approval comes from.

The link in the invitation is built on the request's address when there is one (the review page,
the API) and on `SITE_URL` when there is not (a command calling the service).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings as SettingsWrapper

from consortia.core.testing.api import api_client
from consortia.members.services import applications as services
from consortia.members.tests.applications.factories import MembershipApplicationFactory
from consortia.users.models import User
from consortia.users.testing import Personas
from consortia.users.tests.helpers import sign_in

pytestmark = pytest.mark.django_db

INVITATION = "Your Consortia account: choose your password"


def invitations() -> list[Any]:
    return [message for message in mail.outbox if message.subject == INVITATION]


def chooses_a_password(path: str, email: str) -> None:
    """Following the link reaches the page to choose a password; the password chosen signs in."""
    invited = Client()
    response = invited.get(path, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose a new password" in body
    assert "This link no longer works" not in body
    set_password = response.redirect_chain[-1][0]
    invited.post(set_password, {"new_password1": "our own long secret", "new_password2": "our own long secret"})
    sign_in(Client(), email, "our own long secret")


def test_approving_through_the_api_sends_one_invitation_that_works(personas: Personas) -> None:
    application = MembershipApplicationFactory(contact_email="priya@befriending.example")
    url = reverse("api:membershipapplication-approve", args=[application.pk])
    response = api_client(personas.manager).post(url, {"tier": "full"}, format="json")
    assert response.status_code == 200, response.json()
    user = User.objects.get(email="priya@befriending.example")
    assert user.organisation_id == response.json()["organisation"]

    [message] = invitations()
    assert message.to == ["priya@befriending.example"]
    assert f"{personas.manager.full_name} has given you an account" in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body)
    assert link, message.body
    chooses_a_password(link.group(1), "priya@befriending.example")


def test_approving_without_a_request_builds_the_links_on_site_url(
    personas: Personas, settings: SettingsWrapper
) -> None:
    settings.SITE_URL = "https://hub.example.org.uk"
    application = MembershipApplicationFactory(contact_email="sam@shed.example")
    approval = services.approve(application, "associate", personas.manager)  # as a command would
    assert approval.invited

    [message] = invitations()
    assert f"{personas.manager.full_name} has given you an account" in message.body
    link = re.search(r"https://hub\.example\.org\.uk(/accounts/reset/\S+/)", message.body)
    assert link, message.body
    chooses_a_password(link.group(1), "sam@shed.example")


def test_the_applicants_private_link_without_a_request_is_on_site_url(
    personas: Personas, settings: SettingsWrapper
) -> None:
    settings.SITE_URL = "https://hub.example.org.uk"
    application = MembershipApplicationFactory()
    services.ask_for_more(application, "Which districts do you work in?", personas.manager)
    [message] = mail.outbox
    # A full address the applicant can follow from their mailbox, not a bare path.
    assert f"https://hub.example.org.uk{services.private_path(application)}" in message.body
