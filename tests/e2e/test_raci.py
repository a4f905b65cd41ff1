"""The hub manager sets cells of the RACI matrix in place and watches its flags."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from consortia.directory.tests.factories import OrganisationFactory
from consortia.hub.choices import DelivererKind
from consortia.hub.models import HubTask, TaskAllocation
from consortia.hub.tests.delivery.factories import DelivererFactory
from consortia.users.models import User
from consortia.users.testing import Personas

TASK = "Monitor subcontractor performance"  # oversees members' work


def set_cell(page: Page, deliverer: str, role: str, hours: str) -> None:
    page.get_by_role("link", name=f"{TASK}, {deliverer}: none. Change").click()
    form = page.locator("#raci form")
    form.get_by_label(f"Role of {deliverer} in “{TASK}”").select_option(label=role)
    form.get_by_label("Hours a month").fill(hours)
    form.get_by_role("button", name="Save").click()


def test_the_manager_sets_cells_and_the_flags_follow(signed_in: Callable[[User], Page], personas: Personas) -> None:
    DelivererFactory(kind=DelivererKind.BOARD, name="The Board", hours_per_month=None)
    red_rose = OrganisationFactory(name="Red Rose Council for Voluntary Service", roles=["infrastructure", "member"])
    DelivererFactory(kind=DelivererKind.MEMBER, organisation=red_rose, name="Red Rose CVS", hours_per_month=80)
    active = HubTask.objects.filter(retired=False).count()

    page = signed_in(personas.manager)
    page.goto("/hub/")
    menu = page.get_by_role("navigation", name="Main")
    menu.get_by_role("button", name="Hub").click()
    menu.get_by_role("link", name="RACI matrix").click()
    expect(page.get_by_role("heading", name="Who delivers the hub's tasks", level=1)).to_be_visible()

    flags = page.locator("#flags")
    expect(flags.locator("#flag-no_accountable")).to_contain_text(f"Tasks with no one accountable: {active}")
    expect(flags.locator("#flag-conflict")).to_have_text("Conflicts of interest: 0")
    row = page.locator("#raci tr", has=page.get_by_role("link", name=TASK, exact=True))
    expect(row).to_contain_text("No one accountable")

    # The board signs the task off: the flag for it goes, without leaving the page.
    url = page.url
    set_cell(page, "The Board", "Accountable (signs it off)", "2")
    expect(flags.locator("#flag-no_accountable")).to_contain_text(f"Tasks with no one accountable: {active - 1}")
    expect(row).not_to_contain_text("No one accountable")
    expect(row.get_by_role("link", name=f"{TASK}, The Board: A. Change")).to_be_visible()
    assert page.url == url

    # A member made responsible for overseeing members: a conflict of interest.
    set_cell(page, "Red Rose CVS", "Responsible (does the work)", "10")
    conflict = flags.locator("#flag-conflict")
    expect(conflict).to_contain_text("Conflicts of interest: 1")
    expect(conflict.get_by_role("link", name=f"Red Rose CVS is responsible for “{TASK}”")).to_be_visible()
    expect(row).to_contain_text("Conflict of interest")
    assert set(TaskAllocation.objects.values_list("deliverer__name", "raci")) == {
        ("The Board", "A"),
        ("Red Rose CVS", "R"),
    }

    # Following the flag's link lands on the cell.
    conflict.get_by_role("link", name=f"Red Rose CVS is responsible for “{TASK}”").click()
    expect(page).to_have_url(
        f"{url}#cell-{HubTask.objects.get(name=TASK).pk}-{TaskAllocation.objects.get(raci='R').deliverer_id}"
    )
