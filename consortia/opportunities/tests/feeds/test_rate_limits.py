"""Busy answers, pauses, errors and overlapping runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from werkzeug import Response

from consortia.opportunities.choices import RunStatus, Source
from consortia.opportunities.feeds import FindATender, HttpClient, fetch_feed
from consortia.opportunities.feeds.fetch import STALE_AFTER
from consortia.opportunities.feeds.http import DEFAULT_RETRY_SECONDS, retry_after_seconds
from consortia.opportunities.models import FeedState, IngestRun, Release
from consortia.opportunities.tests.feeds.conftest import CF_FILES, FTS_SAMPLE, OCDS_STAGES, T0, cursor_token, start_at

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
UNTIL = T0 + timedelta(hours=3)


def busy(httpserver, path, status, retry_after=None):
    """The next request to `path` is answered `status`, with Retry-After when given."""
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    httpserver.expect_oneshot_request(path).respond_with_response(
        Response("Too many requests", status=status, headers=headers)
    )


def test_retry_after_is_read_as_seconds_or_an_http_date():
    assert retry_after_seconds("120", NOW) == 120
    assert retry_after_seconds(format_datetime(NOW + timedelta(seconds=45), usegmt=True), NOW) == 45
    assert retry_after_seconds("Wed, 25 Nov 2026 10:00:00 GMT", NOW) == 0  # already past
    assert retry_after_seconds(None, NOW) == DEFAULT_RETRY_SECONDS
    assert retry_after_seconds("soon", NOW) == DEFAULT_RETRY_SECONDS


def test_a_429_is_waited_out_for_its_retry_after_then_the_page_is_read(fts_server, client, sleeper):
    fts_server.chain([FTS_SAMPLE, OCDS_STAGES[1]])
    busy(fts_server.httpserver, FindATender.path, 429, "7")
    start_at(Source.FIND_A_TENDER)

    outcome = fetch_feed(fts_server.feed(), client=client, until=UNTIL)

    assert not outcome.error
    assert client.waits == [7.0]
    assert sleeper.calls == [7.0]
    assert [response.status_code for _, response in fts_server.httpserver.log] == [429, 200, 200]
    # The retried request is the same first page, window and all.
    assert fts_server.requests[0] == fts_server.requests[1]
    assert Release.objects.count() == 2 == fts_server.releases_served


def test_a_503_with_an_http_date_waits_until_then(fts_server, sleeper):
    fts_server.chain([FTS_SAMPLE])
    busy(fts_server.httpserver, FindATender.path, 503, format_datetime(NOW + timedelta(seconds=20), usegmt=True))
    busy(fts_server.httpserver, FindATender.path, 503)  # and a second with no Retry-After at all
    start_at(Source.FIND_A_TENDER)
    client = HttpClient(delay=0, sleep=sleeper, clock=lambda: NOW)

    outcome = fetch_feed(fts_server.feed(), client=client, until=UNTIL)

    assert not outcome.error
    assert sleeper.calls == [20.0, DEFAULT_RETRY_SECONDS]
    assert Release.objects.count() == 1


def test_the_polite_delay_comes_between_requests(fts_server, sleeper):
    fts_server.chain([FTS_SAMPLE, OCDS_STAGES[1], OCDS_STAGES[3]])
    start_at(Source.FIND_A_TENDER)

    fetch_feed(fts_server.feed(), client=HttpClient(delay=2, sleep=sleeper), until=UNTIL)

    assert sleeper.calls == [2, 2]  # three requests, two pauses


def test_a_wait_longer_than_the_cap_pauses_the_feed_instead_of_sleeping(fts_server, sleeper):
    fts_server.chain([FTS_SAMPLE])
    busy(fts_server.httpserver, FindATender.path, 429, "3600")
    start_at(Source.FIND_A_TENDER)
    client = HttpClient(delay=0, sleep=sleeper, max_wait=300, clock=lambda: NOW)

    outcome = fetch_feed(fts_server.feed(), client=client, until=UNTIL, clock=lambda: NOW)

    assert sleeper.calls == []
    assert outcome.paused_until == NOW + timedelta(hours=1)
    assert not outcome.failed  # the feed asked us to wait: not an error of ours
    state = FeedState.objects.get(source=Source.FIND_A_TENDER)
    assert state.paused_until == NOW + timedelta(hours=1)
    assert "3600 seconds" in state.last_error
    assert state.cursor.endswith("limit=100")  # still at the first page

    # A run during the pause leaves the feed alone; one after it carries on.
    during = fetch_feed(fts_server.feed(), client=client, until=UNTIL, clock=lambda: NOW + timedelta(minutes=30))
    assert during.skipped
    assert "wait until" in during.summary()
    assert len(fts_server.httpserver.log) == 1
    after = fetch_feed(fts_server.feed(), client=client, until=UNTIL, clock=lambda: NOW + timedelta(hours=2))
    assert not after.error
    assert after.releases_new == 1
    assert FeedState.objects.get(source=Source.FIND_A_TENDER).paused_until is None


def test_a_feed_still_busy_after_every_try_is_an_error_and_keeps_its_place(fts_server, sleeper):
    fts_server.chain([FTS_SAMPLE])
    for _ in range(3):
        busy(fts_server.httpserver, FindATender.path, 503, "5")
    start_at(Source.FIND_A_TENDER)
    client = HttpClient(delay=0, sleep=sleeper, attempts=3)

    outcome = fetch_feed(fts_server.feed(), client=client, until=UNTIL)

    assert outcome.failed
    assert "after 3 tries" in outcome.error
    assert sleeper.calls == [5, 5]
    state = FeedState.objects.get(source=Source.FIND_A_TENDER)
    assert "after 3 tries" in state.last_error
    assert state.cursor.endswith("limit=100")
    assert state.window_start == T0
    assert outcome.run.status == RunStatus.FAILED


def test_contracts_finder_403_pauses_it_for_five_minutes(cf_server, client, sleeper):
    cf_server.chain(CF_FILES)
    cf_server.httpserver.expect_oneshot_request(
        "/Published/Notices/OCDS/Search", query_string={"cursor": cursor_token(1)}
    ).respond_with_response(Response("<html><title>Forbidden - Contracts Finder</title></html>", status=403))
    start_at(Source.CONTRACTS_FINDER)
    client.clock = lambda: NOW

    outcome = fetch_feed(cf_server.feed(), client=client, until=UNTIL, clock=lambda: NOW)

    assert outcome.paused_until == NOW + timedelta(minutes=5)
    assert not outcome.failed
    assert sleeper.calls == []  # no one sleeps five minutes in a cron job
    state = FeedState.objects.get(source=Source.CONTRACTS_FINDER)
    assert state.paused_until == NOW + timedelta(minutes=5)
    assert state.cursor == cf_server.url(cursor_token(1))
    assert "403" in state.last_error
    assert Release.objects.count() == 1

    skipped = fetch_feed(cf_server.feed(), client=client, until=UNTIL, clock=lambda: NOW + timedelta(minutes=4))
    assert skipped.skipped
    resumed = fetch_feed(cf_server.feed(), client=client, until=UNTIL, clock=lambda: NOW + timedelta(minutes=6))
    assert not resumed.error
    assert [query.get("cursor") for query in cf_server.requests] == [None, cursor_token(1), cursor_token(1)]
    assert Release.objects.count() == 2 == cf_server.releases_served


def test_a_403_from_find_a_tender_is_an_error(fts_server, client):
    fts_server.httpserver.expect_oneshot_request(FindATender.path).respond_with_data("no", status=403)
    start_at(Source.FIND_A_TENDER)

    outcome = fetch_feed(fts_server.feed(), client=client, until=UNTIL)

    assert outcome.failed
    assert "403" in outcome.error
    assert outcome.paused_until is None


def test_an_unreachable_feed_is_recorded(client):
    start_at(Source.FIND_A_TENDER)
    feed = FindATender(base_url="http://127.0.0.1:9")  # the discard port: nothing listens

    outcome = fetch_feed(feed, client=client, until=UNTIL)

    assert outcome.failed
    assert "Could not read" in outcome.error
    assert "Could not read" in FeedState.objects.get(source=Source.FIND_A_TENDER).last_error


def test_a_run_overlapping_another_leaves_the_feed_alone(fts_server, sleeper):
    fts_server.chain([FTS_SAMPLE, OCDS_STAGES[1]])
    start_at(Source.FIND_A_TENDER)
    overlapping = []

    def second_run(call: int) -> None:
        # While the first run pauses between its pages, cron starts another.
        overlapping.append(fetch_feed(fts_server.feed(), client=HttpClient(delay=0), until=UNTIL))

    sleeper.on_call = second_run
    first = fetch_feed(fts_server.feed(), client=HttpClient(delay=1, sleep=sleeper), until=UNTIL)

    assert not first.error
    assert first.pages == 2
    [second] = overlapping
    assert second.skipped
    assert "still running" in second.summary()
    assert len(fts_server.requests) == 2  # the second run asked for nothing
    assert Release.objects.count() == 2
    assert IngestRun.objects.count() == 1


def test_a_run_that_died_long_ago_does_not_hold_the_feed(fts_server, client):
    fts_server.chain([FTS_SAMPLE])
    start_at(Source.FIND_A_TENDER)
    dead = IngestRun.objects.create(source=Source.FIND_A_TENDER)
    IngestRun.objects.filter(pk=dead.pk).update(started=datetime.now(UTC) - STALE_AFTER - timedelta(minutes=1))

    outcome = fetch_feed(fts_server.feed(), client=client, until=UNTIL)

    assert not outcome.skipped
    assert outcome.releases_new == 1
    dead.refresh_from_db()
    assert dead.status == RunStatus.FAILED
    assert "without finishing" in dead.messages
