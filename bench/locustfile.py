"""Mixed traffic for the load scenario (bench/load.py): staff and member users, signed in through
the real sign-in form (the first user of each login signs in; the others with that login share its
session, as browser tabs do), mostly reading and some writing.

- Staff (hub manager, bid writer, contracts officer, auditor…) browse the dashboard, the list
  pages (organisations, memberships, contracts, opportunities with a filter), record pages found
  on those lists and an API list (signed in by session, as the browsable API allows).
- Members (Pendle's and Wyre's users) browse their portal pages.
- One writer per member organisation (so two writers never edit the same return at once, which the
  product rightly refuses as a stale edit) adds contacts in the portal and saves drafts of its
  monitoring returns. A write counts as confirmed only when the server answered the POST with a
  302 to the expected page; each confirmed write is appended to the LOAD_WRITES file (JSON lines)
  so the scenario can check afterwards that every one of them is in the database.

    locust -f bench/locustfile.py --headless -u 30 -r 10 -t 60s --host http://127.0.0.1:8000
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import threading
import uuid
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from gevent.lock import Semaphore
from locust import FastHttpUser, between, task

# locust puts this folder on the path, not the project: the pages requested are bench.traffic's.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.traffic import API, DOMAIN, FILTERED, MEMBERS, PORTAL_PAGES, STAFF, STAFF_LISTS

PASSWORD = os.environ.get("LOAD_PASSWORD", "consortia-demo")
RUN = os.environ.get("LOAD_RUN") or uuid.uuid4().hex[:8]
WRITES_FILE = os.environ.get("LOAD_WRITES", "")
FORM = "application/x-www-form-urlencoded"

DETAIL = re.compile(r'href="(/(?:directory/organisations|contracts/contracts|members/memberships)/\d+/)"')

_lock = threading.Lock()
_sessions: dict[str, list[Any]] = {}  # login -> the cookies of its signed-in session
_signing: dict[str, Semaphore] = {}
_written = 0


def record_write(kind: str, **fields: Any) -> None:
    """Append one confirmed write to LOAD_WRITES (one JSON line, flushed at once)."""
    global _written
    if not WRITES_FILE:
        return
    with _lock:
        _written += 1
        with open(WRITES_FILE, "a") as out:
            out.write(json.dumps({"kind": kind, **fields}) + "\n")


class Forms(HTMLParser):
    """The POST forms of a page: each a dict of its field values, as a browser would send them
    (text, hidden and checked boxes; textareas; each select's chosen option), plus its action."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = {"action": a.get("action", ""), "fields": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        fields = self._form["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    fields[name] = a.get("value") or "on"
                return
            fields[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data


def post_forms(page: str) -> list[dict[str, Any]]:
    parser = Forms()
    parser.feed(page)
    return [form for form in parser.forms if "csrfmiddlewaretoken" in form["fields"]]


class SignedIn(FastHttpUser):
    """A user who signs in through the sign-in form (its CSRF token first) before anything else."""

    abstract = True
    logins: list[str] = []
    login = ""

    def on_start(self) -> None:
        self.login = self.login or random.choice(self.logins)
        # The first user of a login signs in through the form; the others share its session, as
        # a person's browser tabs do. Signing in is slow on purpose (the password hash), so forty
        # sign-ins a minute would be a test of the hash rather than of the pages.
        with _signing.setdefault(self.login, Semaphore()):
            cookies = _sessions.get(self.login)
            if cookies is None:
                self.sign_in()
                _sessions[self.login] = list(self.client.cookiejar)
            else:
                for cookie in cookies:
                    self.client.cookiejar.set_cookie(cookie)

    def sign_in(self) -> None:
        page = self.client.get("/accounts/login/", name="/accounts/login/ [form]")
        token = post_forms(page.text or "")[0]["fields"]["csrfmiddlewaretoken"]
        with self.client.post(
            "/accounts/login/",
            data=urlencode({"csrfmiddlewaretoken": token, "username": f"{self.login}@{DOMAIN}", "password": PASSWORD}),
            headers={"Referer": f"{self.host}/accounts/login/", "Content-Type": FORM},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"signing in as {self.login} answered {response.status_code}")

    def read(self, url: str, name: str | None = None) -> str:
        # Redirects are not followed: a page that sends the user to sign in is a failure too.
        with self.client.get(url, name=name or url, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                location = response.headers.get("Location", "") if response.headers else ""
                response.failure(f"{url} answered {response.status_code} {location}".strip())
            return response.text or ""


class Staff(SignedIn):
    """The hub's staff reading: dashboard, lists, a filtered list, record pages and the API."""

    weight = 6
    wait_time = between(0.5, 2)
    logins = STAFF

    def on_start(self) -> None:
        super().on_start()
        self.details: list[str] = []

    @task(3)
    def dashboard(self) -> None:
        self.read("/")

    @task(6)
    def list_page(self) -> None:
        page = self.read(random.choice(STAFF_LISTS))
        found = DETAIL.findall(page)
        if found:
            self.details = (self.details + found)[-50:]

    @task(2)
    def filtered_list(self) -> None:
        self.read(random.choice(FILTERED))

    @task(4)
    def record_page(self) -> None:
        if not self.details:
            return self.list_page()
        url = random.choice(self.details)
        self.read(url, name=re.sub(r"/\d+/", "/[id]/", url))

    @task(1)
    def api_list(self) -> None:
        self.read(API, name="/api/organisations/")


class MemberReader(SignedIn):
    """A member organisation's user reading their portal pages."""

    weight = 3
    wait_time = between(0.5, 2)
    logins = MEMBERS

    @task(4)
    def portal_page(self) -> None:
        self.read(random.choice(PORTAL_PAGES))

    @task(1)
    def a_return(self) -> None:
        page = self.read("/portal/returns/")
        found = re.findall(r'href="(/portal/returns/\d+/)"', page)
        if found:
            self.read(random.choice(found), name="/portal/returns/[id]/")


class MemberWriter(SignedIn):
    """The one writer of a member organisation: adds contacts and saves return drafts."""

    abstract = True
    wait_time = between(0.5, 1.5)
    fixed_count = 1

    def on_start(self) -> None:
        super().on_start()
        self.added = 0
        self.returns: list[str] | None = None  # found at the first draft, not before writing starts

    def post(self, url: str, fields: dict[str, Any], expected: str, name: str) -> bool:
        """POST the form; True when the server confirmed it with a 302 to `expected`."""
        with self.client.post(
            url,
            data=urlencode(fields),
            headers={"Referer": f"{self.host}{url}", "Content-Type": FORM},
            allow_redirects=False,
            catch_response=True,
            name=name,
        ) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code == 302 and location.endswith(expected):
                return True
            response.failure(f"POST {url} answered {response.status_code} {location}".strip())
            return False

    @task(2)
    def add_contact(self) -> None:
        page = self.read("/portal/contacts/add/")
        forms = [form for form in post_forms(page) if "first_name" in form["fields"]]  # not the sign-out form
        if not forms:
            return
        self.added += 1
        email = f"load-{RUN}-{self.login}-{self.added}@example.org"
        fields = forms[0]["fields"] | {
            "first_name": "Load",
            "last_name": f"Test {self.added}",
            "job_title": "Volunteer",
            "email": email,
        }
        if self.post("/portal/contacts/add/", fields, "/portal/contacts/", "/portal/contacts/add/ [POST]"):
            record_write("contact", email=email)

    @task(3)
    def save_return_draft(self) -> None:
        if self.returns is None:
            page = self.read("/portal/returns/")
            self.returns = list(dict.fromkeys(re.findall(r'href="(/portal/returns/\d+/)"', page)))
        if not self.returns:
            return self.add_contact()
        url = random.choice(self.returns)
        page = self.read(url, name="/portal/returns/[id]/")
        forms = [form for form in post_forms(page) if "narrative" in form["fields"]]
        if not forms:  # no longer the member's to change
            self.returns.remove(url)
            return
        narrative = f"Load test {RUN}: draft {uuid.uuid4().hex[:12]}"
        fields = forms[0]["fields"] | {"narrative": narrative, "action": "save"}
        if self.post(url, fields, url, "/portal/returns/[id]/ [POST draft]"):
            record_write("return", pk=int(url.rstrip("/").rsplit("/", 1)[1]), narrative=narrative)


class PendleWriter(MemberWriter):
    login = "pendle"


class WyreWriter(MemberWriter):
    login = "wyre"
