"""Erasure: what is deleted, what anonymised, what kept and why, history included."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from consortia.directory.models import Contact
from consortia.governance.models import Appointment, Attendance
from consortia.members.models import Evidence, MembershipApplication
from consortia.people.models import Application, DeclaredInterest, StaffMember, Timesheet
from consortia.privacy.models import ErasureRecord
from consortia.privacy.registry import Person
from consortia.privacy.services import erase_person, erasure_plan
from consortia.privacy.tests.conftest import EMAIL, Robin
from consortia.users.models import User
from consortia.users.testing import Personas

ClientFor = Callable[..., Client]


def test_the_plan_says_what_goes_and_what_stays_and_why(robin: Robin) -> None:
    plan = {step.entry.title: step for step in erasure_plan(Person(email=EMAIL, name="Robin Reed"))}
    assert plan["Directory contacts"].action == "delete"
    assert plan["Job applications"].action == "anonymise"
    assert plan["Commissioner interactions (who took part)"].action == "unlink"
    kept = plan["Timesheets"]
    assert kept.action == "keep"
    assert kept.kept == [robin.timesheet.pk]
    assert "financial records" in kept.reason
    assert "Companies Act" in plan["Board and committee appointments"].reason


def test_the_page_shows_the_plan_then_erases_on_confirmation(
    robin: Robin, personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.manager)
    url = reverse("privacy:erase")
    page = client.get(url, {"email": EMAIL, "name": "Robin Reed"}).content.decode()
    assert "Timesheets" in page
    assert "financial records" in page
    unconfirmed = client.post(url, {"email": EMAIL, "name": "Robin Reed"})
    assert unconfirmed.status_code == 422
    assert Contact.objects.filter(pk=robin.contact.pk).exists()
    response = client.post(
        url, {"email": EMAIL, "name": "Robin Reed", "reference": "Request of 02/11/2026", "confirm": "on"}
    )
    record = ErasureRecord.objects.get()
    assert response["Location"] == record.get_absolute_url()
    assert record.erased_by == personas.manager
    assert record.counts["Directory contacts"]["deleted"] == 1
    detail = client.get(record.get_absolute_url()).content.decode()
    assert "Directory contacts: 1 deleted" in detail
    assert "Robin" not in detail  # the record of the erasure holds none of their data
    assert not Contact.objects.filter(pk=robin.contact.pk).exists()


def test_erasure_removes_what_no_law_keeps(robin: Robin, personas: Personas) -> None:
    erase_person(Person(email=EMAIL, name="Robin Reed"), personas.manager)

    # Gone: the contact, and their names in its history (the history says a contact existed).
    assert not Contact.objects.filter(pk=robin.contact.pk).exists()
    history = Contact.history.filter(id=robin.contact.pk)
    assert history.exists()
    assert set(history.values_list("first_name", "last_name", "email", "phone").distinct()) == {
        ("Erased", "Erased", "Erased", "Erased")
    }
    # The namesake is someone else.
    assert Contact.objects.get(pk=robin.namesake.pk).first_name == "Robin"

    # Anonymised: the account (cannot sign in), the applicant, the membership application's contact.
    user = User.objects.get(pk=robin.user.pk)
    assert (user.full_name, user.is_active, user.has_usable_password()) == ("Erased", False, False)
    assert user.email == f"erased-{user.pk}@erased.invalid"
    assert not User.history.filter(id=user.pk, full_name="Robin Reed").exists()
    applicant = Application.objects.get(pk=robin.applicant.pk)
    assert (applicant.email, applicant.phone) == ("", "")
    assert applicant.personal_data_deleted_on is not None
    application = MembershipApplication.objects.get(pk=robin.membership_application.pk)
    assert (application.contact_name, application.contact_email, application.contact_phone) == ("Erased",) * 3
    assert application.organisation_name == "Reed Community Trust"  # the organisation's, kept
    assert not MembershipApplication.history.filter(id=application.pk, contact_name="Robin Reed").exists()

    # Unlinked: they no longer took part in the interaction; the hub manager still did.
    assert list(robin.interaction.hub_attendees.all()) == [personas.manager]
    assert not robin.interaction.contacts.exists()
    assert not robin.user.auth_token.__class__.objects.filter(user=robin.user).exists()  # API key deleted

    # Kept, as the law requires: staff record, timesheets, register of interests, board records.
    assert StaffMember.objects.get(pk=robin.staff.pk).first_name == "Robin"
    assert Timesheet.objects.get(pk=robin.timesheet.pk).notes == "Working from home on Tuesday"
    assert DeclaredInterest.objects.filter(pk=robin.interest.pk).exists()
    assert Appointment.objects.filter(pk=robin.appointment.pk).exists()
    assert Attendance.objects.filter(pk=robin.attendance.pk).exists()
    assert Evidence.objects.get(pk=robin.dbs.pk).dbs_level == "enhanced"

    record = ErasureRecord.objects.get()
    assert record.counts["Timesheets"] == {"deleted": 0, "anonymised": 0, "unlinked": 0, "kept": 1}
    assert "Robin" not in str(record.counts)
    assert EMAIL not in str(record.counts)


def test_an_appointed_applicant_is_kept(robin: Robin, personas: Personas) -> None:
    Application.objects.filter(pk=robin.applicant.pk).update(stage="appointed")
    plan = {step.entry.title: step for step in erasure_plan(Person(email=EMAIL))}
    assert plan["Job applications"].kept == [robin.applicant.pk]
    assert "employment record" in plan["Job applications"].reason
    erase_person(Person(email=EMAIL), personas.manager)
    assert Application.objects.get(pk=robin.applicant.pk).first_name == "Robin"
