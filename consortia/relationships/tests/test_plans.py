"""Engagement plans: the rules a plan must keep, the last contact worked out from the
interactions, the "no contact in N days" filter, and who may see plans at all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consortia.core.testing.api import api_client
from consortia.core.testing.views import form_token
from consortia.directory.tests.factories import OrganisationFactory
from consortia.relationships.models import EngagementPlan
from consortia.relationships.services.engagement import NEVER, with_last_contact
from consortia.relationships.tests import factories
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def plan_post(personas: Personas, **changes: object) -> dict[str, object]:
    return {
        "commissioner": factories.council("Zeta Council").pk,
        "is_current": "on",
        "influence": "4",
        "interest": "4",
        "objectives": "Shape the early help strategy.",
        "owner": personas.manager.pk,
        "health": "green",
        "review_on": (TODAY() + timedelta(days=30)).isoformat(),
    } | changes


def post_plan(client: Client, data: dict[str, object]) -> str:
    url = reverse("relationships:engagementplan_add")
    response = client.post(url, data | {"_token": form_token(client, url)})
    assert response.status_code == 200, "the form is shown again with the problem"
    return response.content.decode()


def test_influence_out_of_range_is_refused(personas: Personas, client_for: Callable[..., Client]) -> None:
    page = post_plan(client_for(personas.manager), plan_post(personas, influence="6", interest="0"))
    assert "Give a score from 1 to 5." in page
    assert not EngagementPlan.objects.exists()
    response = api_client(personas.manager).post(
        reverse("api:engagementplan-list"), plan_post(personas, influence=9, is_current=True), format="json"
    )
    assert response.status_code == 400
    assert "Give a score from 1 to 5." in str(response.json()["influence"])
    assert not EngagementPlan.objects.exists()


def test_a_second_current_plan_for_a_commissioner_is_refused(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    first = factories.plan(personas.manager)
    page = post_plan(client_for(personas.manager), plan_post(personas, commissioner=first.commissioner_id))
    assert f"{first.commissioner} already has a current engagement plan" in page
    assert EngagementPlan.objects.count() == 1
    response = api_client(personas.manager).post(
        reverse("api:engagementplan-list"),
        plan_post(personas, commissioner=first.commissioner_id, is_current=True),
        format="json",
    )
    assert response.status_code == 400
    assert "already has a current engagement plan" in str(response.json())
    # An earlier plan, not current, may sit beside the current one.
    factories.plan(personas.manager, first.commissioner, is_current=False)
    assert EngagementPlan.objects.filter(commissioner=first.commissioner).count() == 2


def test_plans_are_for_commissioners_and_amber_or_red_needs_a_reason(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    charity = OrganisationFactory(name="Not A Council")
    page = post_plan(client_for(personas.manager), plan_post(personas, commissioner=charity.pk, health="red"))
    assert "Select a valid choice" in page  # only commissioners are offered
    plan = EngagementPlan(
        commissioner=charity, influence=3, interest=3, objectives="x", owner=personas.manager, review_on=TODAY()
    )
    with pytest.raises(Exception, match="is not a commissioner"):
        plan.full_clean()
    page = post_plan(client_for(personas.manager), plan_post(personas, health="red"))
    assert "Say why the relationship is not green" in page
    assert not EngagementPlan.objects.exists()


def test_last_contact_is_the_latest_interaction_worked_out_in_the_database(personas: Personas) -> None:
    today = TODAY()
    quiet, busy, never = (factories.plan(personas.manager) for _ in range(3))
    factories.interaction(quiet.commissioner, today - timedelta(days=200))
    factories.interaction(quiet.commissioner, today - timedelta(days=120))
    factories.interaction(busy.commissioner, today - timedelta(days=40))
    factories.interaction(busy.commissioner, today - timedelta(days=3))
    rows = {plan.pk: plan for plan in with_last_contact(EngagementPlan.objects.all(), today)}
    assert (rows[quiet.pk].last_contact, rows[quiet.pk].days_since_contact) == (today - timedelta(days=120), 120)
    assert (rows[busy.pk].last_contact, rows[busy.pk].days_since_contact) == (today - timedelta(days=3), 3)
    assert (rows[never.pk].last_contact, rows[never.pk].days_since_contact) == (None, NEVER)
    # A new interaction moves it at once: nothing stored to drift.
    factories.interaction(quiet.commissioner, today)
    again = with_last_contact(EngagementPlan.objects.filter(pk=quiet.pk), today).get()
    assert (again.last_contact, again.days_since_contact) == (today, 0)


def test_list_filters_and_sorts_by_days_since_last_contact(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    today = TODAY()
    recent = factories.plan(personas.manager, factories.council("Recent Council"))
    stale = factories.plan(personas.manager, factories.council("Stale Council"))
    never = factories.plan(personas.manager, factories.council("Silent Council"))
    factories.interaction(recent.commissioner, today - timedelta(days=5))
    factories.interaction(stale.commissioner, today - timedelta(days=95))
    client = client_for(personas.manager)
    url = reverse("relationships:engagementplan_list")
    page = client.get(url, {"no_contact_days": "90"}).content.decode()
    assert "Stale Council" in page
    assert "Silent Council" in page
    assert "Recent Council" not in page
    page = client.get(url, {"sort": "days_since_contact"}).content.decode()
    assert page.index("Recent Council") < page.index("Stale Council") < page.index("Silent Council")
    assert "Never contacted" in page
    page = client.get(url, {"sort": "-days_since_contact"}).content.decode()
    assert page.index("Silent Council") < page.index("Stale Council") < page.index("Recent Council")
    api = api_client(personas.manager).get(reverse("api:engagementplan-list"), {"no_contact_days": 90}).json()
    found = {row["id"]: row for row in api["results"]}
    assert set(found) == {stale.pk, never.pk}
    assert found[stale.pk]["days_since_contact"] == 95
    assert found[never.pk]["days_since_contact"] is None
    assert found[stale.pk]["last_contact"] == (today - timedelta(days=95)).isoformat()


def test_commissioners_and_members_never_see_relationships(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    factories.commissioner(personas.org_c)
    plan = factories.plan(personas.manager, personas.org_c)
    meeting = factories.interaction(personas.org_c, TODAY())
    for user in (personas.commissioner, personas.member_a):
        client = client_for(user)
        for url in (
            reverse("relationships:engagementplan_list"),
            plan.get_absolute_url(),
            meeting.get_absolute_url(),
            reverse("relationships:interaction_list"),
            reverse("relationships:followup_list"),
            reverse("relationships:expiringcontract_list"),
        ):
            assert client.get(url).status_code in (403, 404), (user, url)
        assert client.get(reverse("relationships:stakeholder_map")).status_code == 404
        for name in ("engagementplan", "interaction", "followup", "expiringcontract"):
            assert api_client(user).get(reverse(f"api:{name}-list")).status_code == 403
    # The bid team works with commissioners: it keeps plans; a read-only role only reads them.
    assert client_for(personas.bid_writer).get(reverse("relationships:engagementplan_add")).status_code == 200
    assert client_for(personas.auditor).get(plan.get_absolute_url()).status_code == 200
    assert client_for(personas.auditor).get(reverse("relationships:engagementplan_add")).status_code == 403


def test_stakeholder_map_places_each_commissioner_in_its_quadrant(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    placed = {
        "Manage Council": (5, 4, "red"),
        "Satisfy Council": (4, 1, "green"),
        "Inform Council": (1, 5, "amber"),
        "Monitor Council": (2, 2, "green"),
    }
    plans = {
        name: factories.plan(
            personas.manager,
            factories.council(name),
            influence=influence,
            interest=interest,
            health=health,
            health_note="" if health == "green" else "Reason.",
        )
        for name, (influence, interest, health) in placed.items()
    }
    factories.plan(personas.manager, plans["Manage Council"].commissioner, is_current=False, influence=1, interest=1)
    page = client_for(personas.manager).get(reverse("relationships:stakeholder_map")).content.decode()
    for quadrant, name in (
        ("manage", "Manage Council"),
        ("satisfy", "Satisfy Council"),
        ("inform", "Inform Council"),
        ("monitor", "Monitor Council"),
    ):
        section = page[page.index(f'id="quadrant-{quadrant}"') :]
        section = section[: section.index("</section>")]
        assert name in section
        assert plans[name].get_absolute_url() in section
    influence, interest, _ = placed["Manage Council"]
    cell = page[page.index(f'data-influence="{influence}" data-interest="{interest}"') :]
    cell = cell[: cell.index("</td>")]
    assert "Manage Council" in cell
    assert "text-bg-danger" in cell  # red
    assert 'data-quadrant="manage"' in cell
    assert "(earlier plan)" not in page  # only current plans are on the map
    for label in ("Manage closely", "Keep satisfied", "Keep informed", "Monitor"):
        assert label in page


def test_stakeholder_map_costs_a_fixed_number_of_queries(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    url = reverse("relationships:stakeholder_map")
    client.get(url)
    factories.plan(personas.manager)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for index in range(15):
        plan = factories.plan(personas.manager, influence=1 + index % 5, interest=1 + index // 5)
        factories.interaction(plan.commissioner, TODAY() - timedelta(days=index))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    # session, user, the user's permissions (group and own), the plans with their last contact
    assert (len(few), len(many)) == (5, 5), [query["sql"] for query in many.captured_queries]
    assert client_for(personas.nobody).get(url).status_code == 403


def test_the_bid_team_keeps_plans_naming_any_hub_user_as_owner(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    client = client_for(personas.bid_writer)
    url = reverse("relationships:engagementplan_add")
    data = plan_post(personas, owner=personas.bid_writer.pk)
    response = client.post(url, data | {"_token": form_token(client, url)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert EngagementPlan.objects.get().owner == personas.bid_writer
    response = api_client(personas.bid_writer).post(
        reverse("api:engagementplan-list"),
        plan_post(personas, owner=personas.member_a.pk, is_current=True),
        format="json",
    )
    assert response.status_code == 400  # a member organisation's user cannot own a hub relationship
    assert "owner" in response.json()
