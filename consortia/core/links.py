"""Absolute links for e-mails: from the request when there is one, from `SITE_URL` otherwise."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """`path` (from `reverse()`) as a full address a reader can follow from their mailbox.

    A request knows the address the user reached the site at; a command, a background job or a
    service called without one falls back to the `SITE_URL` setting.
    """
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def site_parts(request: HttpRequest | None = None) -> tuple[str, str]:
    """The scheme ("http" or "https") and the rest of the address (host, any port, and any folder
    `SITE_URL` names) that a path from `reverse()` is appended to."""
    if request is not None:
        return ("https" if request.is_secure() else "http"), request.get_host()
    parts = urlsplit(settings.SITE_URL)
    return parts.scheme, parts.netloc + parts.path.rstrip("/")
