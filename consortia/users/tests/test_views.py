"""User management pages and the users API, through the generic kit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import Group
from django.test import Client

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.core.testing.views import EditableRecordTests, form_token
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

    # The kit's versions of the three tests below assume what users do not have: a read-only
    # role that may view them (users are the hub manager's alone) and the BaseModel audit fields
    # `created_by` and `updated` (User is Django's user model, audited by its history only).
    def test_read_only_role_cannot_change(self, personas: Personas, client_for: Callable[..., Client]) -> None:
        obj = self.make(personas, personas.org_a)
        for persona in (personas.auditor, personas.board, personas.bid_writer):
            client = client_for(persona)
            for name, url in self.urls(obj).items():
                assert client.get(url).status_code == 403, (persona, name)

    def test_create_edit_delete_with_history(self, personas: Personas, client_for: Callable[..., Client]) -> None:
        client = client_for(personas.manager)
        data = self.form_data(personas) | {"_token": form_token(client, self.url("add"))}
        response = client.post(self.url("add"), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        created = User.objects.get(email="priya.shah@hub.test")
        assert response["Location"] == created.get_absolute_url()
        assert [group.name for group in created.groups.all()] == [roles.BID_TEAM]
        assert created.history.earliest().history_user == personas.manager

        response = client.post(self.url("edit", created), self.edit_data(personas, created))
        assert response.status_code == 302, response.content.decode()[:3000]
        history = client.get(self.url("history", created)).content.decode()
        assert "Created" in history
        assert "Changed" in history
        assert "Priya Shah-Jones" in history
        assert personas.manager.full_name in history

        assert client.get(self.url("delete", created)).status_code == 200
        assert client.post(self.url("delete", created)).status_code == 302
        assert not User.objects.filter(pk=created.pk).exists()

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

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> User:
        return make_user(f"api{index}@org{organisation.pk}.test", roles.MEMBER, organisation)

    # The kit expects the auditor to read every record type; users are the hub manager's alone.
    def test_read_only_role_cannot_write(self, personas: Personas) -> None:
        obj = self.make(personas, personas.org_a)
        for persona in (personas.auditor, personas.board):
            client = api_client(persona)
            assert client.get(self.list_url()).status_code == 403
            assert client.get(self.detail_url(obj)).status_code == 403
            assert client.patch(self.detail_url(obj), {"full_name": "X"}, format="json").status_code == 403

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
