"""`manage.py fetch_notices`, as cron runs it."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from consortia.opportunities.choices import Source
from consortia.opportunities.feeds import ContractsFinder, FindATender
from consortia.opportunities.models import FeedState, Release
from consortia.opportunities.tests.feeds.conftest import CF_FILES, FTS_SAMPLE, OCDS_STAGES, T0, FeedServer, start_at

pytestmark = pytest.mark.django_db

UNTIL = (T0 + timedelta(hours=3)).isoformat()


@pytest.fixture
def both(httpserver, settings):
    """Both feeds on one local server (their paths differ), with the settings pointing at it."""
    fts, cf = FeedServer(httpserver, FindATender), FeedServer(httpserver, ContractsFinder)
    settings.FIND_A_TENDER_URL = settings.CONTRACTS_FINDER_URL = fts.base_url
    start_at(Source.FIND_A_TENDER)
    start_at(Source.CONTRACTS_FINDER)
    return fts, cf


def run(*args: str) -> str:
    out = StringIO()
    call_command("fetch_notices", *args, stdout=out)
    return out.getvalue()


def test_fetches_both_feeds_and_says_what_it_did(both):
    fts, cf = both
    fts.chain([FTS_SAMPLE, OCDS_STAGES[1]])
    cf.chain(CF_FILES)

    output = run("--until", UNTIL)

    assert "Find a Tender: read 2 pages; 2 new releases, 0 already held" in output
    assert "Contracts Finder: read 2 pages; 2 new releases, 0 already held" in output
    assert "Up to date to 25/11/2026 03:00." in output  # UK time: GMT in November
    assert Release.objects.filter(source=Source.FIND_A_TENDER).count() == 2
    assert Release.objects.filter(source=Source.CONTRACTS_FINDER).count() == 2


def test_one_source_and_a_page_limit(both):
    fts, _ = both
    fts.chain([FTS_SAMPLE, OCDS_STAGES[1]])

    output = run("--source", "fts", "--until", UNTIL, "--max-pages", "1")

    assert "read 1 page;" in output
    assert "page limit" in output
    assert "Contracts Finder" not in output
    assert FeedState.objects.get(source=Source.FIND_A_TENDER).cursor


def test_an_error_is_reported_and_exits_non_zero(both):
    fts, _ = both
    fts.pages[""] = b'{"releases": [{"ocid": "ocds-h6vhtk'  # cut short

    with pytest.raises(CommandError, match="Could not finish reading Find a Tender"):
        run("--source", "fts", "--until", UNTIL)

    assert "not whole JSON" in FeedState.objects.get(source=Source.FIND_A_TENDER).last_error


def test_a_bad_until_is_refused_in_words():
    with pytest.raises(CommandError, match="--until must be a date and time"):
        run("--until", "yesterday")
