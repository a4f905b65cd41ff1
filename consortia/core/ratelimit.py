"""Rate limits for the pages anyone can reach or that make secrets: fixed-window counters in
Django's cache, keyed by the client's address and, where the request names one, the e-mail
address or the user.

A view is wrapped with `rate_limit(scope, setting, identity=...)`. Each attempt adds one to a
counter per key for the current window (`cache.add` then `cache.incr`, so several processes
sharing the cache count together); when any counter is over the limit the view is not called,
so nothing is written, and the answer is 429 with a plain-English page and `Retry-After`.

A limit is a setting such as `RATE_LIMIT_PASSWORD_RESET = "5/hour"` (a number, a slash, then
second, minute, hour or day); "off" or an empty value switches that limit off. Settings are read
at each request, so a changed setting takes effect without a restart of this module.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import render_to_string

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
OFF = {"", "0", "off", "none"}

View = Callable[..., HttpResponseBase]


@dataclass(frozen=True)
class Rate:
    """At most `count` attempts in each window of `seconds`."""

    count: int
    seconds: int


def parse_rate(value: str) -> Rate | None:
    """'5/hour' → Rate(5, 3600); 'off' or '' → None (no limit). Plurals ('5/hours') are accepted."""
    text = value.strip().lower()
    if text in OFF:
        return None
    count, _, unit = text.partition("/")
    seconds = UNITS.get(unit.strip().removesuffix("s"))
    if not count.strip().isdigit() or seconds is None or int(count) < 1:
        raise ImproperlyConfigured(
            f"A rate limit is written as a number, a slash and second, minute, hour or day, such as "
            f"“5/hour”, or “off”; found {value!r}."
        )
    return Rate(int(count), seconds)


def client_ip(request: HttpRequest) -> str:
    """The address the request came from: REMOTE_ADDR, or, only when the site is behind a proxy
    we run (BEHIND_PROXY), the first address in X-Forwarded-For, which that proxy sets. Without
    a proxy the header is whatever the client chose to send, so it is ignored."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if getattr(settings, "BEHIND_PROXY", False):
        first = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
        try:
            return str(ipaddress.ip_address(first))
        except ValueError:
            return remote
    return remote


def _key(scope: str, kind: str, value: str, window: int) -> str:
    # Hashed: no e-mail address or IP address sits readable in the cache, and any character
    # is safe in a key whatever the cache backend.
    digest = hashlib.sha256(f"{scope}\0{kind}\0{value}".encode()).hexdigest()[:32]
    # The test suite gives each test its own prefix: the cache outlasts a test.
    prefix = getattr(settings, "RATE_LIMIT_KEY_PREFIX", "")
    return f"ratelimit:{prefix}:{scope}:{kind}:{digest}:{window}"


def _count(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr: this is the window's first hit
        cache.add(key, 1, timeout=timeout)
        return 1


def hit(scope: str, rate: Rate, keys: dict[str, str], now: float | None = None) -> int:
    """Count one attempt under each of `keys` ({"ip": "203.0.113.9", "email": "…"}); the seconds
    to wait when any of them is over the limit, else 0."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    wait = math.ceil((window + 1) * rate.seconds - now)
    over = False
    for kind, value in keys.items():
        if value:
            over |= _count(_key(scope, kind, value, window), rate.seconds + 1) > rate.count
    return max(1, wait) if over else 0


def too_many_requests(request: HttpRequest, wait_seconds: int) -> HttpResponse:
    """429 with the page saying how long to wait, and Retry-After for programs."""
    minutes = max(1, math.ceil(wait_seconds / 60))
    body = render_to_string("429.html", {"minutes": minutes}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(wait_seconds)
    response["Cache-Control"] = "no-store"
    return response


def posted(request: HttpRequest) -> bool:
    return request.method == "POST"


def rate_limit(
    scope: str,
    setting: str,
    identity: Callable[[HttpRequest], str] | None = None,
    applies: Callable[[HttpRequest], bool] = posted,
) -> Callable[[View], View]:
    """Limit a view to the rate in `setting`, counted per client address and per `identity(request)`
    (an e-mail address or a user id; ignored when empty), for requests where `applies(request)`
    (by default: POSTs; pages that only show a form are never limited)."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            rate = parse_rate(str(getattr(settings, setting, "")))
            if rate is not None and applies(request):
                keys = {"ip": client_ip(request)}
                if identity is not None:
                    keys["id"] = identity(request).strip().lower()
                wait = hit(scope, rate, keys)
                if wait:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return limited

    return decorate


def posted_field(name: str) -> Callable[[HttpRequest], str]:
    """An identity read from a posted field (the e-mail address typed into a form)."""

    def read(request: HttpRequest) -> str:
        return str(request.POST.get(name, ""))[:254]

    return read


def signed_in_user(request: HttpRequest) -> str:
    """An identity for pages behind sign-in: the user, whatever address they come from."""
    user = getattr(request, "user", None)
    return f"user:{user.pk}" if user is not None and user.is_authenticated else ""
