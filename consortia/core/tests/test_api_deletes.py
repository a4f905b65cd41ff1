"""Deleting and changing through the API keeps the rules the record's own pages keep: the views'
`delete_blockers` and `edit_blockers`, their `delete` (a service where there is one), and records
that other records still refer to."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from consortia.core.testing.api import api_client
from consortia.directory.models import Organisation
from consortia.hub.choices import PlanStatus
from consortia.hub.models import BusinessPlan
from consortia.hub.tests.plan.factories import BusinessPlanFactory
from consortia.relationships.tests import factories as relationships
from consortia.users.testing import Personas


def test_an_approved_business_plan_is_not_deleted_through_the_api(personas: Personas) -> None:
    approved = BusinessPlanFactory(status=PlanStatus.APPROVED, approved_on=date(2026, 3, 20))
    draft = BusinessPlanFactory()
    client = api_client(personas.manager)
    refused = client.delete(reverse("api:businessplan-detail", args=[approved.pk]))
    assert refused.status_code == 400
    assert refused.json() == {
        "non_field_errors": [
            "The board has approved this plan: it is the record of what was agreed. Supersede it instead."
        ]
    }
    assert BusinessPlan.objects.filter(pk=approved.pk).exists()
    assert client.delete(reverse("api:businessplan-detail", args=[draft.pk])).status_code == 204
    assert not BusinessPlan.objects.filter(pk=draft.pk).exists()


def test_a_record_others_refer_to_is_refused_with_their_names_not_a_server_error(personas: Personas) -> None:
    council = relationships.council("Wyre Council")
    relationships.plan(personas.manager, of=council)
    response = api_client(personas.manager).delete(reverse("api:organisation-detail", args=[council.pk]))
    assert response.status_code == 400
    [message] = response.json()["non_field_errors"]
    assert message.startswith("“Wyre Council” cannot be deleted while other records refer to it (engagement plan")
    assert message.endswith("remove or change those first.")
    assert Organisation.objects.filter(pk=council.pk).exists()
