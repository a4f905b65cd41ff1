"""User management pages and the users API, through the generic kit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import Group
from django.test import Client

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.users import roles
from consortia.users.models import User
from consortia.users.testing import Personas, make_user
from consortia.users.views import UserViews


def role_id(name: str) -> str:
    return str(Group.objects.get(name=name).pk)


class TestUserViews(EditableRecordTests):
    record = UserViews
    # Member users have no users.view_user: the kit checks they get 403 on every page.
    member_can_view = False
    # session, user, 2 × permissions, count, roles and organisations for the filters, page (with
    # organisation joined), roles of the page's users (prefetched)
    list_queries = 9

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> User:
        return make_user(f"person{index}@org{organisation.pk}.test", roles.MEMBER, organisation)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "full_name": "Priya Shah",
            "email": "Priya.Shah@Hub.test",
            "groups": [role_id(roles.BID_TEAM)],
            "is_active": "on",
        }

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return self.form_data(personas) | {"full_name": "Priya Shah-Jones", "email": obj.email}

    # Users are the hub manager's alone: the auditor and the board may not even read them.
    read_only_can_view = False

    concurrent_change = {"full_name": "Renamed By Another Manager"}

    def test_detail_page_shows_roles_password_and_two_factor(
        self, personas: Personas, client_for: Callable[..., Client]
    ) -> None:
        page = client_for(personas.manager).get(self.url("detail", personas.member_a)).content.decode()
        assert roles.MEMBER in page
        assert "Alpha Advice Centre" in page
        assert "Chosen" in page  # make_user gives a password
        assert "Reset two-factor authentication" not in page  # nothing to reset


class TestUserApi(RecordApiTests):
    basename = "user"
    model = User
    writable = False
    member_can_view = False
    read_only_can_view = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> User:
        return make_user(f"api{index}@org{organisation.pk}.test", roles.MEMBER, organisation)

    def test_manager_reads_users_without_secrets(self, personas: Personas) -> None:
        client = api_client(personas.manager)
        row = client.get(self.detail_url(personas.member_a)).json()
        assert set(row) == {
            "id",
            "url",
            "display",
            "full_name",
            "email",
            "organisation",
            "roles",
            "is_active",
            "last_login",
        }
        assert row["organisation"] == personas.org_a.pk
        assert row["roles"] == [roles.MEMBER]
        listing = client.get(self.list_url(), {"organisation": personas.org_b.pk}).json()
        assert [user["email"] for user in listing["results"]] == [personas.member_b.email]

    def test_manager_cannot_change_users_through_the_api(self, personas: Personas) -> None:
        client = api_client(personas.manager)
        url = self.detail_url(personas.member_a)
        assert client.patch(url, {"full_name": "Changed"}, format="json").status_code == 405
        assert client.delete(url).status_code == 405
        personas.member_a.refresh_from_db()
        assert personas.member_a.full_name != "Changed"
