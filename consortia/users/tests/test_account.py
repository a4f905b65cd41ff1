"""My account: details, password change, and the API token shown once."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from consortia.users import roles
from consortia.users.testing import Personas
from consortia.users.tests.helpers import PASSWORD, add_device, sign_in, verified_client

ACCOUNT = "/accounts/account/"
TOKEN = "/accounts/account/api-token/"


def test_account_page_shows_who_i_am(personas: Personas, client_for: Any) -> None:
    page = client_for(personas.member_a).get(ACCOUNT).content.decode()
    for text in ("user@alpha.test", "Alpha Advice Centre", roles.MEMBER, "Change your password", "Off."):
        assert text in page, text
    assert "You do not have a token" in page

    device = add_device(personas.bid_writer)
    page = verified_client(personas.bid_writer.email, device).get(ACCOUNT).content.decode()
    assert "Member organisation" not in page  # hub staff belong to no member organisation
    assert "On: you type a code" in page


def test_creating_a_token_shows_the_key_once(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    response = client.post(TOKEN, {"action": "create"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = Token.objects.get(user=personas.manager)
    page = response.content.decode()
    assert token.key in page
    assert "Copy your new token now" in page

    page = client.get(ACCOUNT).content.decode()
    assert token.key not in page
    assert "You have a token" in page

    # The key works for the API, as this user.
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/users/").status_code == 200


def test_creating_again_replaces_the_old_token(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    client.post(TOKEN, {"action": "create"})
    old = Token.objects.get(user=personas.manager).key
    client.post(TOKEN, {"action": "create"})
    assert list(Token.objects.filter(user=personas.manager).values_list("key", flat=True)) != [old]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert api.get("/api/users/").status_code == 401


def test_revoking_deletes_the_token(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    Token.objects.create(user=personas.manager)
    response = client.post(TOKEN, {"action": "revoke"}, follow=True)
    assert "Your API token has been revoked" in response.content.decode()
    assert not Token.objects.filter(user=personas.manager).exists()
    response = client.post(TOKEN, {"action": "revoke"}, follow=True)
    assert "nothing to revoke" in response.content.decode()


def test_only_a_post_changes_the_token(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    token = Token.objects.create(user=personas.manager)
    assert client.get(TOKEN, {"action": "create"}).status_code == 405
    assert client.get(TOKEN, {"action": "revoke"}).status_code == 405
    assert client.get(ACCOUNT).status_code == 200
    assert list(Token.objects.filter(user=personas.manager)) == [token]
    assert client.post(TOKEN, {"action": "something-else"}).status_code == 400
    assert Token.objects.filter(pk=token.pk).exists()


def test_account_pages_need_sign_in(db: None) -> None:
    client = Client()
    for url in (ACCOUNT, TOKEN, "/accounts/password/", "/accounts/two-factor/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
    assert client.post(TOKEN, {"action": "create"}).status_code == 302
    assert not Token.objects.exists()


def test_changing_the_password(personas: Personas) -> None:
    client = Client()
    sign_in(client, personas.board.email)
    assert "Your current password" in client.get("/accounts/password/").content.decode()
    response = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": "river stone lantern", "new_password2": "river stone lantern"},
    )
    assert "Your old password was entered incorrectly" in response.content.decode()
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "river stone lantern", "new_password2": "river stone lantern"},
    )
    assert response["Location"] == reverse("users:password_change_done")
    assert client.get("/").status_code == 200  # still signed in on this device
    sign_in(Client(), personas.board.email, "river stone lantern")
