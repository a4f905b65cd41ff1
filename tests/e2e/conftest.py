"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test gets a fresh browser context (en-GB, Europe/London) on a session-wide Chromium, and
transactional database access so the rows a test makes are visible to the server thread. The
rollback is serialised, so the reference data the migrations load (roles, areas, groups) is put
back after each test for whatever runs next. A failing test leaves a screenshot in test-results/.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

# Playwright's sync API runs an event loop in the main thread; without this Django refuses ORM
# calls from the test body ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from consortia.users.models import User

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
PASSWORD = "a-long-test-password"  # what consortia.users.testing.make_user gives every persona
TIMEOUT_MS = 10_000
RESULTS = Path(__file__).resolve().parents[2] / "test-results"

expect.set_options(timeout=TIMEOUT_MS)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[pytest.TestReport]:
    """Keep each phase's report on the test item, so the page fixture knows whether it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def playwright() -> Generator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Generator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def reference_data(transactional_db: None) -> None:
    """The roles, areas, hub functions and permission groups that migrations load.

    A browser test needs a real transaction shared with the server thread, and each such test
    ends by emptying every table; the reference data is put back before each one, whatever ran
    before it in this process.
    """
    from consortia.core.testing.fixtures import put_reference_data_back

    put_reference_data_back()


@pytest.fixture
def site(live_server, transactional_db: None) -> str:  # type: ignore[no-untyped-def]
    """The live server's address, with the database shared with the server thread."""
    return str(live_server.url)


@pytest.fixture
def new_context(
    browser: Browser, site: str, request: pytest.FixtureRequest
) -> Generator[Callable[..., BrowserContext]]:
    """`new_context(**options)` opens a browser context; a failing test screenshots each of its pages."""
    contexts: list[BrowserContext] = []

    def open_context(**options: object) -> BrowserContext:
        context = browser.new_context(
            base_url=site,
            locale="en-GB",
            timezone_id="Europe/London",
            accept_downloads=True,
            # Bootstrap scrolls smoothly and fades menus unless motion is reduced: ~1 s a click.
            reduced_motion="reduce",
            **options,  # type: ignore[arg-type]
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    report = getattr(request.node, "report_call", None)
    failed = report is None or report.failed
    stem = re.sub(r"[^\w.-]+", "_", request.node.name)
    for stale in RESULTS.glob(f"{stem}-*.png"):  # from an earlier failed run
        stale.unlink()
    for number, context in enumerate(contexts):
        if failed:
            save_screenshots(context, f"{stem}-{number}")
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


def save_screenshots(context: BrowserContext, stem: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    for index, page in enumerate(context.pages):
        # A screenshot is a debugging aid: it must never hide the test's own failure.
        with contextlib.suppress(Exception):
            path = RESULTS / f"{stem}-{index}.png"
            page.screenshot(path=str(path), full_page=True)
            print(f"Screenshot of the failing page: {path}")


def sign_in(page: Page, user: User, password: str = PASSWORD) -> None:
    """Sign in through the real login form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name=f"{user.get_short_name()}, your account", exact=True)).to_be_visible()


@pytest.fixture
def password() -> str:
    """Every persona's password."""
    return PASSWORD


@pytest.fixture
def signed_in(page: Page) -> Callable[[User], Page]:
    """`signed_in(user)` gives the test's page, signed in as that user."""

    def open_as(user: User) -> Page:
        sign_in(page, user)
        return page

    return open_as
