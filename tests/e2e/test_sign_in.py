"""Signing in and out, and the shell every page is drawn in."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from consortia.users.models import User
from consortia.users.testing import Personas


def test_login_and_dashboard(page: Page, site: str, personas: Personas, password: str) -> None:
    User.objects.filter(pk=personas.manager.pk).update(full_name="Priya Shah")

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))  # signed-out visitors are sent to sign in
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    email = page.get_by_label("E-mail address")
    expect(email).to_be_visible()
    expect(email).to_have_attribute("type", "email")

    email.fill("manager@hub.test")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("The e-mail address or password is not right. Check them and try again.")).to_be_visible()
    expect(page.get_by_role("button", name="Priya")).to_have_count(0)

    # The e-mail address is kept; the password is not.
    expect(page.get_by_label("E-mail address")).to_have_value("manager@hub.test")
    expect(page.get_by_label("Password")).to_have_value("")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{site}/")
    expect(page.get_by_text("Good to see you, Priya.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"\d+\s+Organisations"))).to_be_visible()

    page.get_by_role("button", name="Priya, your account", exact=True).click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()

    # Signed out for real: the dashboard asks to sign in again.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))


def test_static_files_are_served(page: Page, site: str) -> None:
    """Bootstrap and HTMX come from this server; without them every page would be unstyled."""
    for path in ("/static/vendor/bootstrap/bootstrap.min.css", "/static/vendor/htmx/htmx.min.js"):
        response = page.request.get(site + path)
        assert response.status == 200, f"{path} answered {response.status}: run `make assets`"
    page.goto("/accounts/login/")
    # Bootstrap's .btn-primary is drawn with a background colour only when the stylesheet loaded.
    button = page.get_by_role("button", name="Sign in")
    background = button.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent", "rgb(239, 239, 239)"), background
