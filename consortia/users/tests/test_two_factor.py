"""Two-factor authentication: set-up, the code at sign-in, switching off, throttling, staff rule."""

from __future__ import annotations

import re
from base64 import b32encode
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from consortia.users.testing import Personas
from consortia.users.tests.helpers import add_device, code_for, sign_in, verified_client, wrong_code

TWO_FACTOR = "/accounts/two-factor/"


def test_set_up_then_sign_in_again_with_a_code(personas: Personas) -> None:
    user = personas.bid_writer
    client = Client()
    sign_in(client, user.email)

    page = client.get(TWO_FACTOR).content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert device.name == "Authenticator app"
    secret = b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] + " " + secret[4:8] in page  # typed in groups of four
    assert '<svg role="img" aria-label="QR code' in page
    assert "otpauth://" not in page  # the secret goes into the QR code, not into any link
    assert client.get(TWO_FACTOR).status_code == 200
    assert TOTPDevice.objects.filter(user=user).count() == 1  # reloading keeps the same secret

    response = client.post(TWO_FACTOR, {"action": "confirm", "code": code_for(device)}, follow=True)
    assert "Two-factor authentication is on" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed

    client.post(reverse("users:logout"))
    sign_in(client, user.email)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == TWO_FACTOR + "?next=%2F"
    assert "type the six-digit code" in client.get(response["Location"]).content.decode()

    response = client.post(TWO_FACTOR, {"action": "verify", "code": code_for(device), "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_set_up_code_must_be_right(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.bid_writer)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=personas.bid_writer)
    response = client.post(TWO_FACTOR, {"action": "confirm", "code": wrong_code(device)})
    assert "That code is not right" in response.content.decode()
    response = client.post(TWO_FACTOR, {"action": "confirm", "code": "12345"})
    assert "Type the six digits your app shows" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_code_with_a_space_is_accepted(personas: Personas) -> None:
    device = add_device(personas.bid_writer)
    client = Client()
    sign_in(client, personas.bid_writer.email)
    code = code_for(device)
    response = client.post(TWO_FACTOR, {"action": "verify", "code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_wrong_codes_are_throttled(personas: Personas, settings: Any) -> None:
    # A long back-off so that the second attempt always lands inside it, however slow the machine.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = add_device(personas.bid_writer)
    client = Client()
    sign_in(client, personas.bid_writer.email)
    first = client.post(TWO_FACTOR, {"action": "verify", "code": wrong_code(device)}).content.decode()
    assert "That code is not right" in first
    second = client.post(TWO_FACTOR, {"action": "verify", "code": code_for(device)}).content.decode()
    assert re.search(r"Too many wrong codes\. Wait (59|60) seconds, then try again\.", second)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # a throttled attempt is not even checked
    assert client.get("/").status_code == 302  # still not through


def test_next_must_stay_on_this_site(personas: Personas) -> None:
    device = add_device(personas.bid_writer)
    client = Client()
    sign_in(client, personas.bid_writer.email)
    response = client.post(TWO_FACTOR, {"action": "verify", "code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("core:home")


def test_next_keeps_its_query_string(personas: Personas) -> None:
    add_device(personas.manager)
    client = Client()
    sign_in(client, personas.manager.email)
    response = client.get("/accounts/users/?q=user&is_active=true")
    assert response["Location"] == TWO_FACTOR + "?next=%2Faccounts%2Fusers%2F%3Fq%3Duser%26is_active%3Dtrue"


def test_owing_a_code_blocks_account_token_and_api(personas: Personas) -> None:
    add_device(personas.manager)
    client = Client()
    sign_in(client, personas.manager.email)
    for url in ("/accounts/account/", "/accounts/users/", "/api/users/", "/accounts/password/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(TWO_FACTOR), url
    assert client.post("/accounts/account/api-token/", {"action": "create"}).status_code == 302
    assert not Token.objects.filter(user=personas.manager).exists()
    # Signing out and resetting a forgotten password stay open.
    assert client.get("/accounts/password-reset/").status_code == 200
    assert client.post(reverse("users:logout")).status_code == 302


def test_turn_off_needs_a_current_code(personas: Personas) -> None:
    device = add_device(personas.bid_writer)
    client = verified_client(personas.bid_writer.email, device)
    page = client.get(TWO_FACTOR).content.decode()
    assert "Two-factor authentication is on for your account" in page

    response = client.post(TWO_FACTOR, {"action": "turn_off", "code": wrong_code(device)})
    assert "That code is not right" in response.content.decode()
    assert TOTPDevice.objects.filter(user=personas.bid_writer).exists()

    device.refresh_from_db()
    device.throttle_reset()  # the wrong code made the next attempt wait a second
    response = client.post(TWO_FACTOR, {"action": "turn_off", "code": code_for(device)}, follow=True)
    assert "Two-factor authentication is off" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=personas.bid_writer, confirmed=True).exists()
    assert client.get("/").status_code == 200


def test_staff_cannot_turn_it_off_when_the_hub_requires_it(personas: Personas, settings: Any) -> None:
    settings.REQUIRE_STAFF_2FA = True
    device = add_device(personas.bid_writer)
    client = verified_client(personas.bid_writer.email, device)
    assert "it cannot be switched off" in client.get(TWO_FACTOR).content.decode()
    response = client.post(TWO_FACTOR, {"action": "turn_off", "code": code_for(device)})
    assert "is required for hub staff, so it cannot be switched off" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_form_from_another_state_does_nothing(personas: Personas) -> None:
    device = add_device(personas.bid_writer)
    client = verified_client(personas.bid_writer.email, device)
    # A set-up form left open in another tab must not switch two-factor authentication off.
    response = client.post(TWO_FACTOR, {"action": "confirm", "code": code_for(device)})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


def test_required_for_staff_sends_them_to_set_up(personas: Personas, settings: Any) -> None:
    settings.REQUIRE_STAFF_2FA = True
    client = Client()
    sign_in(client, personas.board.email)
    response = client.get("/")
    assert response["Location"] == TWO_FACTOR + "?next=%2F"
    page = client.get(response["Location"]).content.decode()
    assert "requires two-factor authentication for hub staff" in page

    device = TOTPDevice.objects.get(user=personas.board)
    response = client.post(TWO_FACTOR, {"action": "confirm", "code": code_for(device), "next": "/"})
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("required", [False, True])
def test_member_users_are_not_forced(personas: Personas, settings: Any, required: bool) -> None:
    settings.REQUIRE_STAFF_2FA = required
    client = Client()
    sign_in(client, personas.member_a.email)
    response = client.get("/")
    assert response["Location"] == reverse("portal:home")
    assert client.get(response["Location"]).status_code == 200


def test_staff_without_a_device_are_not_forced_by_default(personas: Personas) -> None:
    client = Client()
    sign_in(client, personas.bid_writer.email)
    assert client.get("/").status_code == 200


def test_hub_manager_resets_a_lost_phone(personas: Personas, client_for: Any) -> None:
    device = add_device(personas.bid_writer)
    url = reverse("users:user_reset_two_factor", args=[personas.bid_writer.pk])
    assert client_for(personas.board).post(url).status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    manager = client_for(personas.manager)
    page = manager.get(personas.bid_writer.get_absolute_url()).content.decode()
    assert "Reset two-factor authentication" in page
    assert manager.get(url).status_code == 405  # only a POST changes anything
    response = manager.post(url, follow=True)
    assert "Two-factor authentication has been reset for Bids" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=personas.bid_writer).exists()

    # They sign in with their password alone, and can set it up again.
    client = Client()
    sign_in(client, personas.bid_writer.email)
    assert client.get("/").status_code == 200
