"""What differs between the two feeds: their addresses, date parameters, windows and rate limits.

Find a Tender: `GET /api/1.0/ocdsReleasePackages?updatedFrom=…&updatedTo=…&limit=100`, dates
as `YYYY-MM-DDTHH:MM:SS` (19 characters, no zone: we send UTC), at most 6 hours a window, pages
chained by `links.next` (an address carrying a `cursor` token); 429/503 with Retry-After.

Contracts Finder: `GET /Published/Notices/OCDS/Search?publishedFrom=…&publishedTo=…&limit=100`
(ISO 8601), the same `links.next`/`cursor` paging; a 403 means "too many requests: make none
for 5 minutes".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from django.conf import settings
from django.utils import timezone

from consortia.opportunities.choices import Source
from consortia.opportunities.feeds.http import FeedError, FeedPaused, HttpStatusError

PAGE_SIZE = 100  # the most either API gives in one page


def api_datetime(moment: datetime) -> str:
    """A moment as both APIs take it: UTC, to the second, `YYYY-MM-DDTHH:MM:SS`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


class Feed:
    """One tender feed: how to ask for a window's first page and how to read its answers."""

    source: str
    name: str
    path: str
    from_param: str
    to_param: str
    window: timedelta
    base_setting: str

    def __init__(self, *, base_url: str | None = None, stages: Sequence[str] = ()) -> None:
        self.base_url = (base_url or getattr(settings, self.base_setting)).rstrip("/")
        self.stages = list(stages)

    def first_page_url(self, start: datetime, end: datetime) -> str:
        """The address of the first page of the releases changed between `start` and `end`."""
        query: dict[str, str | int] = {self.from_param: api_datetime(start), self.to_param: api_datetime(end)}
        if self.stages:
            query["stages"] = ",".join(self.stages)
        query["limit"] = PAGE_SIZE
        # The colons stay as they are: the APIs document the dates unescaped.
        return f"{self.base_url}{self.path}?{urlencode(query, safe=':,')}"

    def next_url(self, package: dict[str, Any], url: str) -> str:
        """The address of the page after this one, or "" when this page is the window's last.

        A page without releases ends the window even if it names a next page, so a feed that
        keeps answering empty pages cannot keep a run going for ever.
        """
        links = package.get("links")
        target = links.get("next") if isinstance(links, dict) else None
        if not target or not package.get("releases"):
            return ""
        if not isinstance(target, str):
            raise FeedError(f"The page {url} names its next page in a form we cannot read ({target!r}).")
        absolute = urljoin(url, target)
        # Only ever follow links back to the feed we were configured to read.
        ours, theirs = urlsplit(self.base_url), urlsplit(absolute)
        if (ours.scheme, ours.netloc) != (theirs.scheme, theirs.netloc):
            raise FeedError(f"The page {url} sends us to another site for its next page ({absolute}); not followed.")
        if absolute == url:
            return ""
        return absolute

    def interpret(self, error: HttpStatusError, now: datetime) -> FeedError:
        """What a non-retried HTTP status means for this feed (an error, unless overridden)."""
        return error


class FindATender(Feed):
    """Find a Tender: notices above the procurement thresholds."""

    source = Source.FIND_A_TENDER
    name = "Find a Tender"
    path = "/api/1.0/ocdsReleasePackages"
    from_param, to_param = "updatedFrom", "updatedTo"
    # The API documents windows of at most 6 hours between updatedFrom and updatedTo.
    window = timedelta(hours=6)
    base_setting = "FIND_A_TENDER_URL"


class ContractsFinder(Feed):
    """Contracts Finder: lower-value public contracts in England."""

    source = Source.CONTRACTS_FINDER
    name = "Contracts Finder"
    path = "/Published/Notices/OCDS/Search"
    from_param, to_param = "publishedFrom", "publishedTo"
    window = timedelta(hours=6)
    base_setting = "CONTRACTS_FINDER_URL"
    # Contracts Finder's documentation: after a 403, make no requests for 5 minutes.
    forbidden_pause = timedelta(minutes=5)

    def interpret(self, error: HttpStatusError, now: datetime) -> FeedError:
        if error.status == 403:
            until = now + self.forbidden_pause
            return FeedPaused(
                "Contracts Finder refused the request (403), which it does when it is being read too fast; "
                f"we leave it alone until {timezone.localtime(until):%d/%m/%Y %H:%M}.",
                until,
            )
        return error


FEEDS: dict[str, type[Feed]] = {FindATender.source: FindATender, ContractsFinder.source: ContractsFinder}
