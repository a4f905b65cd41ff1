"""The directory's pages, through the generic view tests."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.views import EditableRecordTests, ImportableRecordTests, RecordViewTests
from consortia.directory.models import Area, Contact, Organisation
from consortia.directory.tests.factories import ContactFactory, OrganisationFactory
from consortia.directory.views import AreaViews, ContactViews, OrganisationViews
from consortia.users.testing import Personas


class TestOrganisationViews(EditableRecordTests, ImportableRecordTests):
    record = OrganisationViews
    list_queries = 8  # session, user, 2 × permissions, count, areas for the filter, page, roles
    import_csv = (
        "Name,Roles,Legal form,Charity number,Postcode,Local authority\n"
        "Fylde Foodbank,member,charity,1170001,FY8 1AA,Fylde\n"
        "Lancashire County Council,commissioner,Public body,,PR1 8XJ,\n"
    )
    bad_import_csv = (
        "Name,Roles,Charity number,Postcode\n"
        "Good Row Trust,member,1170002,PR1 1AA\n"
        "Bad Postcode Trust,member,1170003,NOT A POSTCODE\n"
    )
    bad_import_error = (3, "Postcode")

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Organisation:
        # An organisation belongs to itself: member users see their own organisation only.
        Organisation.objects.filter(pk=organisation.pk).update(name=f"{organisation.name.split(' #')[0]} #{index}")
        if index >= 100:
            return OrganisationFactory(name=f"Extra Organisation {index}")
        organisation.refresh_from_db()
        return organisation

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "name": "Preston Men's Shed",
            "legal_form": "cio",
            "roles": ["1"],
            "charity_number": "1180001",
            "charity_register": "ccew",
            "postcode": "pr1 2aa",
            "preferred_contact": "email",
        }

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return self.form_data(personas) | {"name": "Preston Men's Shed CIO"}


class TestContactViews(EditableRecordTests, ImportableRecordTests):
    record = ContactViews
    list_queries = 6  # session, user, 2 × permissions, count, page (with organisation joined)
    import_csv = (
        "First name,Last name,Job title,Organisation,Email,Consent,Consent date,Consent source\n"
        "Asha,Patel,Chief executive,Alpha Advice Centre,asha@alpha.example.org.uk,yes,01/04/2026,form\n"
        "Tom,Hughes,Finance lead,Beta Befriending,tom@beta.example.org.uk,no,,\n"
    )
    bad_import_csv = (
        "First name,Last name,Organisation,Email,Consent date\n"
        "Asha,Patel,Alpha Advice Centre,asha@alpha.example.org.uk,01/04/2026\n"
        "Tom,Hughes,Nowhere Organisation,tom@beta.example.org.uk,31/02/2026\n"
    )
    bad_import_error = (3, "Organisation")

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Contact:
        return ContactFactory(
            organisation=organisation, first_name=f"Person{index}", last_name=f"Of{organisation.pk}x{index}"
        )

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "first_name": "Jo",
            "last_name": "Bloggs",
            "organisation": str(personas.org_a.pk),
            "email": "jo@alpha.example.org.uk",
            "preferred_contact": "email",
            "consent": "on",
            "consent_date": "2026-03-01",
            "consent_source": "form",
        }


class TestAreaViews(RecordViewTests):
    record = AreaViews
    list_queries = 7  # session, user, 2 × permissions, count, parent areas for the filter, page

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Area:
        return Area.objects.create(code=f"X{index:08d}", name=f"Aaa test area {index}", kind="district")
