"""'My timesheets': the signed-in person's own timesheets and starting this week's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consortia.core.testing.views import queries_for
from consortia.people.choices import TimesheetStatus
from consortia.people.models import Timesheet
from consortia.people.services.time import monday_of
from consortia.people.tests.staff.factories import StaffMemberFactory
from consortia.people.tests.time.factories import TimesheetEntryFactory, TimesheetFactory
from consortia.users.testing import Personas

URL = "/people/timesheets/mine/"


def test_the_page_is_in_the_menu(personas: Personas, client_for: Callable[..., Client]) -> None:
    assert reverse("people:my_timesheets") == URL
    page = client_for(personas.bid_writer).get(reverse("core:home")).content.decode()
    assert f'href="{URL}">My timesheets<' in page


def test_without_a_staff_record_the_page_explains(personas: Personas, client_for: Callable[..., Client]) -> None:
    page = client_for(personas.bid_writer).get(URL).content.decode()
    assert "You do not have a staff record" in page
    assert "Start this week" not in page


def test_start_this_weeks_timesheet(personas: Personas, client_for: Callable[..., Client]) -> None:
    staff = StaffMemberFactory(user=personas.bid_writer)
    client = client_for(personas.bid_writer)
    this_week = monday_of(timezone.localdate())
    page = client.get(URL).content.decode()
    assert "Start this week's timesheet" in page
    response = client.post(reverse("people:timesheet_start"), {"week": this_week.isoformat()})
    timesheet = Timesheet.objects.get(staff=staff, week_start=this_week)
    assert response.status_code == 303
    assert response["Location"] == reverse("people:timesheet_edit", args=[timesheet.pk])
    assert timesheet.created_by == personas.bid_writer
    # Again: the same timesheet, not a second one.
    again = client.post(reverse("people:timesheet_start"), {"week": this_week.isoformat()})
    assert again["Location"] == timesheet.get_absolute_url()
    assert Timesheet.objects.filter(staff=staff).count() == 1
    assert "Open this week's timesheet" in client.get(URL).content.decode()


def test_only_the_weeks_offered_can_be_started(personas: Personas, client_for: Callable[..., Client]) -> None:
    StaffMemberFactory(user=personas.bid_writer)
    client = client_for(personas.bid_writer)
    tuesday = monday_of(timezone.localdate()) + timedelta(days=1)
    response = client.post(reverse("people:timesheet_start"), {"week": tuesday.isoformat()})
    assert response.status_code == 303
    assert not Timesheet.objects.exists()
    assert "Choose one of the weeks listed." in client.get(URL).content.decode()


def test_starting_needs_a_staff_record_and_a_role(personas: Personas, client_for: Callable[..., Client]) -> None:
    week = monday_of(timezone.localdate()).isoformat()
    assert client_for(personas.bid_writer).post(reverse("people:timesheet_start"), {"week": week}).status_code == 403
    StaffMemberFactory(user=personas.auditor)
    assert client_for(personas.auditor).post(reverse("people:timesheet_start"), {"week": week}).status_code == 403
    assert client_for(personas.nobody).get(URL).status_code == 403
    assert client_for(personas.member_a).get(URL).status_code == 403
    assert not Timesheet.objects.exists()


def test_lists_only_my_timesheets_at_a_fixed_cost(personas: Personas, client_for: Callable[..., Client]) -> None:
    staff = StaffMemberFactory(user=personas.manager)
    other = TimesheetFactory(staff=StaffMemberFactory(last_name="Otherperson"), status=TimesheetStatus.SUBMITTED)
    client = client_for(personas.manager)
    TimesheetEntryFactory(timesheet=TimesheetFactory(staff=staff))
    client.get(URL)
    few = queries_for(client, URL)
    this_week = monday_of(timezone.localdate())
    for weeks in range(1, 20):
        TimesheetEntryFactory(timesheet=TimesheetFactory(staff=staff, week_start=this_week - timedelta(weeks=weeks)))
    # session, user, permissions, staff record, timesheets (hours as a subquery), waiting count
    assert queries_for(client, URL) == few == 7
    page = client.get(URL).content.decode()
    assert page.count('<td><a href="/people/timesheets/') == 20
    assert f'href="{other.get_absolute_url()}"' not in page
    assert "1 timesheet waiting for your approval" in page


def test_read_only_roles_read_but_start_nothing(personas: Personas, client_for: Callable[..., Client]) -> None:
    StaffMemberFactory(user=personas.auditor)
    client = client_for(personas.auditor)
    page = client.get(URL).content.decode()
    assert "Start this week" not in page
    assert "You have no timesheets yet." in page
    week = monday_of(timezone.localdate()).isoformat()
    assert client.post(reverse("people:timesheet_start"), {"week": week}).status_code == 403
    assert not Timesheet.objects.exists()
