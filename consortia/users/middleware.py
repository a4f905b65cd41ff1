"""Send a signed-in user who still owes a one-time code to the code page."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from consortia.users.signals import OTP_PENDING

# The pages someone who still owes a code may reach: signing in and out, the code page itself,
# and resetting a forgotten password. Everything else, account and API token pages included,
# waits for the code (a path prefix such as /accounts/ would let them mint an API token).
EXEMPT_VIEWS = frozenset(
    {
        "users:login",
        "users:logout",
        "users:two_factor",
        "users:password_reset",
        "users:password_reset_done",
        "users:password_reset_confirm",
        "users:password_reset_complete",
    }
)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        session = getattr(request, "session", None)
        if session is None or not session.get(OTP_PENDING):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        user = request.user
        if user.is_authenticated and not user.is_verified():  # type: ignore[union-attr,attr-defined]
            return redirect(reverse("users:two_factor") + "?" + urlencode({"next": request.get_full_path()}))
        return None


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
