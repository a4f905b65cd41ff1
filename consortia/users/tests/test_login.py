"""Signing in, locking out after wrong passwords, resetting a password, and idle sessions."""

from __future__ import annotations

import re
import time
from typing import Any

from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from consortia.users.middleware import SessionIdleMiddleware
from consortia.users.models import User
from consortia.users.testing import Personas
from consortia.users.tests.helpers import PASSWORD, sign_in

LOGIN = "/accounts/login/"


def test_mixed_case_email_signs_in(personas: Personas) -> None:
    client = Client()
    response = client.post(LOGIN, {"username": "  Bids@HUB.Test ", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert "Good to see you, Bids" in client.get("/").content.decode()


def test_signing_in_records_when_but_is_not_a_change_to_the_account(personas: Personas) -> None:
    history = personas.board.history.count()
    sign_in(Client(), personas.board.email)
    personas.board.refresh_from_db()
    assert personas.board.last_login is not None
    assert personas.board.history.count() == history


def test_wrong_password_says_so_plainly(personas: Personas) -> None:
    response = Client().post(LOGIN, {"username": personas.bid_writer.email, "password": "not-the-password"})
    assert response.status_code == 200
    assert "The e-mail address or password is not right" in response.content.decode()


def test_switched_off_account_cannot_sign_in(personas: Personas) -> None:
    User.objects.filter(pk=personas.bid_writer.pk).update(is_active=False)
    client = Client()
    response = client.post(LOGIN, {"username": personas.bid_writer.email, "password": PASSWORD})
    assert response.status_code == 200
    assert client.get("/").status_code == 302


def test_five_wrong_passwords_lock_the_account(personas: Personas) -> None:
    client = Client()
    # Changing the case of the address does not earn more attempts: the form lower-cases it
    # before authentication, which is what axes counts.
    for attempt, email in enumerate(["bids@hub.test", "BIDS@hub.test", "Bids@Hub.test", "bids@HUB.TEST"]):
        response = client.post(LOGIN, {"username": email, "password": f"wrong-{attempt}"})
        assert response.status_code == 200, attempt
    response = client.post(LOGIN, {"username": "bids@hub.test", "password": "wrong-5"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many sign-in attempts" in page
    assert "Try again in 30 minutes" in page
    assert "PT30M" not in page

    # Locked: even the right password is refused now.
    response = client.post(LOGIN, {"username": "bids@hub.test", "password": PASSWORD})
    assert response.status_code == 429
    assert client.get("/").status_code == 302
    # Another account from the same address is not locked.
    sign_in(client, personas.board.email)


def test_password_reset_sends_a_working_link(personas: Personas) -> None:
    client = Client()
    response = client.post("/accounts/password-reset/", {"email": "Chair@Hub.test"})
    assert response["Location"] == reverse("users:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chair@hub.test"]
    assert message.subject == "Reset your Consortia password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body)
    assert link, message.body

    response = client.get(link.group(1))  # Django swaps the token for a session and redirects
    assert response.status_code == 302
    set_password = response["Location"]
    assert "Choose a new password" in client.get(set_password).content.decode()
    new_password = "a brand new passphrase"
    response = client.post(set_password, {"new_password1": new_password, "new_password2": new_password})
    assert response["Location"] == reverse("users:password_reset_complete")

    sign_in(Client(), personas.board.email, new_password)
    assert "This link no longer works" in Client().get(link.group(1), follow=True).content.decode()


def test_password_reset_tells_nobody_which_addresses_exist(personas: Personas) -> None:
    response = Client().post("/accounts/password-reset/", {"email": "stranger@example.org"})
    assert response["Location"] == reverse("users:password_reset_done")
    assert mail.outbox == []


def test_password_reset_reaches_an_invited_user_but_not_a_switched_off_one(personas: Personas) -> None:
    invited = User.objects.create_user("new@hub.test", None, full_name="New Person")
    assert not invited.has_usable_password()
    Client().post("/accounts/password-reset/", {"email": "new@hub.test"})
    assert [message.to for message in mail.outbox] == [["new@hub.test"]]

    User.objects.filter(pk=invited.pk).update(is_active=False)
    Client().post("/accounts/password-reset/", {"email": "new@hub.test"})
    assert len(mail.outbox) == 1


def test_idle_session_expiry_is_renewed_at_most_once_a_minute(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.bid_writer)
    key = SessionIdleMiddleware.KEY

    def stored() -> tuple[Any, Any]:
        session = Session.objects.get(session_key=client.session.session_key)
        return session.get_decoded().get(key), session.expire_date

    client.get("/")
    first_seen, _ = stored()
    assert first_seen is not None

    # Thirty seconds later: nothing is written.
    session = client.session
    session[key] = int(time.time()) - 30
    session.save()
    seen, expiry = stored()
    client.get("/")
    assert stored() == (seen, expiry)

    # Over a minute later: the session is saved again, which pushes its expiry on.
    session = client.session
    session[key] = int(time.time()) - SessionIdleMiddleware.REFRESH - 1
    session.save()
    seen, expiry = stored()
    time.sleep(0.01)
    client.get("/")
    renewed_seen, renewed_expiry = stored()
    assert renewed_seen >= int(time.time()) - 1
    assert renewed_expiry > expiry
