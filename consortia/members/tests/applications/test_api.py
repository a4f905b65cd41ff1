"""The eligibility questions' and applications' API endpoints, through the generic API tests."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.urls import reverse

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.members.models import EligibilityQuestion, MembershipApplication
from consortia.members.tests.applications.factories import EligibilityQuestionFactory, MembershipApplicationFactory
from consortia.users.testing import Personas


class TestEligibilityQuestionApi(RecordApiTests):
    basename = "eligibilityquestion"
    model = EligibilityQuestion
    member_can_view = False
    change = {"help_text": "Where your services are delivered."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> EligibilityQuestion:
        return EligibilityQuestionFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"text": "Do you have a safeguarding policy?", "kind": "yes_no", "expected_answer": "Yes"}


class TestMembershipApplicationApi(RecordApiTests):
    basename = "membershipapplication"
    model = MembershipApplication
    member_can_view = False
    change = {"services": "Befriending and lunch clubs."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> MembershipApplication:
        return MembershipApplicationFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "organisation_name": "Wyre Men's Sheds",
            "contact_name": "Dev Patel",
            "contact_email": "dev@sheds.example",
        }


def test_a_choice_question_needs_its_choices(personas: Personas) -> None:
    client = api_client(personas.manager)
    response = client.post(
        reverse("api:eligibilityquestion-list"), {"text": "Your size?", "kind": "choice", "choices": ""}, format="json"
    )
    assert response.status_code == 400
    assert "one per line" in str(response.json())


def test_the_api_cannot_decide_an_application(personas: Personas) -> None:
    application = MembershipApplicationFactory()
    client = api_client(personas.manager)
    response = client.patch(
        reverse("api:membershipapplication-detail", args=[application.pk]), {"status": "approved"}, format="json"
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == "submitted"


def test_decisions_through_the_api(personas: Personas) -> None:
    from consortia.members.models import Membership

    client = api_client(personas.manager)
    waiting = MembershipApplicationFactory()
    url = reverse("api:membershipapplication-reject", args=[waiting.pk])
    assert client.post(url, {"reason": ""}, format="json").status_code == 400
    response = client.post(url, {"reason": "Not in Lancashire."}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    # Decided already: refused, saying why.
    again = client.post(reverse("api:membershipapplication-ask-for-more", args=[waiting.pk]), {"reason": "X"})
    assert again.status_code == 400
    assert "only an application waiting" in str(again.json())

    other = MembershipApplicationFactory()
    approve = reverse("api:membershipapplication-approve", args=[other.pk])
    assert api_client(personas.auditor).post(approve, {"tier": "full"}, format="json").status_code == 403
    response = client.post(approve, {"tier": "partner"}, format="json")
    assert response.status_code == 200, response.json()
    assert Membership.objects.get(organisation_id=response.json()["organisation"]).tier == "partner"
    assert any("choose your password" in message.subject for message in mail.outbox)
