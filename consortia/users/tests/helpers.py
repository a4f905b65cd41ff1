"""Signing in through the real pages, and one-time codes computed as an authenticator app would."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from consortia.users.models import User

PASSWORD = "a-long-test-password"  # what consortia.users.testing.make_user gives everyone


def sign_in(client: Client, email: str, password: str = PASSWORD) -> None:
    """Through the login form, so that axes and the sign-in signal see a real request."""
    response = client.post(reverse("users:login"), {"username": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]


def code_for(device: TOTPDevice) -> str:
    """The code the user's app would show now, or the next one if that was used already.

    django-otp refuses a code at or before the last step it accepted (no replays), and accepts
    one step either side of now, so a test signing in twice within 30 seconds uses the next step.
    """
    device.refresh_from_db()
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    return f"{hotp(device.bin_key, max(now, device.last_t + 1), device.digits):0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """A code that no step the device would accept produces."""
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    accepted = {f"{hotp(device.bin_key, t, device.digits):06d}" for t in range(now - 2, now + 3)}
    return next(code for code in ("000000", "111111", "222222", "333333", "444444", "555555") if code not in accepted)


def add_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def verified_client(email: str, device: TOTPDevice) -> Client:
    """Signed in with the password, then with a code from `device`."""
    client = Client()
    sign_in(client, email)
    response = client.post(reverse("users:two_factor"), {"action": "verify", "code": code_for(device)})
    assert response.status_code == 302
    return client
