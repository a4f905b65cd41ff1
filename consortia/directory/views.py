"""The directory's record types, declared for the generic views."""

from __future__ import annotations

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import RecordViews
from consortia.directory import filtersets, forms, importers, sources, tables
from consortia.directory.models import Area, Contact, Organisation

MENU = ("Directory", 10)


@register
class OrganisationViews(RecordViews):
    model = Organisation
    table = tables.OrganisationTable
    filterset = filtersets.OrganisationFilterSet
    form = forms.OrganisationForm
    importers = [
        importers.OrganisationImporter,
        sources.CharityCommissionImporter,
        sources.CharityCommissionNIImporter,
        sources.CompaniesHouseImporter,
    ]
    detail_fields = [
        "legal_form",
        "roles",
        "org_id",
        "charity_number",
        "charity_register",
        "company_number",
        "ppon",
        "other_names",
        "address_line_1",
        "address_line_2",
        "town",
        "county",
        "postcode",
        "area",
        "website",
        "email",
        "phone",
        "notes",
    ]
    search_fields = ("name", "other_names", "org_id", "charity_number", "company_number")
    search_description = "town"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        # The list's table reads the roles of its rows itself (OrganisationTable); the detail and
        # edit pages read them in one query of their own.
        return Organisation.objects.select_related("area")


@register
class ContactViews(RecordViews):
    model = Contact
    table = tables.ContactTable
    filterset = filtersets.ContactFilterSet
    form = forms.ContactForm
    importers = [importers.ContactImporter]
    detail_fields = [
        "organisation",
        "job_title",
        "email",
        "phone",
        "preferred_contact",
        "consent",
        "consent_date",
        "consent_source",
        "notes",
    ]
    search_fields = ("first_name", "last_name", "email")
    search_description = "organisation"
    menu_group = MENU
    menu_order = 20

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Contact.objects.select_related("organisation")


@register
class AreaViews(RecordViews):
    model = Area
    table = tables.AreaTable
    filterset = filtersets.AreaFilterSet
    detail_fields = ["code", "kind", "parent"]
    search_fields = ("name", "code")
    search_description = "code"
    menu_group = MENU
    menu_order = 90

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Area.objects.select_related("parent")
