"""The memberships' and development actions' API."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.members.models import DevelopmentAction, Membership
from consortia.members.tests.membership.factories import DevelopmentActionFactory, membership_for
from consortia.members.tests.membership.test_views import make_membership
from consortia.users.testing import Personas


class TestMembershipApi(RecordApiTests):
    basename = "membership"
    model = Membership
    change = {"status": "suspended"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Membership:
        return make_membership(organisation)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"organisation": OrganisationFactory().pk, "tier": "partner", "joined_on": "2025-01-01"}


class TestDevelopmentActionApi(RecordApiTests):
    basename = "developmentaction"
    model = DevelopmentAction
    change = {"done_on": "2026-05-01"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> DevelopmentAction:
        return DevelopmentActionFactory(membership=membership_for(organisation))

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "membership": membership_for(personas.org_a).pk,
            "action": "Adopt a reserves policy",
            "due_on": "2026-07-01",
        }


def test_renewal_before_joining_is_refused(personas: Personas) -> None:
    payload = TestMembershipApi().create_payload(personas) | {"renewal_due": "2024-01-01"}
    response = api_client(personas.manager).post("/api/memberships/", payload, format="json")
    assert response.status_code == 400
    assert "renewal_due" in response.json()
