"""Who can deliver: the hub finds members for a service, for a group, in a county; then the coverage grid."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from consortia.directory.models import Area
from consortia.members.models import ClientGroup, ServiceCategory
from consortia.members.tests.capabilities.factories import CapabilityFactory, QualityMarkFactory
from consortia.members.tests.membership.factories import MembershipFactory
from consortia.users.models import User
from consortia.users.testing import Personas


def test_find_who_can_deliver_then_see_the_gaps(signed_in: Callable[[User], Page], personas: Personas) -> None:
    carers = ClientGroup.objects.get(name="Carers")
    MembershipFactory(organisation=personas.org_a)
    CapabilityFactory(
        organisation=personas.org_a,
        category=ServiceCategory.objects.get(code="carers-support"),
        client_groups=[carers],
        areas=[Area.objects.get(name="Chorley")],
        clients_per_year=210,
    )
    QualityMarkFactory(organisation=personas.org_a, name="Carers Trust Network Partner")
    page = signed_in(personas.manager)
    menu = page.get_by_role("navigation", name="Main")
    menu.get_by_role("button", name="Members").click()
    menu.get_by_role("link", name="Who can deliver?").click()
    expect(page.get_by_role("heading", name="Who can deliver a service, for whom, where?", level=1)).to_be_visible()
    page.get_by_label("Service (required)").select_option(label="Carers' support")
    page.get_by_label("For").select_option(label="Carers")
    page.get_by_label("In", exact=True).select_option(label="Lancashire (county)")
    page.get_by_role("button", name="Find members").click()
    expect(
        page.get_by_role("heading", name="1 member can deliver carers' support for carers in Lancashire")
    ).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Alpha Advice Centre")
    expect(row).to_contain_text("210")
    expect(row).to_contain_text("Carers Trust Network Partner")

    page.goto(page.url.split("/members/")[0] + "/members/capabilities/coverage/")
    grid = page.get_by_role("table")
    carers_row = grid.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Carers' support"))
    expect(carers_row).to_contain_text("1")
    food_row = grid.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Food poverty"))
    expect(food_row).to_contain_text("no member")
