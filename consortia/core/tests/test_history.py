"""A record's history page says what changed as people read it: labels, names, every field kept."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortia.core.history import history_entries
from consortia.directory.models import Contact
from consortia.directory.tests.factories import ContactFactory
from consortia.members.choices import Tier
from consortia.members.services import applications
from consortia.members.tests.applications.factories import MembershipApplicationFactory
from consortia.members.tests.membership.factories import membership_for
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db


def changes_of(page: str) -> list[str]:
    """The changes listed on a history page, as plain text lines."""
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", page, re.S)]


def test_a_choice_is_shown_by_its_label(personas: Personas, client_for: Callable[..., Client]) -> None:
    membership = membership_for(personas.org_a, tier=Tier.FULL)
    membership.tier = Tier.ASSOCIATE
    membership.stamp(personas.manager)
    membership.save()
    [change] = history_entries(membership)[0].changes
    assert (change.field, change.old, change.new) == ("Tier", "Full member", "Associate member")
    page = client_for(personas.manager).get(reverse("members:membership_history", args=[membership.pk]))
    assert "Tier: Full member → Associate member" in changes_of(page.content.decode())


def test_a_related_record_is_shown_by_its_name(personas: Personas, client_for: Callable[..., Client]) -> None:
    contact = ContactFactory(organisation=personas.org_a, first_name="Asha", last_name="Patel")
    contact.organisation = personas.org_b
    contact.stamp(personas.manager)
    contact.save()
    page = client_for(personas.manager).get(reverse("directory:contact_history", args=[contact.pk]))
    assert f"Organisation: {personas.org_a} → {personas.org_b}" in changes_of(page.content.decode())


def test_a_related_record_the_reader_may_not_see_is_not_named(personas: Personas) -> None:
    contact = ContactFactory(organisation=personas.org_b, first_name="Asha", last_name="Patel")
    Contact.objects.filter(pk=contact.pk).update(organisation=personas.org_a)
    moved = Contact.objects.get(pk=contact.pk)
    moved.stamp(personas.manager)
    moved.save()  # a version now in org A, after one in org B
    [change] = [c for c in history_entries(moved, user=personas.member_a)[0].changes if c.field == "Organisation"]
    assert change.new == str(personas.org_a)
    assert change.old == f"Organisation #{personas.org_b.pk}"  # a member never reads another's name


def test_fields_no_form_offers_are_included_when_a_service_changes_them(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    application = MembershipApplicationFactory()
    applications.reject(application, "Not in Lancashire.", personas.manager)
    changes = {change.field: change for change in history_entries(application)[0].changes}
    assert (changes["Status"].old, changes["Status"].new) == ("Waiting for a decision", "Not approved")
    # Set by the service, not on any form, and shown all the same.
    assert (changes["Decided by"].old, changes["Decided by"].new) == (None, personas.manager.full_name)
    assert changes["Decided at"].old is None
    assert changes["Decided at"].new is not None
    page = client_for(personas.manager).get(reverse("members:membershipapplication_history", args=[application.pk]))
    lines = changes_of(page.content.decode())
    assert "Status: Waiting for a decision → Not approved" in lines
    assert f"Decided by: — → {personas.manager.full_name}" in lines
    assert any(line.startswith("Decided at: — → ") and re.search(r"\d\d/\d\d/\d{4}", line) for line in lines)


def test_names_cost_one_query_per_kind_of_record(personas: Personas) -> None:
    contact = ContactFactory(organisation=personas.org_a)
    for organisation in (personas.org_b, personas.org_a, personas.org_b):
        contact.organisation = organisation
        contact.stamp(personas.manager)
        contact.save()
    with CaptureQueriesContext(connection) as captured:
        entries = history_entries(contact)
    assert len(entries) == 4
    assert len(captured) == 2  # the history with its users, then the organisations named
