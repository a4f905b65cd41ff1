"""The generic pages and API of every policies record type (the core kit's tests)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.policies.models import Acknowledgement, Policy, PolicyArea, PolicyVersion, Risk, RiskAction, RiskReview
from consortia.policies.services.policies import acknowledge
from consortia.policies.services.risks import record_review
from consortia.policies.tests import factories
from consortia.policies.views.policies import AcknowledgementViews, PolicyAreaViews, PolicyVersionViews, PolicyViews
from consortia.policies.views.risks import RiskActionViews, RiskReviewViews, RiskViews
from consortia.users.testing import Personas

TODAY = timezone.localdate()


def policy_for(personas: Personas, organisation: Organisation, index: int = 0) -> Policy:
    """A policy the organisation must acknowledge (so its users see it)."""
    return factories.policy(personas.manager, members=[organisation], title=f"Safeguarding {index} {organisation.name}")


def policy_data(personas: Personas) -> dict[str, Any]:
    return {
        "title": "Lone working procedure",
        "kind": "procedure",
        "area": factories.area("Health and safety").pk,
        "owner": personas.manager.pk,
        "active": "on",
        "review_period_months": "12",
        "audience": "all",
    }


class TestPolicyAreaViews(EditableRecordTests):
    record = PolicyAreaViews
    member_can_view = False  # the hub's own library
    # session, user, the user's permissions (group and own), count, the page of rows
    list_queries = 6
    concurrent_change = {"description": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PolicyArea:
        return factories.area(f"Area {index} of {organisation.name}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"name": "Lone working", "description": "Staff working alone."}


class TestPolicyAreaApi(RecordApiTests):
    basename = "policyarea"
    model = PolicyArea
    member_can_view = False
    change = {"description": "Reworded"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PolicyArea:
        return factories.area(f"Area {index} of {organisation.name}")

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"name": "Lone working", "description": "Staff working alone."}


class TestPolicyViews(EditableRecordTests):
    record = PolicyViews
    # session, user, the user's permissions (group and own), count, the page of rows (area,
    # owner and current version joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Policy:
        return policy_for(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return policy_data(personas)


class TestPolicyApi(RecordApiTests):
    basename = "policy"
    model = Policy
    change = {"title": "Renamed policy"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Policy:
        return policy_for(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return policy_data(personas) | {"active": True, "members": []}


def approved_for(personas: Personas, organisation: Organisation, index: int = 0) -> PolicyVersion:
    """The approved version of a policy the organisation must acknowledge (its users see it)."""
    return factories.approved(policy_for(personas, organisation, index), personas.manager)


class TestPolicyVersionViews(EditableRecordTests):
    record = PolicyVersionViews
    # session, user, the user's permissions (group and own), count, the page of rows
    list_queries = 6
    concurrent_change = {"summary": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PolicyVersion:
        return approved_for(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "policy": factories.policy(personas.manager).pk,
            "file": SimpleUploadedFile("policy.pdf", factories.PDF, content_type="application/pdf"),
            "summary": "First version.",
        }

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return {"policy": obj.policy_id, "summary": "First version, reworded."}

    def test_stale_edit_is_refused(self, personas: Personas, client_for: Callable[..., Client]) -> None:
        # An approved version is locked, so a draft (which the generic `make` is not).
        draft = factories.version(factories.policy(personas.manager))
        client = client_for(personas.manager)
        seen = re.search(r'name="_version" value="(\w+)"', client.get(self.url("edit", draft)).content.decode())
        assert seen
        PolicyVersion.objects.filter(pk=draft.pk).update(**self.concurrent_change)
        response = client.post(self.url("edit", draft), self.edit_data(personas, draft) | {"_version": seen.group(1)})
        assert response.status_code == 200
        assert "Someone else changed this record" in response.content.decode()


class TestPolicyVersionApi(RecordApiTests):
    basename = "policyversion"
    model = PolicyVersion
    create_format = "multipart"
    change = {"summary": "First version, reworded."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PolicyVersion:
        return approved_for(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "policy": factories.policy(personas.manager).pk,
            "file": SimpleUploadedFile("policy.pdf", factories.PDF, content_type="application/pdf"),
            "summary": "First version.",
        }


def acknowledgement(personas: Personas, organisation: Organisation, index: int = 0) -> Acknowledgement:
    return acknowledge(approved_for(personas, organisation, index), organisation, personas.manager)


class TestAcknowledgementViews(EditableRecordTests):
    record = AcknowledgementViews
    # session, user, the user's permissions (group and own), count, the page of rows (version,
    # policy, organisation and who acknowledged joined)
    list_queries = 6
    concurrent_change = {"acknowledged_on": TODAY - timedelta(days=3)}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Acknowledgement:
        return acknowledgement(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        version = approved_for(personas, personas.org_a, 99)
        return {"version": version.pk, "organisation": personas.org_a.pk, "acknowledged_on": TODAY.isoformat()}

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return {"acknowledged_on": (TODAY - timedelta(days=1)).isoformat()}


class TestAcknowledgementApi(RecordApiTests):
    basename = "acknowledgement"
    model = Acknowledgement
    change = {"acknowledged_on": (TODAY - timedelta(days=1)).isoformat()}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Acknowledgement:
        return acknowledgement(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        version = approved_for(personas, personas.org_a, 99)
        return {"version": version.pk, "organisation": personas.org_a.pk}


def risk_data(personas: Personas) -> dict[str, Any]:
    return {
        "title": "Payment by results cash flow",
        "category": "financial",
        "owner": personas.manager.pk,
        "status": "open",
        "review_on": (TODAY + timedelta(days=90)).isoformat(),
        "inherent_likelihood": "4",
        "inherent_impact": "5",
        "residual_likelihood": "3",
        "residual_impact": "4",
    }


class TestRiskViews(EditableRecordTests):
    record = RiskViews
    member_can_view = False  # the hub's own register
    # session, user, the user's permissions (group and own), count, the page of rows (owner joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Risk:
        return factories.risk(personas.manager, title=f"Risk {index} of {organisation.name}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return risk_data(personas)


class TestRiskApi(RecordApiTests):
    basename = "risk"
    model = Risk
    member_can_view = False
    change = {"title": "Renamed risk"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Risk:
        return factories.risk(personas.manager, title=f"Risk {index} of {organisation.name}")

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return risk_data(personas) | {
            "inherent_likelihood": 4,
            "inherent_impact": 5,
            "residual_likelihood": 3,
            "residual_impact": 4,
        }


def review(personas: Personas, organisation: Organisation, index: int = 0) -> RiskReview:
    risk = factories.risk(personas.manager, title=f"Risk {index} of {organisation.name}")
    return record_review(risk, personas.manager, TODAY - timedelta(days=index % 20), 2, 3, f"Reviewed {index}")


class TestRiskReviewViews(EditableRecordTests):
    record = RiskReviewViews
    member_can_view = False
    # session, user, the user's permissions (group and own), count, the page of rows (risk joined)
    list_queries = 6
    concurrent_change = {"note": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> RiskReview:
        return review(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "risk": factories.risk(personas.manager).pk,
            "reviewed_on": TODAY.isoformat(),
            "likelihood": "2",
            "impact": "4",
            "note": "Reserves rebuilt.",
        }

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return {"reviewed_on": obj.reviewed_on.isoformat(), "likelihood": "3", "impact": "4", "note": "Corrected."}


class TestRiskReviewApi(RecordApiTests):
    basename = "riskreview"
    model = RiskReview
    member_can_view = False
    change = {"note": "Corrected."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> RiskReview:
        return review(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "risk": factories.risk(personas.manager).pk,
            "reviewed_on": TODAY.isoformat(),
            "likelihood": 2,
            "impact": 4,
        }


class TestRiskActionViews(EditableRecordTests):
    record = RiskActionViews
    member_can_view = False
    # session, user, the user's permissions (group and own), count, the page of rows (risk and owner joined)
    list_queries = 6
    concurrent_change = {"description": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> RiskAction:
        return factories.action(
            factories.risk(personas.manager), personas.manager, description=f"Action {index} {organisation.name}"
        )

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "risk": factories.risk(personas.manager).pk,
            "description": "Agree an overdraft facility",
            "owner": personas.manager.pk,
            "due_on": (TODAY + timedelta(days=30)).isoformat(),
        }


class TestRiskActionApi(RecordApiTests):
    basename = "riskaction"
    model = RiskAction
    member_can_view = False
    change = {"description": "Reworded"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> RiskAction:
        return factories.action(
            factories.risk(personas.manager), personas.manager, description=f"Action {index} {organisation.name}"
        )

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "risk": factories.risk(personas.manager).pk,
            "description": "Agree an overdraft facility",
            "owner": personas.manager.pk,
            "due_on": (TODAY + timedelta(days=30)).isoformat(),
        }
