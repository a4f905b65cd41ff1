"""Reading a feed from where it last stopped, one committed page at a time.

A feed is read in windows of time (at most the feed's `window` long) from
`FeedState.window_start` up to now; within a window, page after page through `links.next`.
`FeedState.cursor` always holds the address of the next page to read, and it moves on in the
same transaction that stores the page's releases, so a run stopped at any moment (an error,
a pause the feed asked for, `--max-pages`, a killed process) resumes at the first page not yet
stored: no release is missed and none is stored twice. A page that is not a whole release
package leaves the cursor where it is; the next run asks for that page again.

Runs of one feed never overlap: a run holds the feed while its `IngestRun` is "running"; a
running run that has shown no sign of life for `STALE_AFTER` is taken to have died.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from consortia.opportunities.choices import RunStatus
from consortia.opportunities.feeds.http import BrokenResponse, FeedError, FeedPaused, HttpClient, HttpStatusError
from consortia.opportunities.feeds.sources import Feed
from consortia.opportunities.ingest import Ingester
from consortia.opportunities.models import FeedState, IngestRun

# A running fetch that has stored nothing for this long is taken to have died (a killed process).
STALE_AFTER = timedelta(minutes=30)
# Releases of the last few minutes may not all be visible in the feed yet; leave them to the next run.
SETTLE = timedelta(minutes=5)


@dataclass
class FetchOutcome:
    """What one run of one feed did, for the command's summary and for tests."""

    feed: Feed
    pages: int = 0
    releases_new: int = 0
    releases_duplicate: int = 0
    notices_created: int = 0
    notices_updated: int = 0
    run: IngestRun | None = None
    error: str = ""
    paused_until: datetime | None = None
    skipped: str = ""
    read_up_to: datetime | None = None
    caught_up: bool = False
    page_limit_reached: bool = False

    @property
    def failed(self) -> bool:
        """True when the run stopped on an error (a pause the feed asked for is not one)."""
        return bool(self.error) and self.paused_until is None

    def summary(self) -> str:
        """The run in a few plain sentences."""
        name = self.feed.name
        if self.skipped:
            return f"{name}: {self.skipped}"
        text = (
            f"{name}: read {_plural(self.pages, 'page')}; "
            f"{_plural(self.releases_new, 'new release')}, {self.releases_duplicate} already held; "
            f"{_plural(self.notices_created, 'notice')} added, {self.notices_updated} updated."
        )
        if self.caught_up and self.read_up_to:
            text += f" Up to date to {_when(self.read_up_to)}."
        elif self.page_limit_reached:
            text += " Stopped at the page limit; the next run carries on from there."
        if self.paused_until:
            text += f" Paused until {_when(self.paused_until)}: {self.error}"
        elif self.error:
            text += f" Stopped by an error: {self.error}"
        return text


def fetch_feed(
    feed: Feed,
    *,
    client: HttpClient | None = None,
    until: datetime | None = None,
    max_pages: int | None = None,
    user: Any = None,
    clock: Callable[[], datetime] = timezone.now,
) -> FetchOutcome:
    """Read `feed` from where it stopped up to `until` (default: a few minutes ago).

    Stops after `max_pages` pages when given. Never raises for the feed's own failures: they
    are recorded in `FeedState.last_error` (and `paused_until` when the feed asked us to wait)
    and returned in the outcome.
    """
    client = client or HttpClient(clock=clock)
    now = clock()
    until = (until or now - SETTLE).replace(microsecond=0)
    outcome = FetchOutcome(feed=feed)
    claimed = _claim(feed, now, user)
    if isinstance(claimed, str):
        outcome.skipped = claimed
        return outcome
    state, ingester = claimed
    try:
        _read_pages(feed, state, ingester, client, until, max_pages, clock, outcome)
    except FeedPaused as pause:
        outcome.error, outcome.paused_until = str(pause), pause.until
        state.paused_until, state.last_error = pause.until, str(pause)
        state.save(update_fields=["paused_until", "last_error"])
    except FeedError as error:
        outcome.error = str(error)
        state.last_error = str(error)
        state.save(update_fields=["last_error"])
    except BaseException:
        # Ctrl-C or a kill: the place is already saved; record why the run ended, then stop.
        outcome.error = "The fetch was interrupted; the next run carries on from the last page stored."
        raise
    finally:
        outcome.run = _finish(ingester, outcome)
        outcome.read_up_to = state.window_start
    return outcome


def parse_package(body: bytes, url: str) -> dict[str, Any]:
    """The release package in a page's body, or `BrokenResponse` saying what is wrong with it."""
    try:
        package = json.loads(body)
    except UnicodeDecodeError:
        raise BrokenResponse(f"The page {url} is not text we can read.") from None
    except json.JSONDecodeError as error:
        raise BrokenResponse(
            f"The page {url} is not whole JSON ({error.msg} at character {error.pos} of {len(body)}); "
            "the next run asks for it again."
        ) from None
    if not isinstance(package, dict) or not isinstance(package.get("releases"), list):
        raise BrokenResponse(f"The page {url} is not a release package (it has no list of releases).")
    return package


def _claim(feed: Feed, now: datetime, user: Any) -> tuple[FeedState, Ingester] | str:
    """Take the feed for this run, or say why not (paused, or another run is reading it)."""
    # The row lock (a write lock on SQLite) makes check-then-start one step, so two runs
    # started together cannot both find the feed free.
    with transaction.atomic():
        state, _ = FeedState.objects.select_for_update().get_or_create(source=feed.source)
        if state.paused_until and state.paused_until > now:
            return f"skipped: the feed asked us to wait until {_when(state.paused_until)}."
        for run in IngestRun.objects.filter(source=feed.source, status=RunStatus.RUNNING):
            last_sign = max(run.started, state.last_success or run.started)
            if now - last_sign < STALE_AFTER:
                return f"skipped: another fetch, started {_when(run.started)}, is still running."
            run.status, run.finished = RunStatus.FAILED, now
            run.messages = _lines(run.messages, "Stopped without finishing (the process ended unexpectedly).")
            run.save(update_fields=["status", "finished", "messages"])
        state.paused_until = None
        if state.window_start is None:
            state.window_start = (now - timedelta(days=settings.FEED_START)).replace(microsecond=0)
        state.save()
        ingester = Ingester(feed.source, user=user, files=[feed.base_url])
    return state, ingester


def _read_pages(
    feed: Feed,
    state: FeedState,
    ingester: Ingester,
    client: HttpClient,
    until: datetime,
    max_pages: int | None,
    clock: Callable[[], datetime],
    outcome: FetchOutcome,
) -> None:
    while True:
        if not state.cursor:
            start = state.window_start
            assert start is not None  # set when the feed was claimed
            if start >= until:
                outcome.caught_up = True
                return
            state.window_end = min(start + feed.window, until)
            state.cursor = feed.first_page_url(start, state.window_end)
            state.save(update_fields=["window_end", "cursor"])
        if max_pages is not None and outcome.pages >= max_pages:
            outcome.page_limit_reached = True
            return
        url = state.cursor
        try:
            body = client.get(url)
        except HttpStatusError as error:
            raise feed.interpret(error, clock()) from None
        package = parse_package(body, url)
        next_url = feed.next_url(package, url)
        # The page's releases and the cursor past it are stored together or not at all.
        with transaction.atomic():
            result = ingester.add_package_bytes(body, url)
            if result.committed:
                if next_url:
                    state.cursor = next_url
                else:
                    state.window_start, state.window_end, state.cursor = state.window_end or until, None, ""
                state.last_success, state.last_error = clock(), ""
                state.save(update_fields=["cursor", "window_start", "window_end", "last_success", "last_error"])
        if not result.committed:
            raise FeedError(f"The page {url} was refused: {result.message} The next run tries it again.")
        outcome.pages += 1
        outcome.releases_new += result.releases_new
        outcome.releases_duplicate += result.releases_duplicate
        outcome.notices_created += result.notices_created
        outcome.notices_updated += result.notices_updated


def _finish(ingester: Ingester, outcome: FetchOutcome) -> IngestRun:
    run = ingester.finish()
    if outcome.error:
        run.messages = _lines(run.messages, outcome.error)
        fields = ["messages"]
        if outcome.failed:
            run.status = RunStatus.FAILED
            fields.append("status")
        run.save(update_fields=fields)
    return run


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}"
