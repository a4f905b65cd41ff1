"""API tokens are read only or read and write, chosen on the account page; a read-only token is
refused anything that would change a record; revoking removes the token and its scope."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from consortia.directory.models import Organisation
from consortia.users.models import ApiTokenScope, TokenAccess
from consortia.users.testing import Personas

ACCOUNT = "/accounts/account/"
TOKEN = "/accounts/account/api-token/"


def create_token(client: Client, **data: str) -> tuple[Token, str]:
    response = client.post(TOKEN, {"action": "create", **data})
    assert response.status_code == 200
    token = Token.objects.select_related("scope").get()
    return token, response.content.decode()


def api_as(token: Token) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


@pytest.fixture
def manager(personas: Personas, client_for: Any) -> Client:
    return client_for(personas.manager)


def test_the_account_page_offers_the_choice_read_only_first(manager: Client) -> None:
    page = manager.get(ACCOUNT).content.decode()
    assert 'name="access" id="access-read" value="read" checked' in page
    assert 'value="write"' in page
    assert "Read and write: also add, change and delete records" in page


def test_a_read_only_token_reads_but_changes_nothing(personas: Personas, manager: Client) -> None:
    token, _ = create_token(manager, access="read")
    assert token.scope.access == TokenAccess.READ
    organisation = personas.org_a
    name = organisation.name
    url = f"/api/organisations/{organisation.pk}/"
    api = api_as(token)
    assert api.get(url).status_code == 200
    assert api.options(url).status_code == 200

    for method, data in (
        ("post", {"name": "Made by a read-only token"}),
        ("put", {"name": "Renamed"}),
        ("patch", {"name": "Renamed"}),
        ("delete", None),
    ):
        response = getattr(api, method)(url if method != "post" else "/api/organisations/", data, format="json")
        assert response.status_code == 403, method
        assert "This API token is read only, so it cannot add, change or delete records." in response.json()["detail"]
    organisation.refresh_from_db()
    assert organisation.name == name
    assert not Organisation.objects.filter(name="Made by a read-only token").exists()


def test_a_read_and_write_token_changes_records(personas: Personas, manager: Client) -> None:
    token, _ = create_token(manager, access="write")
    assert token.scope.access == TokenAccess.WRITE
    url = f"/api/organisations/{personas.org_a.pk}/"
    response = api_as(token).patch(url, {"name": "Alpha Advice (renamed)"}, format="json")
    assert response.status_code == 200, response.content
    personas.org_a.refresh_from_db()
    assert personas.org_a.name == "Alpha Advice (renamed)"


def test_the_roles_still_decide_what_a_write_token_may_change(personas: Personas, client_for: Any) -> None:
    token, _ = create_token(client_for(personas.board), access="write")  # the board reads everything
    response = api_as(token).patch(f"/api/organisations/{personas.org_a.pk}/", {"name": "X"}, format="json")
    assert response.status_code == 403
    assert "read only" not in response.json()["detail"]


def test_the_page_shows_the_scope_and_date_but_never_the_key_again(manager: Client) -> None:
    token, created_page = create_token(manager, access="write")
    assert token.key in created_page  # once, in the response that made it
    page = manager.get(ACCOUNT).content.decode()
    assert token.key not in page
    assert "Read and write" in page
    assert timezone.localtime(token.created).strftime("%d/%m/%Y") in page

    replaced, replaced_page = create_token(manager, access="read")
    assert token.key not in replaced_page  # the old key is gone for good
    page = manager.get(ACCOUNT).content.decode()
    assert replaced.key not in page
    assert '<dd class="col-sm-8">Read only</dd>' in page


def test_revoking_deletes_the_token_and_its_scope(manager: Client) -> None:
    token, _ = create_token(manager, access="write")
    assert manager.post(TOKEN, {"action": "revoke"}).status_code == 302
    assert not Token.objects.exists()
    assert not ApiTokenScope.objects.exists()
    assert api_as(token).get("/api/organisations/").status_code == 401


def test_replacing_leaves_one_scope_for_the_new_token(manager: Client) -> None:
    create_token(manager, access="write")
    token, _ = create_token(manager, access="read")
    assert list(ApiTokenScope.objects.values_list("token_id", "access")) == [(token.key, "read")]


def test_a_token_without_a_choice_is_read_only_and_an_unknown_one_is_refused(manager: Client) -> None:
    token, _ = create_token(manager)  # a form posted without the choice
    assert token.scope.access == TokenAccess.READ
    assert manager.post(TOKEN, {"action": "create", "access": "admin"}).status_code == 400
    assert Token.objects.get().key == token.key  # unchanged


def test_a_token_made_before_scopes_keeps_reading_and_writing(personas: Personas, manager: Client) -> None:
    token = Token.objects.create(user=personas.manager)
    assert "made before tokens had a choice" in manager.get(ACCOUNT).content.decode()
    response = api_as(token).patch(f"/api/organisations/{personas.org_a.pk}/", {"name": "Old token"}, format="json")
    assert response.status_code == 200


def test_a_wrong_token_is_still_401_with_the_challenge(db: None) -> None:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    response = api.post("/api/organisations/", {"name": "X"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
