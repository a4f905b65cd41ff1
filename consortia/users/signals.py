"""Sign-in bookkeeping: when someone last signed in, and whether this session owes a second factor."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone
from django_otp import user_has_device

OTP_PENDING = "otp_pending"


@receiver(user_logged_in, dispatch_uid="consortia.users.otp_pending")
def remember_second_factor(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Decide once, at sign-in, whether the session needs a one-time code (saves a query a page)."""
    if request is None or not hasattr(request, "session"):
        return
    required = user_has_device(user) or (settings.REQUIRE_STAFF_2FA and user.is_staff_member)
    request.session[OTP_PENDING] = bool(required)


@receiver(user_logged_in, dispatch_uid="consortia.users.last_login")
def record_last_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Django's update_last_login (disconnected in apps.py) without its save(): a save writes a
    history row, and signing in is not a change to the account."""
    user.last_login = timezone.now()
    type(user)._default_manager.filter(pk=user.pk).update(last_login=user.last_login)
