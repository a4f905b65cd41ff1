"""Send a signed-in user who still owes a one-time code to the code page."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from consortia.users.signals import OTP_PENDING

EXEMPT_PREFIXES = ("/static/", "/accounts/", "/api/")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(OTP_PENDING) and not request.path.startswith(EXEMPT_PREFIXES):
            user = request.user
            if user.is_authenticated and not user.is_verified():  # type: ignore[union-attr]
                return redirect(reverse("users:two_factor") + "?next=" + request.get_full_path())
        return self.get_response(request)


class SessionIdleMiddleware:
    """End a session after SESSION_COOKIE_AGE seconds without a request.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session on every page (three queries);
    refreshing it at most once every REFRESH seconds gives the same idle timeout to the minute.
    """

    REFRESH = 60
    KEY = "last_seen"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= self.REFRESH:
                session[self.KEY] = now  # marks the session modified, which renews its expiry
        return self.get_response(request)
