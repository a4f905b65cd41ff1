"""`manage.py apply_retention`: every rule whose period has passed, once."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from consortia.directory.models import Contact
from consortia.members.models import Evidence, MembershipApplication
from consortia.people.models import Application, DeclaredInterest, StaffMember, Timesheet
from consortia.people.tests.recruitment.factories import VacancyFactory
from consortia.privacy.tests.conftest import Robin

TODAY = timezone.localdate()
YEARS_AGO_7 = TODAY - timedelta(days=7 * 366)


def run(*args: str) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_rules_past_their_period_are_applied_once(robin: Robin) -> None:
    # Robin left the hub seven years ago; their interest in Alpha ended then too.
    StaffMember.objects.filter(pk=robin.staff.pk).update(
        start_date=YEARS_AGO_7 - timedelta(days=400), end_date=YEARS_AGO_7
    )
    Timesheet.objects.filter(pk=robin.timesheet.pk).update(week_start=YEARS_AGO_7)
    DeclaredInterest.objects.filter(pk=robin.interest.pk).update(ended_on=YEARS_AGO_7)
    # Their job application was for a vacancy filled long ago, and turned down.
    old = VacancyFactory(status="filled", opens_on=None, closing_date=TODAY - timedelta(days=400))
    Application.objects.filter(pk=robin.applicant.pk).update(vacancy=old)
    # The membership application was not approved, two years ago.
    MembershipApplication.objects.filter(pk=robin.membership_application.pk).update(
        status="rejected", decided_at=timezone.now() - timedelta(days=730)
    )
    # The DBS evidence ran out a year ago.
    Evidence.objects.filter(pk=robin.dbs.pk).update(renews_on=TODAY - timedelta(days=365))

    dry = run("--dry-run")
    assert "Hub staff records: 1 would be dealt with" in dry
    assert "Timesheets: 1 would be dealt with" in dry
    assert Timesheet.objects.filter(pk=robin.timesheet.pk).exists()  # a dry run changes nothing

    out = run()
    for line in (
        "Hub staff records: 1 dealt with",
        "Timesheets: 1 dealt with",
        "Job applications: 1 dealt with",
        "Register of interests: entries: 1 dealt with",
        "Membership applications (contact person): 1 dealt with",
        "Due-diligence evidence of DBS checks: 1 dealt with",
    ):
        assert line in out
    staff = StaffMember.objects.get(pk=robin.staff.pk)
    assert (staff.first_name, staff.last_name) == ("Erased", "Erased")
    assert not StaffMember.history.filter(id=staff.pk, first_name="Robin").exists()
    assert not Timesheet.objects.filter(pk=robin.timesheet.pk).exists()
    assert not DeclaredInterest.objects.filter(pk=robin.interest.pk).exists()
    assert Application.objects.get(pk=robin.applicant.pk).first_name == "Deleted applicant"
    assert MembershipApplication.objects.get(pk=robin.membership_application.pk).contact_email == "Erased"
    evidence = Evidence.objects.get(pk=robin.dbs.pk)
    assert (evidence.answer, evidence.dbs_level) == ("Erased", "")
    # Kept: what has no rule, or whose period has not passed.
    assert Contact.objects.filter(pk=robin.contact.pk).exists()

    again = run()
    assert "0 records dealt with in all." in again


def test_nothing_past_its_period_changes_nothing(robin: Robin) -> None:
    assert "0 records dealt with in all." in run()
    assert Timesheet.objects.filter(pk=robin.timesheet.pk).exists()
    assert StaffMember.objects.get(pk=robin.staff.pk).first_name == "Robin"
