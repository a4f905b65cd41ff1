"""A member organisation's user lives in the portal: no staff menus, no staff dashboard.

Staff pages they open by their address still answer, scoped to their own organisation (the
generic tests of every record type check that no other organisation's row is shown).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from consortia.directory.tests.factories import ContactFactory
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db

STAFF_MENU = 'data-bs-toggle="dropdown" aria-expanded="false">Directory</button>'
SEARCH_BOX = 'id="site-search"'


def test_the_dashboard_sends_a_member_user_to_the_portal(personas: Personas, client_for: Callable[..., Client]) -> None:
    response = client_for(personas.member_a).get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert client_for(personas.manager).get(reverse("core:home")).status_code == 200


def test_member_user_sees_the_portal_not_the_staff_menus(personas: Personas, client_for: Callable[..., Client]) -> None:
    member = client_for(personas.member_a)
    portal = member.get(reverse("portal:home")).content.decode()
    assert "My organisation" in portal
    assert STAFF_MENU not in portal
    assert SEARCH_BOX not in portal
    # Not on a staff page opened by its address either.
    staff_page = member.get(reverse("directory:contact_list")).content.decode()
    assert STAFF_MENU not in staff_page
    assert SEARCH_BOX not in staff_page
    # The hub's staff keep theirs.
    manager = client_for(personas.manager).get(reverse("core:home")).content.decode()
    assert STAFF_MENU in manager
    assert SEARCH_BOX in manager
    assert "My organisation" not in manager


def test_staff_pages_opened_directly_stay_scoped(personas: Personas, client_for: Callable[..., Client]) -> None:
    ContactFactory(organisation=personas.org_a, first_name="Asha", last_name="Patel")
    other = ContactFactory(organisation=personas.org_b, first_name="Tom", last_name="Hughes")
    member = client_for(personas.member_a)
    listing = member.get(reverse("directory:contact_list")).content.decode()
    assert "Patel" in listing
    assert "Hughes" not in listing
    assert member.get(reverse("directory:contact_detail", args=[other.pk])).status_code == 404
