"""A local feed server for the feed clients' tests, serving the real release packages.

Each real file from the shared data folder is served unchanged except for `links.next`,
added to chain the pages through `cursor` tokens back to this server, as both APIs do.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from consortia.opportunities.choices import Source
from consortia.opportunities.feeds import ContractsFinder, Feed, FindATender, HttpClient
from consortia.opportunities.models import FeedState

DATA = Path(django_settings.BASE_DIR).parent / "shared" / "data"
FTS_SAMPLE = DATA / "find-a-tender" / "fts-apidoc-sample-release-package.json"
CF_FILES = sorted((DATA / "contracts-finder").glob("*.json"))
OCDS_STAGES = sorted((DATA / "ocds-sample").glob("ocds-213czf-000-00001-0*.json"))
# A moment well in the past, so windows are fixed whatever the day the tests run.
T0 = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)


def release_count(path: Path) -> int:
    """How many releases a real file holds."""
    return len(json.loads(path.read_bytes())["releases"])


def cursor_token(number: int) -> str:
    """A cursor token shaped like Find a Tender's (base64, [A-Za-z0-9=])."""
    return base64.b64encode(str(number * 100).encode()).decode()


def page_bytes(path: Path, next_url: str | None) -> bytes:
    """A real release package as one page of a feed, pointing at the next page when there is one."""
    package = json.loads(path.read_bytes())
    if next_url:
        package["links"] = {"next": next_url}
    return json.dumps(package).encode()


@dataclass
class FeedServer:
    """Serves one feed's pages: chained pages by cursor, and a first page per window start."""

    httpserver: HTTPServer
    feed_class: type[Feed]
    # cursor token → page body; the token "" is the first page of every window not in `windows`.
    pages: dict[str, bytes] = field(default_factory=dict)
    # the window's start as sent (the from-parameter) → first page body
    windows: dict[str, bytes] = field(default_factory=dict)
    releases_served: int = 0

    def __post_init__(self) -> None:
        self.httpserver.expect_request(self.feed_class.path).respond_with_handler(self._handle)

    @property
    def base_url(self) -> str:
        return self.httpserver.url_for("/").rstrip("/")

    def url(self, token: str) -> str:
        return f"{self.httpserver.url_for(self.feed_class.path)}?cursor={token}"

    def feed(self) -> Feed:
        return self.feed_class(base_url=self.base_url)

    def chain(self, files: list[Path]) -> list[bytes]:
        """Serve `files` as the pages of one window, in order; returns the bodies served."""
        tokens = [""] + [cursor_token(number) for number in range(1, len(files))]
        bodies = []
        for index, path in enumerate(files):
            next_url = self.url(tokens[index + 1]) if index + 1 < len(files) else None
            bodies.append(page_bytes(path, next_url))
            self.pages[tokens[index]] = bodies[-1]
            self.releases_served += release_count(path)
        return bodies

    def _handle(self, request: Request) -> Response:
        token = request.args.get("cursor")
        if token is not None:
            body = self.pages[token]
        else:
            body = self.windows.get(request.args.get(self.feed_class.from_param, ""), self.pages.get("", b""))
        return Response(body, status=200, content_type="application/json")

    @property
    def requests(self) -> list[dict[str, str]]:
        """The query of every request the server received, in order."""
        return [dict(request.args) for request, _ in self.httpserver.log]


@pytest.fixture(autouse=True)
def _no_polite_delay(settings: Any) -> None:
    settings.FEED_DELAY_SECONDS = 0


@pytest.fixture
def fts_server(httpserver: HTTPServer) -> FeedServer:
    return FeedServer(httpserver, FindATender)


@pytest.fixture
def cf_server(httpserver: HTTPServer) -> FeedServer:
    return FeedServer(httpserver, ContractsFinder)


@dataclass
class Sleeper:
    """Stands in for `time.sleep`: records each wait asked for, and can act on one (an interruption)."""

    calls: list[float] = field(default_factory=list)
    on_call: Callable[[int], None] | None = None

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        if self.on_call:
            self.on_call(len(self.calls))


@pytest.fixture
def sleeper() -> Sleeper:
    return Sleeper()


@pytest.fixture
def client(sleeper: Sleeper) -> HttpClient:
    return HttpClient(delay=0, sleep=sleeper)


def start_at(source: Source, moment: datetime = T0) -> FeedState:
    """A feed that has read everything before `moment`."""
    return FeedState.objects.create(source=source, window_start=moment)
