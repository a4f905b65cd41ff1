"""Send a signed-in user who still owes a one-time code to the code page."""

from __future__ import annotations

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
