"""The eligibility questions' and applications' record pages, through the generic view tests."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.members.models import EligibilityQuestion, MembershipApplication
from consortia.members.tests.applications.factories import EligibilityQuestionFactory, MembershipApplicationFactory
from consortia.members.views.applications import EligibilityQuestionViews, MembershipApplicationViews
from consortia.users.testing import Personas


class TestEligibilityQuestionViews(EditableRecordTests):
    record = EligibilityQuestionViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page
    concurrent_change = {"help_text": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> EligibilityQuestion:
        return EligibilityQuestionFactory(text=f"Do you work in Lancashire {index}?")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "text": "Do you have a safeguarding policy?",
            "kind": "yes_no",
            "required": "on",
            "expected_answer": "Yes",
            "active": "on",
            "order": "40",
        }


class TestMembershipApplicationViews(EditableRecordTests):
    record = MembershipApplicationViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page
    concurrent_change = {"services": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> MembershipApplication:
        return MembershipApplicationFactory(organisation_name=f"Pendle Food Bank {index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "organisation_name": "Wyre Men's Sheds",
            "legal_form": "unincorporated",
            "postcode": "fy7 6aa",
            "contact_name": "Dev Patel",
            "contact_email": "dev@sheds.example",
            "services": "Shed sessions for older men.",
            "tier_requested": "associate",
        }
