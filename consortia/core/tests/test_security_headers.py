"""Every response carries the browser protections (a strict Content Security Policy, no framing,
a referrer policy, no type sniffing), cookies are HTTP-only and secure, and every form that
posts needs its CSRF token."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client

from consortia.directory.models import Contact, Organisation
from consortia.users.testing import Personas
from consortia.users.tests.helpers import PASSWORD

TEMPLATES = Path(settings.BASE_DIR) / "consortia"


def directives(response: Any) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_protected(response: Any) -> None:
    policy = directives(response)
    script = policy.get("script-src", policy["default-src"])
    assert "'unsafe-inline'" not in script
    assert "'unsafe-eval'" not in script
    assert not any(source.startswith(("http:", "https:", "*")) for source in script)  # no CDN
    assert policy["frame-ancestors"] == ["'none'"] or response["X-Frame-Options"] == "DENY"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin", "no-referrer")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_public_pages_carry_the_protections(db: None) -> None:
    client = Client()
    for url in ("/accounts/login/", "/accounts/password-reset/", "/members/join/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_protected(response)
    assert_protected(client.get("/no-such-page/"))


def test_signed_in_pages_and_the_api_carry_them(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    for url in ("/", "/accounts/account/", "/directory/organisations/", "/api/organisations/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_protected(response)


def test_the_session_and_csrf_cookies_are_secure_and_the_session_hidden_from_scripts(personas: Personas) -> None:
    client = Client()
    page = client.get("/accounts/login/")
    token = page.cookies["csrftoken"]
    assert token["secure"]
    assert token["samesite"] == "Lax"
    response = client.post("/accounts/login/", {"username": personas.board.email, "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"]
    assert session["secure"]
    assert session["samesite"] == "Lax"
    assert session["max-age"] == ""  # gone when the browser closes


# -- CSRF ---------------------------------------------------------------------------------------
def strict(user: Any = None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def test_signing_in_without_the_token_is_refused(personas: Personas) -> None:
    response = strict().post("/accounts/login/", {"username": personas.board.email, "password": PASSWORD})
    assert response.status_code == 403


def test_the_membership_application_without_the_token_is_refused(db: None) -> None:
    response = strict().post(
        "/members/join/", {"organisation_name": "Burnley Youth Theatre", "contact_name": "Jo", "action": "save"}
    )
    assert response.status_code == 403


def test_a_record_form_without_the_token_is_refused(personas: Personas) -> None:
    client = strict(personas.manager)
    assert client.get("/directory/contacts/add/").status_code == 200  # the form itself is there
    response = client.post(
        "/directory/contacts/add/", {"organisation": personas.org_a.pk, "name": "Sam Patel", "email": "sam@a.test"}
    )
    assert response.status_code == 403
    assert not Contact.objects.filter(email="sam@a.test").exists()


def test_an_api_call_signed_in_by_session_without_the_token_is_refused(personas: Personas) -> None:
    client = strict(personas.manager)
    response = client.post("/api/organisations/", {"name": "Made across sites"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Organisation.objects.filter(name="Made across sites").exists()


def test_the_api_token_form_without_the_token_is_refused(personas: Personas) -> None:
    assert strict(personas.manager).post("/accounts/account/api-token/", {"action": "create"}).status_code == 403


FORM = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
POSTS = re.compile(r"""method\s*=\s*["']?post""", re.IGNORECASE)


def post_forms() -> list[tuple[str, str, str]]:
    """Every form in the templates that posts: its file, opening tag and body up to </form>."""
    found = []
    for path in sorted(TEMPLATES.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for match in FORM.finditer(text):
            if POSTS.search(match.group(0)):
                end = text.find("</form>", match.end())
                found.append((str(path.relative_to(TEMPLATES)), match.group(0), text[match.end() : end]))
    return found


def test_every_form_that_posts_carries_the_csrf_token() -> None:
    forms = post_forms()
    assert len(forms) > 50  # the templates were found
    missing = [(path, tag) for path, tag, body in forms if "{% csrf_token %}" not in body]
    assert missing == []


def test_htmx_requests_send_the_csrf_token_in_a_header() -> None:
    # hx-post and friends outside a form (the timesheet grid) send the token from the page's body.
    text = (TEMPLATES / "templates" / "base.html").read_text(encoding="utf-8")
    assert """hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'""" in text
