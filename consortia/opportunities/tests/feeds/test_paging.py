"""Reading a feed page by page and window by window, and carrying on after an interruption."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from consortia.opportunities.choices import RunStatus, Source
from consortia.opportunities.feeds import fetch_feed
from consortia.opportunities.models import FeedState, IngestRun, Release
from consortia.opportunities.tests.feeds.conftest import (
    CF_FILES,
    FTS_SAMPLE,
    OCDS_STAGES,
    T0,
    cursor_token,
    start_at,
)

pytestmark = pytest.mark.django_db

API_DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")  # the 19-character form the APIs document


def window_bounds(query: dict[str, str], from_param: str, to_param: str) -> tuple[datetime, datetime]:
    assert API_DATE.match(query[from_param]), query
    assert API_DATE.match(query[to_param]), query
    return (datetime.fromisoformat(query[from_param]), datetime.fromisoformat(query[to_param]))


def test_three_pages_are_read_through_links_next(fts_server, client):
    fts_server.chain([FTS_SAMPLE, OCDS_STAGES[1], OCDS_STAGES[3]])
    start_at(Source.FIND_A_TENDER)

    outcome = fetch_feed(fts_server.feed(), client=client, until=T0 + timedelta(hours=3))

    assert not outcome.error
    assert outcome.pages == 3
    assert outcome.releases_new == 3 == fts_server.releases_served
    assert Release.objects.count() == 3
    first, second, third = fts_server.requests
    assert first == {"updatedFrom": "2026-11-25T00:00:00", "updatedTo": "2026-11-25T03:00:00", "limit": "100"}
    assert second == {"cursor": cursor_token(1)}
    assert third == {"cursor": cursor_token(2)}
    state = FeedState.objects.get(source=Source.FIND_A_TENDER)
    assert (state.window_start, state.window_end, state.cursor) == (T0 + timedelta(hours=3), None, "")
    assert state.last_success is not None
    assert outcome.run.status == RunStatus.DONE
    assert "3 new releases" in outcome.summary()


def test_requests_name_consortia_and_ask_for_json(fts_server, client):
    fts_server.chain([FTS_SAMPLE])
    start_at(Source.FIND_A_TENDER)

    fetch_feed(fts_server.feed(), client=client, until=T0 + timedelta(hours=1))

    request, _ = fts_server.httpserver.log[0]
    assert "Consortia" in request.headers["User-Agent"]
    assert request.headers["Accept"] == "application/json"


def test_windows_advance_six_hours_at_most_up_to_until(fts_server, client):
    # One real package as the only page of each window.
    for hours, path in zip((0, 6, 12), OCDS_STAGES, strict=False):
        fts_server.windows[f"2026-11-25T{hours:02d}:00:00"] = fts_server.chain([path]).pop()
    start_at(Source.FIND_A_TENDER)

    outcome = fetch_feed(fts_server.feed(), client=client, until=T0 + timedelta(hours=15, minutes=30))

    windows = [window_bounds(query, "updatedFrom", "updatedTo") for query in fts_server.requests]
    assert [(start.isoformat(), end.isoformat()) for start, end in windows] == [
        ("2026-11-25T00:00:00", "2026-11-25T06:00:00"),
        ("2026-11-25T06:00:00", "2026-11-25T12:00:00"),
        ("2026-11-25T12:00:00", "2026-11-25T15:30:00"),
    ]
    assert all(end - start <= timedelta(hours=6) for start, end in windows)
    assert all(query["limit"] == "100" for query in fts_server.requests)
    assert outcome.caught_up
    assert Release.objects.count() == 3
    assert FeedState.objects.get(source=Source.FIND_A_TENDER).window_start == T0 + timedelta(hours=15, minutes=30)


def test_the_first_run_reaches_back_feed_start_days(fts_server, client, settings):
    settings.FEED_START = 1
    fts_server.chain([FTS_SAMPLE])
    now = datetime(2026, 11, 26, 12, 0, 30, 123456, tzinfo=UTC)

    outcome = fetch_feed(fts_server.feed(), client=client, clock=lambda: now)

    windows = [window_bounds(query, "updatedFrom", "updatedTo") for query in fts_server.requests]
    # A day back, in 6-hour windows, to the second; the last few minutes are left for the next run.
    assert [(start.isoformat(), end.isoformat()) for start, end in windows] == [
        ("2026-11-25T12:00:30", "2026-11-25T18:00:30"),
        ("2026-11-25T18:00:30", "2026-11-26T00:00:30"),
        ("2026-11-26T00:00:30", "2026-11-26T06:00:30"),
        ("2026-11-26T06:00:30", "2026-11-26T11:55:30"),
    ]
    assert outcome.caught_up
    assert (outcome.releases_new, outcome.releases_duplicate) == (1, 3)


def test_contracts_finder_uses_published_from_and_to(cf_server, client):
    cf_server.chain(CF_FILES)
    start_at(Source.CONTRACTS_FINDER)

    outcome = fetch_feed(cf_server.feed(), client=client, until=T0 + timedelta(hours=8))

    first_window = cf_server.requests[0]
    assert first_window == {
        "publishedFrom": "2026-11-25T00:00:00",
        "publishedTo": "2026-11-25T06:00:00",
        "limit": "100",
    }
    assert cf_server.requests[1] == {"cursor": cursor_token(1)}
    # The second window's first page is the same chain again: every release already held.
    assert window_bounds(cf_server.requests[2], "publishedFrom", "publishedTo") == (
        datetime(2026, 11, 25, 6),
        datetime(2026, 11, 25, 8),
    )
    assert Release.objects.count() == 2 == len(CF_FILES)
    assert outcome.releases_new == 2
    assert outcome.releases_duplicate == 2
    assert set(Release.objects.values_list("source", flat=True)) == {Source.CONTRACTS_FINDER}


def test_max_pages_stops_and_the_next_run_resumes_at_the_next_page(fts_server, client):
    fts_server.chain([FTS_SAMPLE, OCDS_STAGES[1], OCDS_STAGES[3]])
    start_at(Source.FIND_A_TENDER)
    until = T0 + timedelta(hours=3)

    first = fetch_feed(fts_server.feed(), client=client, until=until, max_pages=1)

    assert first.pages == 1
    assert first.page_limit_reached
    assert not first.error
    state = FeedState.objects.get(source=Source.FIND_A_TENDER)
    assert state.cursor == fts_server.url(cursor_token(1))
    assert state.window_start == T0
    assert state.window_end == until
    assert Release.objects.count() == 1

    second = fetch_feed(fts_server.feed(), client=client, until=until)

    assert [query.get("cursor") for query in fts_server.requests] == [None, cursor_token(1), cursor_token(2)]
    assert second.pages == 2
    assert second.releases_new == 2
    assert second.releases_duplicate == 0
    assert Release.objects.count() == 3 == fts_server.releases_served


def test_an_interrupted_run_resumes_without_missing_or_repeating_a_release(fts_server, sleeper):
    from consortia.opportunities.feeds import HttpClient

    fts_server.chain([FTS_SAMPLE, OCDS_STAGES[1], OCDS_STAGES[3]])
    start_at(Source.FIND_A_TENDER)
    until = T0 + timedelta(hours=3)

    def interrupt(call: int) -> None:
        raise KeyboardInterrupt  # Ctrl-C during the polite pause after the first page

    sleeper.on_call = interrupt
    with pytest.raises(KeyboardInterrupt):
        fetch_feed(fts_server.feed(), client=HttpClient(delay=1, sleep=sleeper), until=until)

    assert sleeper.calls == [1]
    assert Release.objects.count() == 1
    state = FeedState.objects.get(source=Source.FIND_A_TENDER)
    assert state.cursor == fts_server.url(cursor_token(1))
    run = IngestRun.objects.get()
    assert run.status == RunStatus.FAILED
    assert "interrupted" in run.messages

    sleeper.on_call = None
    resumed = fetch_feed(fts_server.feed(), client=HttpClient(delay=1, sleep=sleeper), until=until)

    assert not resumed.skipped
    assert not resumed.error
    assert [query.get("cursor") for query in fts_server.requests] == [None, cursor_token(1), cursor_token(2)]
    assert Release.objects.count() == 3 == fts_server.releases_served
    assert resumed.releases_duplicate == 0
    # The polite delay came between the requests of the resumed run, not before its first.
    assert sleeper.calls == [1, 1]


def test_a_broken_page_stops_the_run_and_the_next_run_retries_it(fts_server, client):
    bodies = fts_server.chain([FTS_SAMPLE, OCDS_STAGES[1], OCDS_STAGES[3]])
    whole = bodies[1]
    fts_server.pages[cursor_token(1)] = whole[: len(whole) // 2]  # cut short in transit
    start_at(Source.FIND_A_TENDER)
    until = T0 + timedelta(hours=3)

    broken = fetch_feed(fts_server.feed(), client=client, until=until)

    assert broken.failed
    assert "not whole JSON" in broken.error
    state = FeedState.objects.get(source=Source.FIND_A_TENDER)
    assert state.cursor == fts_server.url(cursor_token(1))
    assert "not whole JSON" in state.last_error
    assert Release.objects.count() == 1
    assert broken.run.status == RunStatus.FAILED
    assert "Stopped by an error" in broken.summary()

    fts_server.pages[cursor_token(1)] = whole
    resumed = fetch_feed(fts_server.feed(), client=client, until=until)

    assert not resumed.error
    assert [query.get("cursor") for query in fts_server.requests] == [
        None,
        cursor_token(1),
        cursor_token(1),
        cursor_token(2),
    ]
    assert Release.objects.count() == 3 == fts_server.releases_served
    assert (resumed.releases_new, resumed.releases_duplicate) == (2, 0)
    state.refresh_from_db()
    assert state.last_error == ""
    assert state.cursor == ""


def test_a_page_the_ingester_refuses_stops_the_run_at_that_page(fts_server, client):
    bodies = fts_server.chain([FTS_SAMPLE, OCDS_STAGES[1], OCDS_STAGES[3]])
    whole = bodies[1]
    package = json.loads(whole)
    package["releases"].append("not a release")  # the real release stays as it is
    fts_server.pages[cursor_token(1)] = json.dumps(package).encode()
    start_at(Source.FIND_A_TENDER)
    until = T0 + timedelta(hours=3)

    refused = fetch_feed(fts_server.feed(), client=client, until=until)

    assert refused.failed
    assert "was refused" in refused.error
    assert "release 2 is not a JSON object" in refused.error
    assert Release.objects.count() == 1  # nothing of the refused page, not even its good release
    state = FeedState.objects.get(source=Source.FIND_A_TENDER)
    assert state.cursor == fts_server.url(cursor_token(1))
    assert "was refused" in state.last_error
    assert refused.run.status == RunStatus.FAILED
    assert refused.run.packages_refused == 1

    fts_server.pages[cursor_token(1)] = whole
    resumed = fetch_feed(fts_server.feed(), client=client, until=until)

    assert not resumed.error
    assert Release.objects.count() == 3 == fts_server.releases_served


def test_a_page_that_is_not_a_release_package_is_not_stored(fts_server, client):
    fts_server.pages[""] = b"<html><body>Service unavailable</body></html>"
    start_at(Source.FIND_A_TENDER)

    outcome = fetch_feed(fts_server.feed(), client=client, until=T0 + timedelta(hours=1))

    assert outcome.failed
    assert Release.objects.count() == 0
    assert FeedState.objects.get(source=Source.FIND_A_TENDER).cursor.endswith("limit=100")


def test_a_next_link_to_another_site_is_not_followed(fts_server, client):
    fts_server.chain([FTS_SAMPLE])
    fts_server.pages[""] = fts_server.pages[""].replace(
        b'"releases"', b'"links": {"next": "https://elsewhere.example/p?cursor=MTAw"}, "releases"', 1
    )
    start_at(Source.FIND_A_TENDER)

    outcome = fetch_feed(fts_server.feed(), client=client, until=T0 + timedelta(hours=1))

    assert outcome.failed
    assert "another site" in outcome.error
    assert len(fts_server.requests) == 1
