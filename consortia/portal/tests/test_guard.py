"""The portal's forms, like the staff forms: sent twice they save once; a stale edit saves nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from consortia.directory.models import Contact, Organisation
from consortia.directory.tests.factories import ContactFactory
from consortia.members.choices import RequirementKind
from consortia.members.models import Capability, Evidence, Membership, Requirement
from consortia.portal.tests import factories
from consortia.portal.tests.test_editing import PROFILE
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db

STALE = "Someone else changed this record after you opened it. Your changes have not been saved"
TWICE = "That form had already been sent; the record was saved once."


def hidden_inputs(client: Client, url: str) -> dict[str, str]:
    """The one-time token and record versions the form page carries, as a browser sends them back."""
    response = client.get(url)
    assert response.status_code == 200
    found = dict(
        re.findall(r'<input type="hidden" name="(_token|[\w-]*_version)" value="([\w-]+)">', response.content.decode())
    )
    assert "_token" in found, "the form carries a one-time token"
    return found


def followed(client: Client, response: Any) -> str:
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_contact_form_sent_twice_saves_once(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.member_a)
    url = reverse("portal:contact_add")
    data = {"first_name": "Asha", "last_name": "Patel", "preferred_contact": "email"} | hidden_inputs(client, url)
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("portal:contacts")
    assert Contact.objects.filter(last_name="Patel").count() == 1
    assert TWICE in client.get(reverse("portal:contacts")).content.decode()


def test_capability_form_sent_twice_saves_once(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.member_a)
    url = reverse("portal:capability_add")
    data = {"category": factories.category().pk, "description": "Casework"} | hidden_inputs(client, url)
    assert client.post(url, data).status_code == 302
    # Sent again, it is neither saved twice nor refused as "you already have one".
    assert TWICE in followed(client, client.post(url, data))
    assert Capability.objects.filter(organisation=personas.org_a).count() == 1


def test_profile_form_sent_twice_saves_once(personas: Personas, client_for: Callable[..., Client]) -> None:
    factories.membership(personas.org_a)
    client = client_for(personas.member_a)
    url = reverse("portal:profile_edit")
    data = PROFILE | hidden_inputs(client, url)
    assert client.post(url, data).status_code == 302
    # The second arrival is not taken for someone else's change either: the first saved, once.
    page = followed(client, client.post(url, data))
    assert TWICE in page
    assert STALE not in page
    assert Organisation.objects.get(pk=personas.org_a.pk).history.count() == 2  # created, changed once
    assert Membership.objects.get(organisation=personas.org_a).history.count() == 2


def test_stale_profile_edit_is_refused_and_changes_nothing(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    factories.membership(personas.org_a)
    client = client_for(personas.member_a)
    url = reverse("portal:profile_edit")
    seen = hidden_inputs(client, url)
    assert {"profile-_version", "capacity-_version"} <= set(seen)
    # The hub changes the organisation's phone number while the member has the form open.
    Organisation.objects.filter(pk=personas.org_a.pk).update(phone="01772 000000")
    response = client.post(url, PROFILE | seen)
    assert response.status_code == 200
    assert STALE in response.content.decode()
    organisation = Organisation.objects.get(pk=personas.org_a.pk)
    assert (organisation.phone, organisation.town) == ("01772 000000", "Preston")
    assert organisation.history.count() == 1
    assert Membership.objects.get(organisation=personas.org_a).staff_count is None


def test_stale_membership_leaves_the_organisation_unsaved_too(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    membership = factories.membership(personas.org_a)
    client = client_for(personas.member_a)
    url = reverse("portal:profile_edit")
    seen = hidden_inputs(client, url)
    Membership.objects.filter(pk=membership.pk).update(staff_count=3)
    response = client.post(url, PROFILE | seen)
    assert STALE in response.content.decode()
    # Both or neither: the organisation's half of the page was not saved on its own.
    assert Organisation.objects.get(pk=personas.org_a.pk).town == "Preston"
    assert Membership.objects.get(pk=membership.pk).staff_count == 3


def test_stale_contact_edit_is_refused_and_changes_nothing(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    contact = ContactFactory(organisation=personas.org_a, first_name="Asha", last_name="Patel", job_title="Manager")
    client = client_for(personas.member_a)
    url = reverse("portal:contact_edit", args=[contact.pk])
    seen = hidden_inputs(client, url)
    assert "_version" in seen
    Contact.objects.filter(pk=contact.pk).update(job_title="Chief executive")
    data = {"first_name": "Asha", "last_name": "Patel", "job_title": "Director", "preferred_contact": "email"}
    response = client.post(url, data | seen)
    assert response.status_code == 200
    assert STALE in response.content.decode()
    contact.refresh_from_db()
    assert contact.job_title == "Chief executive"
    assert contact.history.count() == 1
    # Opened again, the form carries the new version and saves.
    assert client.post(url, data | hidden_inputs(client, url)).status_code == 302
    contact.refresh_from_db()
    assert contact.job_title == "Director"


@pytest.fixture
def policy(settings: Any, tmp_path: Any) -> Requirement:
    settings.MEDIA_ROOT = tmp_path
    Requirement.objects.update(active=False)
    return factories.requirement("Safeguarding policy", kind=RequirementKind.DOCUMENT)


def test_evidence_sent_twice_is_uploaded_once(
    personas: Personas, client_for: Callable[..., Client], policy: Requirement
) -> None:
    factories.membership(personas.org_a)
    client = client_for(personas.member_a)
    url = reverse("portal:evidence_upload", args=[policy.pk])
    seen = hidden_inputs(client, url)
    assert seen["_version"] == "none"
    assert client.post(url, {"file": factories.pdf("Policy.pdf")} | seen).status_code == 302
    assert TWICE in followed(client, client.post(url, {"file": factories.pdf("Policy.pdf")} | seen))
    evidence = Evidence.objects.get()
    assert evidence.superseded_by is None


def test_stale_evidence_replacement_is_refused_and_changes_nothing(
    personas: Personas, client_for: Callable[..., Client], policy: Requirement
) -> None:
    factories.membership(personas.org_a)
    client = client_for(personas.member_a)
    url = reverse("portal:evidence_upload", args=[policy.pk])
    opened = hidden_inputs(client, url)
    # A colleague uploads theirs while this user has the page open.
    colleague = client_for(personas.member_a)
    assert (
        colleague.post(url, {"file": factories.pdf("Colleague's.pdf")} | hidden_inputs(colleague, url)).status_code
        == 302
    )
    response = client.post(url, {"file": factories.pdf("Mine.pdf")} | opened)
    assert response.status_code == 200
    assert "Someone at your organisation gave new evidence for “Safeguarding policy”" in response.content.decode()
    current = Evidence.objects.get()
    assert (current.original_filename, current.superseded_by) == ("Colleague's.pdf", None)
    # Opened again, the replacement goes through and supersedes the colleague's.
    assert client.post(url, {"file": factories.pdf("Mine.pdf")} | hidden_inputs(client, url)).status_code == 302
    current.refresh_from_db()
    assert current.superseded_by is not None
    assert current.superseded_by.original_filename == "Mine.pdf"
