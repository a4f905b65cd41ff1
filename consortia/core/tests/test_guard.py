"""The generic edit page, sent twice, saves once and is not taken for someone else's change."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from consortia.core.guard import SENT_TWICE
from consortia.directory.models import Contact
from consortia.directory.tests.factories import ContactFactory
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db


def test_an_edit_form_sent_twice_saves_once(personas: Personas, client_for: Callable[..., Client]) -> None:
    contact = ContactFactory(organisation=personas.org_a, first_name="Asha", last_name="Patel")
    client = client_for(personas.manager)
    url = reverse("directory:contact_edit", args=[contact.pk])
    page = client.get(url).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(_token|_version)" value="(\w+)">', page))
    assert set(hidden) == {"_token", "_version"}
    data = {
        "first_name": "Asha",
        "last_name": "Patel",
        "job_title": "Director",
        "organisation": str(personas.org_a.pk),
        "preferred_contact": "email",
    } | hidden
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == contact.get_absolute_url()
    shown = client.get(second["Location"]).content.decode()
    assert SENT_TWICE in shown
    assert "Someone else changed this record" not in shown
    assert Contact.objects.get(pk=contact.pk).history.count() == 2  # created, then changed once


def test_a_token_this_session_was_not_given_is_not_remembered(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    # A made-up token is neither remembered nor taken as "sent before": the form saves normally.
    client = client_for(personas.manager)
    data = {"first_name": "Jo", "last_name": "Bloggs", "organisation": str(personas.org_a.pk)}
    data |= {"preferred_contact": "email", "_token": "madeup"}
    assert client.post(reverse("directory:contact_add"), data).status_code == 302
    assert client.post(reverse("directory:contact_add"), data).status_code == 302
    assert Contact.objects.filter(last_name="Bloggs").count() == 2
