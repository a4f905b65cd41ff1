"""One person, Robin Reed, held in most of the record types the registry declares, and a
namesake who is someone else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from consortia.directory.models import Contact
from consortia.directory.tests.factories import ContactFactory
from consortia.governance.models import Appointment, Attendance
from consortia.governance.tests import factories as governance
from consortia.members.models import Evidence, MembershipApplication
from consortia.members.tests.diligence.factories import EvidenceFactory, RequirementFactory
from consortia.people.models import Application, DeclaredInterest, InterestReturn, StaffMember, Timesheet
from consortia.people.tests.recruitment.factories import ApplicationFactory
from consortia.relationships.models import Interaction
from consortia.users import roles
from consortia.users.models import User
from consortia.users.testing import Personas, make_user

TODAY = timezone.localdate()
EMAIL = "robin.reed@example.org.uk"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@dataclass
class Robin:
    user: User
    contact: Contact
    namesake: Contact  # another Robin Reed, with an e-mail address of their own
    applicant: Application
    staff: StaffMember
    timesheet: Timesheet
    interest: DeclaredInterest
    confirmation: InterestReturn
    appointment: Appointment
    attendance: Attendance
    interaction: Interaction
    membership_application: MembershipApplication
    dbs: Evidence
    token: Token


@pytest.fixture
def robin(personas: Personas) -> Robin:
    user = make_user(EMAIL, roles.BID_TEAM)
    user.full_name = "Robin Reed"
    user.save()
    contact = ContactFactory(
        first_name="Robin",
        last_name="Reed",
        email="Robin.Reed@Example.org.uk",
        organisation=personas.org_a,
        phone="01632 960123",
    )
    contact.first_name = "Robyn"  # a change, so the history holds the name twice
    contact.save()
    namesake = ContactFactory(
        first_name="Robin", last_name="Reed", email="other.robin@example.org.uk", organisation=personas.org_b
    )
    applicant = ApplicationFactory(first_name="Robin", last_name="Reed", email=EMAIL.upper(), stage="unsuccessful")
    staff = StaffMember.objects.create(
        first_name="Robin",
        last_name="Reed",
        user=user,
        employer=personas.org_a,
        fte=Decimal("0.5"),
        cost_rate=Decimal("20.00"),
        start_date=date(2025, 4, 1),
    )
    monday = TODAY - timedelta(days=TODAY.weekday() + 7)
    timesheet = Timesheet.objects.create(staff=staff, week_start=monday, notes="Working from home on Tuesday")
    interest = governance.interest(user, personas.org_a)
    interest.details = "Trustee of Alpha Advice Centre"
    interest.save()
    confirmation = InterestReturn.objects.create(person=user, confirmed_on=TODAY, note="All current")
    appointment = governance.appoint(governance.body(), user)
    meeting = governance.meeting()
    governance.present(meeting, user)
    interaction = Interaction.objects.create(commissioner=personas.org_c, date=TODAY, title="Quarterly review")
    interaction.hub_attendees.add(user, personas.manager)
    interaction.contacts.add(contact)
    membership_application = MembershipApplication.objects.create(
        organisation_name="Reed Community Trust",
        contact_name="Robin Reed",
        contact_email=EMAIL,
        contact_phone="07700 900123",
    )
    dbs = EvidenceFactory(
        organisation=personas.org_a,
        requirement=RequirementFactory(name="DBS checks (test)", needs_dbs_level=True),
        dbs_level="enhanced",
        created_by=user,
    )
    return Robin(
        user=user,
        contact=contact,
        namesake=namesake,
        applicant=applicant,
        staff=staff,
        timesheet=timesheet,
        interest=interest,
        confirmation=confirmation,
        appointment=appointment,
        attendance=Attendance.objects.get(meeting=meeting, person=user),
        interaction=interaction,
        membership_application=membership_application,
        dbs=dbs,
        token=Token.objects.create(user=user),
    )
