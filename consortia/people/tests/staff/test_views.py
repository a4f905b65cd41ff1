"""The staff pages: the generic behaviours, the shared-staff rule, and recent timesheets."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from consortia.core.testing.views import EditableRecordTests, queries_for
from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.people.models import StaffMember
from consortia.people.services.staff import is_shared, with_shared
from consortia.people.tests.staff.factories import StaffMemberFactory
from consortia.people.tests.time.factories import TimesheetEntryFactory, TimesheetFactory
from consortia.people.views.staff import StaffMemberViews
from consortia.users.testing import Personas


class TestStaffMemberViews(EditableRecordTests):
    record = StaffMemberViews
    member_can_view = False
    # session, user, 2 × permissions, count, employers for the filter, job roles for the
    # filter, the page (job role, employer, login and application joined; shared as a subquery)
    list_queries = 8
    concurrent_change = {"cost_rate": Decimal("99.00")}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> StaffMember:
        return StaffMemberFactory(
            employer=organisation, first_name=f"Staff{index}", last_name=f"Of{organisation.pk}x{index}"
        )

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "first_name": "Priya",
            "last_name": "Shah",
            "employer": str(personas.org_a.pk),
            "fte": "0.8",
            "cost_rate": "24.50",
            "start_date": "2025-04-01",
        }

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return self.form_data(personas) | {"fte": "0.6"}


def test_shared_means_employed_by_a_member_or_a_cvs(personas: Personas) -> None:
    cvs = OrganisationFactory(name="Red Rose CVS", roles=["infrastructure"])
    member = OrganisationFactory(name="A member", roles=["member"])
    consortium = OrganisationFactory(name="The consortium", roles=[])
    funder = OrganisationFactory(name="A funder", roles=["funder"])
    staff = {
        name: StaffMemberFactory(employer=employer, last_name=name)
        for name, employer in (("cvs", cvs), ("member", member), ("consortium", consortium), ("funder", funder))
    }
    annotated = {row.last_name: row.shared for row in with_shared(StaffMember.objects.all())}
    assert annotated == {"cvs": True, "member": True, "consortium": False, "funder": False}
    # The same answer without the annotation (a record fresh from the database).
    assert {name: is_shared(StaffMember.objects.get(pk=row.pk)) for name, row in staff.items()} == annotated


def test_list_filters_and_shows_shared_staff(personas: Personas, client_for: Callable[..., Client]) -> None:
    StaffMemberFactory(employer=OrganisationFactory(roles=["infrastructure"]), last_name="Sharedperson")
    StaffMemberFactory(employer=OrganisationFactory(roles=[]), last_name="Ownperson")
    client = client_for(personas.manager)
    shared = client.get(reverse("people:staffmember_list"), {"shared": "true"}).content.decode()
    assert "Sharedperson" in shared
    assert "Ownperson" not in shared
    own = client.get(reverse("people:staffmember_list"), {"shared": "false"}).content.decode()
    assert "Ownperson" in own
    assert "Sharedperson" not in own


def test_current_filter(personas: Personas, client_for: Callable[..., Client]) -> None:
    StaffMemberFactory(last_name="Stillhere", start_date=date(2024, 1, 1))
    StaffMemberFactory(last_name="Gonenow", start_date=date(2024, 1, 1), end_date=date.today() - timedelta(days=1))
    page = client_for(personas.manager).get(reverse("people:staffmember_list"), {"current": "true"}).content.decode()
    assert "Stillhere" in page
    assert "Gonenow" not in page


def test_detail_lists_recent_timesheets_at_a_fixed_cost(personas: Personas, client_for: Callable[..., Client]) -> None:
    staff = StaffMemberFactory(employer=OrganisationFactory(roles=["infrastructure"]), cost_rate=Decimal("21.40"))
    client = client_for(personas.manager)
    url = reverse("people:staffmember_detail", args=[staff.pk])
    TimesheetEntryFactory(timesheet=TimesheetFactory(staff=staff, week_start=date(2025, 3, 3)), mon=Decimal("7.25"))
    client.get(url)
    few = queries_for(client, url)
    for week in range(1, 15):
        TimesheetEntryFactory(
            timesheet=TimesheetFactory(staff=staff, week_start=date(2025, 3, 3) + timedelta(weeks=week))
        )
    assert queries_for(client, url) == few
    page = client.get(url).content.decode()
    assert "Recent timesheets" in page
    assert "Yes: employed by a member or a CVS" in page
    assert "£21.40 an hour" in page
    assert page.count("/people/timesheets/") >= 12
    assert "03/03/2025" not in page  # the 15th timesheet back is not among the recent twelve


def test_user_login_must_be_free(personas: Personas, client_for: Callable[..., Client]) -> None:
    StaffMemberFactory(user=personas.bid_writer, first_name="Imran", last_name="Hussain")
    client = client_for(personas.manager)
    data = {
        "first_name": "Someone",
        "last_name": "Else",
        "user": str(personas.bid_writer.pk),
        "employer": str(personas.org_a.pk),
        "fte": "1",
        "cost_rate": "20",
        "start_date": "2025-04-01",
    }
    response = client.post(reverse("people:staffmember_add"), data)
    assert response.status_code == 200
    assert "That login already belongs to Imran Hussain." in response.content.decode()


def test_member_users_are_not_offered_as_logins(personas: Personas, client_for: Callable[..., Client]) -> None:
    page = client_for(personas.manager).get(reverse("people:staffmember_add")).content.decode()
    logins = re.search(r'<select name="user".*?</select>', page, re.S)
    assert logins is not None
    assert f'<option value="{personas.bid_writer.pk}">' in logins.group(0)
    assert f'<option value="{personas.member_a.pk}">' not in logins.group(0)


@pytest.mark.parametrize("fte", ["1.5", "-0.1"])
def test_fte_is_a_share_of_a_week(personas: Personas, client_for: Callable[..., Client], fte: str) -> None:
    data = {
        "first_name": "A",
        "last_name": "B",
        "employer": str(personas.org_a.pk),
        "fte": fte,
        "cost_rate": "20",
        "start_date": "2025-04-01",
    }
    response = client_for(personas.manager).post(reverse("people:staffmember_add"), data)
    assert response.status_code == 200
    assert not StaffMember.objects.filter(last_name="B").exists()
