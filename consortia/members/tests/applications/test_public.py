"""The public application form: drafts with a private link, sending, and sending twice."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from consortia.directory.models import Area
from consortia.members.choices import ApplicationStatus, QuestionKind
from consortia.members.models import MembershipApplication, ServiceCategory
from consortia.members.tests.applications.factories import EligibilityQuestionFactory, MembershipApplicationFactory

pytestmark = pytest.mark.django_db

JOIN = "/members/join/"


@pytest.fixture
def questions() -> dict[str, Any]:
    return {
        "lancashire": EligibilityQuestionFactory(text="Do you work in Lancashire?", order=1),
        "size": EligibilityQuestionFactory(
            text="How many staff?",
            kind=QuestionKind.CHOICE,
            choices="None\n1 to 10\nMore than 10",
            order=2,
            expected_answer="",
        ),
        "values": EligibilityQuestionFactory(
            text="Tell us why you want to join", kind=QuestionKind.TEXT, required=False, expected_answer="", order=3
        ),
        "retired": EligibilityQuestionFactory(text="An old question", active=False, order=4),
    }


def form_data(client: Client, questions: dict[str, Any], **extra: Any) -> dict[str, Any]:
    page = client.get(JOIN)
    token = re.search(rb'name="application" value="([0-9a-f-]+)"', page.content)
    assert token
    category = ServiceCategory.objects.first()
    area = Area.objects.filter(kind="district").first()
    assert category
    assert area
    data = {
        "application": token.group(1).decode(),
        "organisation_name": "Burnley Youth Theatre",
        "legal_form": "cio",
        "charity_number": "1123456",
        "address": "5 Queen Street\nBurnley",
        "postcode": "bb11 1aa",
        "contact_name": "Jo Clarke",
        "contact_email": "Jo@Theatre.example",
        "services": "Drama workshops for young people.",
        "categories": [str(category.pk)],
        "areas": [str(area.pk)],
        "tier_requested": "associate",
        f"question_{questions['lancashire'].pk}": "Yes",
        f"question_{questions['size'].pk}": "1 to 10",
        "action": "send",
    }
    return data | extra


def test_the_form_is_public_and_asks_the_active_questions(client: Client, questions: dict[str, Any]) -> None:
    response = client.get(JOIN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Do you work in Lancashire?" in page
    assert "More than 10" in page
    assert "An old question" not in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "Sign out" not in page  # no staff menu for a visitor
    # Areas are local authorities only.
    assert Area.objects.filter(kind="region").first().name not in page


def test_csrf_is_checked() -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post(JOIN, {"organisation_name": "X"}).status_code == 403


def test_sending_saves_it_waiting_and_e_mails_the_contact(client: Client, questions: dict[str, Any]) -> None:
    response = client.post(JOIN, form_data(client, questions))
    application = MembershipApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/members/join/{application.token}/"
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None
    assert application.postcode == "BB11 1AA"
    assert application.contact_email == "jo@theatre.example"
    assert application.answers == {str(questions["lancashire"].pk): "Yes", str(questions["size"].pk): "1 to 10"}
    assert application.categories.count() == 1
    assert application.areas.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jo@theatre.example"]
    assert "received" in mail.outbox[0].subject
    followed = client.get(response["Location"]).content.decode()
    assert "Thank you: your application has been sent" in followed
    assert "Waiting for a decision" in followed


def test_sending_twice_makes_one_application(client: Client, questions: dict[str, Any]) -> None:
    data = form_data(client, questions)
    client.post(JOIN, data)
    again = client.post(JOIN, data)  # the browser sends the same form again
    assert "This application has already been sent" in again.content.decode()
    application = MembershipApplication.objects.get()
    resent = client.post(f"/members/join/{application.token}/", data)
    assert "This application has already been sent" in resent.content.decode()
    assert MembershipApplication.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_second_application_while_one_is_waiting_is_refused(client: Client, questions: dict[str, Any]) -> None:
    client.post(JOIN, form_data(client, questions))
    response = client.post(JOIN, form_data(client, questions, contact_email="jo@theatre.example"))
    assert response.status_code == 422
    assert "already waiting for a decision" in response.content.decode()
    assert MembershipApplication.objects.count() == 1


def test_sending_needs_the_required_answers_and_details(client: Client, questions: dict[str, Any]) -> None:
    data = form_data(client, questions, postcode="", categories=[])
    del data[f"question_{questions['lancashire'].pk}"]
    response = client.post(JOIN, data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Do you work in Lancashire?: Answer this question." in page
    assert "Give the organisation&#x27;s postcode." in page
    assert "Choose at least one kind of service you deliver." in page
    assert not MembershipApplication.objects.exists()
    bad = client.post(
        JOIN, form_data(client, questions, postcode="not one", **{f"question_{questions['size'].pk}": "Lots"})
    )
    assert "is not a UK postcode" in bad.content.decode()
    assert "Choose one of the answers given." in bad.content.decode()


def test_a_draft_gets_a_private_link_to_come_back(client: Client, questions: dict[str, Any]) -> None:
    data = form_data(client, questions, action="draft", postcode="", categories=[])
    del data[f"question_{questions['lancashire'].pk}"]
    response = client.post(JOIN, data)
    application = MembershipApplication.objects.get()
    link = f"/members/join/{application.token}/"
    assert response["Location"] == link
    assert application.status == ApplicationStatus.DRAFT
    assert application.submitted_at is None
    assert len(mail.outbox) == 1
    assert link in mail.outbox[0].body
    page = client.get(link).content.decode()
    assert "saved as a draft" in page
    assert f"http://testserver{link}" in page
    # Another browser (the applicant later) comes back with the link and sends it.
    later = Client()
    form = later.get(link).content.decode()
    assert "Burnley Youth Theatre" in form
    sent = later.post(link, form_data(later, questions) | {"application": str(application.token)})
    assert sent.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert MembershipApplication.objects.count() == 1


def test_an_unknown_or_malformed_token_is_not_found(client: Client) -> None:
    MembershipApplicationFactory()
    assert client.get(f"/members/join/{uuid.uuid4()}/").status_code == 404
    assert client.get("/members/join/1/").status_code == 404
    assert client.post(f"/members/join/{uuid.uuid4()}/", {"organisation_name": "X"}).status_code == 404


def test_the_public_page_shows_only_its_own_application(client: Client) -> None:
    mine = MembershipApplicationFactory(organisation_name="Mine Ltd", status=ApplicationStatus.DRAFT)
    MembershipApplicationFactory(organisation_name="Someone Else CIC")
    page = client.get(f"/members/join/{mine.token}/").content.decode()
    assert "Mine Ltd" in page
    assert "Someone Else CIC" not in page
    assert "Someone Else CIC" not in client.get(JOIN).content.decode()


def test_join_url_name() -> None:
    assert reverse("members:join") == JOIN
