"""The one HTTP client the tender feeds use: one request at a time, politely spaced.

Both services limit how fast they may be read. Find a Tender answers 429 or 503 with a
`Retry-After` header (seconds or an HTTP date); we wait that long, up to a cap, and try again.
A wait longer than the cap is not slept through (a cron job should not hang for an hour): it
is reported as `FeedPaused`, the run stops, and the next run starts after the pause. The
sleep function and the clock are injectable so tests take the real code paths without
sleeping; `HttpClient.waits` records every wait the server asked for.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

USER_AGENT = "Consortia/1.0 (tender feed reader for a voluntary-sector consortium hub; one request at a time)"
# Statuses that mean "busy, come back later": 429 and 503 are the ones Find a Tender
# documents; gateways in front of both services also answer 502 and 504 when busy.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
# When a busy answer carries no Retry-After, wait this long before trying again.
DEFAULT_RETRY_SECONDS = 30.0


class FeedError(Exception):
    """A fetch failed; the message is a sentence for the hub manager."""


class BrokenResponse(FeedError):
    """The feed answered, but not with a whole JSON release package (cut short, or HTML)."""


class FeedPaused(FeedError):
    """The feed asked us not to come back until `until`."""

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until


class HttpStatusError(FeedError):
    """The feed answered with an HTTP status we do not retry; the feed decides what it means."""

    def __init__(self, message: str, status: int, body: bytes = b"") -> None:
        super().__init__(message)
        self.status = status
        self.body = body


def retry_after_seconds(value: str | None, now: datetime, default: float = DEFAULT_RETRY_SECONDS) -> float:
    """The wait a `Retry-After` header asks for, in seconds (never negative).

    The header is either a number of seconds or an HTTP date; anything else (or nothing)
    gives `default`.
    """
    if value is None or not value.strip():
        return default
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return default
    if when.tzinfo is None:  # an HTTP date is always GMT, even when it forgets to say so
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def host_of(url: str) -> str:
    """The host name of an address, for messages."""
    return urlsplit(url).netloc or url


@dataclass
class HttpClient:
    """GETs one address at a time, `delay` seconds apart, honouring Retry-After up to `max_wait`."""

    delay: float = field(default_factory=lambda: float(settings.FEED_DELAY_SECONDS))
    max_wait: float = 300.0
    attempts: int = 4
    timeout: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], datetime] = timezone.now
    # Every wait a busy answer asked for (seconds), in order; tests and the summary read it.
    waits: list[float] = field(default_factory=list)
    requests: int = 0
    _delay_due: bool = field(default=False, init=False, repr=False)

    def get(self, url: str) -> bytes:
        """The body of a 200 answer from `url`, after waiting out busy answers.

        Raises `FeedPaused` when the server asks for a longer wait than `max_wait`,
        `HttpStatusError` for another non-200 status, `BrokenResponse` for a body cut short,
        and `FeedError` when the server cannot be reached at all.
        """
        for attempt in range(1, self.attempts + 1):
            if self._delay_due and self.delay > 0:
                self.sleep(self.delay)
            self._delay_due = True
            self.requests += 1
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return bytes(response.read())
            except urllib.error.HTTPError as error:
                status = error.code
                body = _read_quietly(error)
                if status not in RETRY_STATUSES:
                    raise HttpStatusError(
                        f"{host_of(url)} answered {status} {error.reason} for {url}.", status, body
                    ) from None
                now = self.clock()
                wait = retry_after_seconds(error.headers.get("Retry-After"), now)
                if wait > self.max_wait:
                    until = now + timedelta(seconds=wait)
                    raise FeedPaused(
                        f"{host_of(url)} is busy ({status}) and asked us to wait {wait:.0f} seconds; "
                        f"the next run carries on after that.",
                        until,
                    ) from None
                if attempt == self.attempts:
                    raise FeedError(
                        f"{host_of(url)} was still busy ({status}) after {self.attempts} tries; "
                        f"the next run tries again."
                    ) from None
                self.waits.append(wait)
                self.sleep(wait)
                # The wait just served stands in for the polite delay before the retry.
                self._delay_due = False
            except http.client.IncompleteRead:
                raise BrokenResponse(f"The answer from {url} was cut short before its end.") from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
                reason = getattr(error, "reason", error)
                raise FeedError(f"Could not read {url}: {reason}.") from None
        raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


def _read_quietly(error: urllib.error.HTTPError) -> bytes:
    try:
        return bytes(error.read())
    except (OSError, http.client.HTTPException):
        return b""
