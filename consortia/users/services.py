"""Named operations on accounts: invitations, API tokens and two-factor authentication."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import django_otp
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from consortia.core.links import site_parts
from consortia.users.forms import InvitationForm
from consortia.users.models import ApiTokenScope, TokenAccess, User
from consortia.users.signals import OTP_PENDING

log = logging.getLogger(__name__)

DEVICE_NAME = "Authenticator app"


# -- invitations ------------------------------------------------------------------------------
def invite_user(user: User, request: HttpRequest | None = None, invited_by: Any = None) -> bool:
    """E-mail a new user a one-time link to choose their password. False when it could not be sent.

    The link is a password-reset link (Django's token: it stops working once used, once the
    password changes, or after PASSWORD_RESET_TIMEOUT), so nobody ever types a password for
    someone else. It is built on the address of `request` when there is one, and on the
    `SITE_URL` setting when there is not (a service called from a command); the invitation names
    `invited_by`, or else the request's user.
    """
    form = InvitationForm({"email": user.email})
    if not user.is_active or not form.is_valid():
        return False
    inviter = invited_by or getattr(request, "user", None)
    protocol, domain = site_parts(request)
    try:
        form.save(
            domain_override=domain,
            use_https=protocol == "https",
            subject_template_name="users/invitation_subject.txt",
            email_template_name="users/invitation_email.txt",
            extra_email_context={
                "site_name": settings.SITE_NAME,
                "invited_by": getattr(inviter, "full_name", "") or "Your hub manager",
                "valid_days": str(max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)),
            },
        )
    except (smtplib.SMTPException, OSError):
        log.exception("Could not send the invitation to user %s", user.pk)
        return False
    return True


# -- API tokens -------------------------------------------------------------------------------
@transaction.atomic
def replace_api_token(user: User, access: str = TokenAccess.READ) -> Token:
    """A new API token for `user`, read only or read and write (`access`); any previous one stops
    working at once."""
    if access not in TokenAccess.values:
        raise ValueError(f"Unknown token access {access!r}.")
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    ApiTokenScope.objects.create(token=token, access=access)
    return token


def revoke_api_token(user: User) -> bool:
    """Delete the user's token (and its scope, with it)."""
    deleted = Token.objects.filter(user=user).delete()[1].get("authtoken.Token", 0)
    return deleted > 0


# -- two-factor authentication ----------------------------------------------------------------
@dataclass
class CodeCheck:
    ok: bool
    throttled_until: datetime | None = None


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user: User) -> TOTPDevice:
    """The device being set up: kept between page loads so the QR code already scanned stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def check_code(device: TOTPDevice, code: str) -> CodeCheck:
    """Verify a code, counting wrong ones: after each, django-otp makes the next wait twice as long."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, details = device.verify_is_allowed()
        if not allowed:
            return CodeCheck(ok=False, throttled_until=(details or {}).get("locked_until"))
        return CodeCheck(ok=device.verify_token(code))


def mark_verified(request: HttpRequest, device: TOTPDevice) -> None:
    """This session has passed the second factor."""
    django_otp.login(request, device)
    request.session[OTP_PENDING] = False


@transaction.atomic
def confirm_device(request: HttpRequest, device: TOTPDevice) -> None:
    """Finish setting up: the device becomes the user's, other half-finished set-ups are dropped."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    mark_verified(request, device)


def two_factor_required(user: Any) -> bool:
    return bool(settings.REQUIRE_STAFF_2FA and user.is_staff_member)


def turn_off_two_factor(request: HttpRequest) -> None:
    TOTPDevice.objects.filter(user=request.user).delete()
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[OTP_PENDING] = False


def reset_two_factor(user: User) -> int:
    """A hub manager clears someone's device (a lost phone); they set it up again at next sign-in."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    return deleted


def seconds_until(moment: datetime | None) -> int:
    if moment is None:
        return 1
    return max(1, int((moment - timezone.now()).total_seconds() + 0.999))
