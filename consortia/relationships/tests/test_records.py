"""The generic pages and API of every relationships record type (the core kit's tests).

These are the hub's own records: member organisations' users (and a commissioner's own users)
never see them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests, RecordViewTests
from consortia.directory.models import Organisation
from consortia.relationships.models import EngagementPlan, ExpiringContract, FollowUp, Interaction
from consortia.relationships.tests import factories
from consortia.relationships.views import (
    EngagementPlanViews,
    ExpiringContractViews,
    FollowUpViews,
    InteractionViews,
)
from consortia.users.testing import Personas

TODAY = timezone.localdate


def make_plan(personas: Personas, organisation: Organisation, index: int = 0) -> EngagementPlan:
    return factories.plan(personas.manager, factories.council(f"{organisation.name} Council {index}"))


def plan_data(personas: Personas) -> dict[str, Any]:
    return {
        "commissioner": factories.council("Delta Borough Council").pk,
        "is_current": "on",
        "influence": "5",
        "interest": "3",
        "objectives": "Agree a joint approach to early help.",
        "owner": personas.manager.pk,
        "health": "green",
        "review_on": (TODAY() + timedelta(days=60)).isoformat(),
    }


class TestEngagementPlanViews(EditableRecordTests):
    record = EngagementPlanViews
    member_can_view = False
    # session, user, the user's permissions (group and own), count, the page of rows with each
    # commissioner's last contact (a subquery in the same query)
    list_queries = 6
    concurrent_change = {"objectives": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> EngagementPlan:
        return make_plan(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return plan_data(personas)


class TestEngagementPlanApi(RecordApiTests):
    basename = "engagementplan"
    model = EngagementPlan
    member_can_view = False
    change = {"objectives": "Reworded objectives."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> EngagementPlan:
        return make_plan(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return plan_data(personas) | {"is_current": True}


def make_interaction(personas: Personas, organisation: Organisation, index: int = 0) -> Interaction:
    return factories.interaction(factories.council(), TODAY(), title=f"Review {index} for {organisation.name}")


def interaction_data(personas: Personas) -> dict[str, Any]:
    council = factories.council("Epsilon City Council")
    person = factories.contact(council)
    return {
        "commissioner": council.pk,
        "kind": "meeting",
        "date": (TODAY() - timedelta(days=2)).isoformat(),
        "title": "Quarterly review",
        "hub_attendees": [personas.manager.pk],
        "contacts": [person.pk],
        "notes": "Agreed to share the needs assessment.",
    }


class TestInteractionViews(EditableRecordTests):
    record = InteractionViews
    member_can_view = False
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Interaction:
        return make_interaction(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return interaction_data(personas)


class TestInteractionApi(RecordApiTests):
    basename = "interaction"
    model = Interaction
    member_can_view = False
    change = {"title": "Renamed meeting"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Interaction:
        return make_interaction(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return interaction_data(personas)


def make_follow_up(personas: Personas, organisation: Organisation, index: int = 0) -> FollowUp:
    meeting = factories.interaction(factories.council(), TODAY() - timedelta(days=5))
    return factories.follow_up(
        meeting, personas.manager, TODAY() + timedelta(days=5), description=f"Send {organisation.name} note {index}"
    )


def follow_up_data(personas: Personas) -> dict[str, Any]:
    meeting = factories.interaction(factories.council(), TODAY() - timedelta(days=5))
    return {
        "interaction": meeting.pk,
        "description": "Send the case studies.",
        "owner": personas.bid_writer.pk,
        "due_on": (TODAY() + timedelta(days=7)).isoformat(),
    }


class TestFollowUpViews(EditableRecordTests):
    record = FollowUpViews
    member_can_view = False
    list_queries = 6
    concurrent_change = {"description": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> FollowUp:
        return make_follow_up(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return follow_up_data(personas)


class TestFollowUpApi(RecordApiTests):
    basename = "followup"
    model = FollowUp
    member_can_view = False
    change = {"description": "Send the revised case studies."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> FollowUp:
        return make_follow_up(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return follow_up_data(personas)


def make_expiring(personas: Personas, organisation: Organisation, index: int = 0) -> ExpiringContract:
    return factories.expiring(f"Advice service {index} near {organisation.name}", months=6 + index % 12)


class TestExpiringContractViews(RecordViewTests):
    record = ExpiringContractViews
    member_can_view = False
    # session, user, the user's permissions (group and own), count, the page of rows (with the
    # notice and the buyer's current plan), the members matched to those notices
    list_queries = 7

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ExpiringContract:
        return make_expiring(personas, organisation, index)


class TestExpiringContractApi(RecordApiTests):
    basename = "expiringcontract"
    model = ExpiringContract
    member_can_view = False
    writable = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ExpiringContract:
        return make_expiring(personas, organisation, index)
