"""Staff, timesheets and vacancies made directly, for the measures that read them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from consortia.directory.tests.factories import OrganisationFactory
from consortia.people.choices import TimesheetStatus
from consortia.people.models import Application, JobRole, StaffMember, Timesheet, Vacancy

LONDON = ZoneInfo("Europe/London")


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """A moment on `day`, UK time."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def staff_member(name: str, start: date, end: date | None = None) -> StaffMember:
    first, last = name.split(" ", 1)
    employer = OrganisationFactory(name=f"Employer of {name}")
    return StaffMember.objects.create(
        first_name=first,
        last_name=last,
        employer=employer,
        fte=Decimal("0.6"),
        cost_rate=Decimal("21.50"),
        start_date=start,
        end_date=end,
    )


def timesheet(
    staff: StaffMember, week_start: date, submitted: datetime | None = None, approved: datetime | None = None
) -> Timesheet:
    status = TimesheetStatus.APPROVED if approved else TimesheetStatus.SUBMITTED if submitted else TimesheetStatus.DRAFT
    return Timesheet.objects.create(
        staff=staff, week_start=week_start, status=status, submitted_at=submitted, approved_at=approved
    )


def appointment(reference: str, closing: date, accepted: date | None) -> Application:
    role, _ = JobRole.objects.get_or_create(
        title="Consortium manager",
        defaults={"purpose": "Leads the hub.", "hours_per_week": Decimal(37), "fte": Decimal(1)},
    )
    vacancy = Vacancy.objects.create(job_role=role, reference=reference, closing_date=closing)
    return Application.objects.create(
        vacancy=vacancy,
        first_name="Applicant",
        last_name=reference,
        received_on=closing,
        offered_on=accepted,
        offer_accepted_on=accepted,
    )
