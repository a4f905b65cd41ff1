"""Rate limits: the counting kit, the client's address, and each protected page refusing past
its limit with 429 and Retry-After, writing nothing, while another address carries on."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from rest_framework.authtoken.models import Token

from consortia.core import ratelimit
from consortia.core.ratelimit import Rate, client_ip, hit, parse_rate
from consortia.members.models import MembershipApplication
from consortia.users.testing import Personas

OTHER = "198.51.100.7"  # another connection (the test client's own is 127.0.0.1)


# -- the kit ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "rate"),
    [("5/hour", Rate(5, 3600)), ("30/minute", Rate(30, 60)), (" 2/Days ", Rate(2, 86400)), ("1/second", Rate(1, 1))],
)
def test_a_rate_is_read_from_its_setting(text: str, rate: Rate) -> None:
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["off", "", "0", "None"])
def test_a_rate_can_be_switched_off(text: str) -> None:
    assert parse_rate(text) is None


@pytest.mark.parametrize("text", ["5", "five/hour", "5/fortnight", "-1/hour", "5/"])
def test_a_rate_written_wrongly_stops_with_the_form_to_use(text: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="such as “5/hour”"):
        parse_rate(text)


def test_counts_per_window_and_says_how_long_to_wait() -> None:
    scope = uuid.uuid4().hex
    rate = Rate(2, 3600)
    start = 1_800_000_000.0 - 1_800_000_000 % 3600  # the start of an hour
    assert hit(scope, rate, {"ip": "203.0.113.1"}, now=start + 10) == 0
    assert hit(scope, rate, {"ip": "203.0.113.1"}, now=start + 20) == 0
    assert hit(scope, rate, {"ip": "203.0.113.1"}, now=start + 600) == 3000  # to the end of the hour
    assert hit(scope, rate, {"ip": "203.0.113.2"}, now=start + 600) == 0  # another address
    assert hit(scope, rate, {"ip": "203.0.113.1"}, now=start + 3600) == 0  # the next hour starts afresh


def test_any_key_over_its_limit_refuses() -> None:
    scope = uuid.uuid4().hex
    rate = Rate(1, 60)
    now = 1_800_000_000.0
    assert hit(scope, rate, {"ip": "203.0.113.1", "id": "jo@example.org"}, now=now) == 0
    # Same e-mail address from elsewhere: refused; an empty identity counts for nothing.
    assert hit(scope, rate, {"ip": "203.0.113.2", "id": "jo@example.org"}, now=now) > 0
    assert hit(scope, rate, {"ip": "203.0.113.3", "id": ""}, now=now) == 0


def test_the_client_address_ignores_forwarded_for_unless_behind_our_proxy(settings: Any) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1")
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "10.0.0.5"  # the header is whatever the client chose to send
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "203.0.113.9"  # the first hop, which our proxy set
    garbled = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(garbled) == "10.0.0.5"


def test_the_refusal_is_plain_english_with_retry_after(db: None) -> None:
    response = ratelimit.too_many_requests(RequestFactory().get("/"), 61)
    assert response.status_code == 429
    assert response["Retry-After"] == "61"
    assert "Too many requests from your connection. Please wait 2 minutes and try again." in response.content.decode()
    one = ratelimit.too_many_requests(RequestFactory().get("/"), 5).content.decode()
    assert "Please wait 1 minute and try again." in one


def assert_limited(response: Any) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many requests from your connection." in response.content.decode()


# -- password reset -----------------------------------------------------------------------------
def test_password_reset_requests_are_limited(personas: Personas, settings: Any) -> None:
    settings.RATE_LIMIT_PASSWORD_RESET = "2/hour"
    client = Client()
    for _ in range(2):
        assert client.post("/accounts/password-reset/", {"email": "chair@hub.test"}).status_code == 302
    assert len(mail.outbox) == 2
    assert_limited(client.post("/accounts/password-reset/", {"email": "someone@else.test"}))
    assert len(mail.outbox) == 2  # nothing sent
    assert client.get("/accounts/password-reset/").status_code == 200  # the form still shows

    # Another connection asking for another address is not affected.
    elsewhere = Client(REMOTE_ADDR=OTHER)
    assert elsewhere.post("/accounts/password-reset/", {"email": "bids@hub.test"}).status_code == 302
    assert len(mail.outbox) == 3
    # The address already asked for twice is limited from anywhere: no flood of e-mails to one person.
    assert_limited(elsewhere.post("/accounts/password-reset/", {"email": "Chair@Hub.test"}))
    assert len(mail.outbox) == 3


# -- the public membership application ----------------------------------------------------------
def draft(email: str) -> dict[str, str]:
    return {
        "application": str(uuid.uuid4()),
        "organisation_name": "Burnley Youth Theatre",
        "contact_name": "Jo Clarke",
        "contact_email": email,
        "tier_requested": "associate",
        "action": "save",
    }


def test_the_membership_application_form_is_limited(db: None, settings: Any) -> None:
    settings.RATE_LIMIT_APPLICATION = "2/hour"
    client = Client()
    first = client.post("/members/join/", draft("jo@theatre.example"))
    assert first.status_code == 302, first.content.decode()[:500]
    application = MembershipApplication.objects.get()
    # The draft's own page counts with the form's: one limit for the applicant's posts.
    again = client.post(first["Location"], draft("jo@theatre.example") | {"organisation_name": "BYT"})
    assert again.status_code == 302
    assert_limited(client.post(first["Location"], draft("jo@theatre.example") | {"organisation_name": "Changed"}))
    assert_limited(client.post("/members/join/", draft("sam@other.example")))
    application.refresh_from_db()
    assert application.organisation_name == "BYT"
    assert MembershipApplication.objects.count() == 1
    assert client.get("/members/join/").status_code == 200

    elsewhere = Client(REMOTE_ADDR=OTHER)
    assert elsewhere.post("/members/join/", draft("sam@other.example")).status_code == 302
    assert MembershipApplication.objects.count() == 2


# -- API tokens ---------------------------------------------------------------------------------
def test_creating_api_tokens_is_limited_but_revoking_never(personas: Personas, settings: Any) -> None:
    settings.RATE_LIMIT_API_TOKEN = "2/hour"
    client = Client()
    client.force_login(personas.manager)
    for _ in range(2):
        assert client.post("/accounts/account/api-token/", {"action": "create"}).status_code == 200
    key = Token.objects.get(user=personas.manager).key
    assert_limited(client.post("/accounts/account/api-token/", {"action": "create"}))
    assert Token.objects.get(user=personas.manager).key == key  # not replaced
    assert client.post("/accounts/account/api-token/", {"action": "revoke"}).status_code == 302
    assert not Token.objects.filter(user=personas.manager).exists()

    # Another person, from another connection, is not affected.
    elsewhere = Client(REMOTE_ADDR=OTHER)
    elsewhere.force_login(personas.bid_writer)
    assert elsewhere.post("/accounts/account/api-token/", {"action": "create"}).status_code == 200
    assert Token.objects.filter(user=personas.bid_writer).exists()
