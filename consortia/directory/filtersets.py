from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.directory.choices import AreaKind, CharityRegister, LegalForm, OrganisationRoleCode
from consortia.directory.models import Area, Contact, Organisation


class OrganisationFilterSet(BaseFilterSet):
    search_fields = ("name", "other_names", "org_id", "charity_number", "company_number", "postcode", "town")

    role = django_filters.MultipleChoiceFilter(
        choices=OrganisationRoleCode.choices, label="Role", method="filter_role", widget=forms.CheckboxSelectMultiple
    )
    legal_form = django_filters.ChoiceFilter(choices=LegalForm.choices, label="Legal form", empty_label="Any")
    charity_register = django_filters.ChoiceFilter(
        choices=CharityRegister.choices, label="Charity register", empty_label="Any"
    )
    area = django_filters.ChoiceFilter(
        choices=reference_choices(Area.objects.exclude(kind=AreaKind.ITL1).order_by("name")),
        label="Area (includes areas within it)",
        method="filter_area",
        empty_label="Anywhere",
    )

    class Meta:
        model = Organisation
        fields = ["q", "role", "legal_form", "charity_register", "area"]

    def filter_role(self, queryset, name, value):  # type: ignore[no-untyped-def]
        if not value:
            return queryset
        # A subquery rather than a join: no duplicate rows, so no DISTINCT over every column.
        holders = Organisation.roles.through.objects.filter(organisationrole__code__in=value)
        return queryset.filter(pk__in=holders.values("organisation_id"))

    def filter_area(self, queryset, name, value):  # type: ignore[no-untyped-def]
        if not value:
            return queryset
        return queryset.filter(Q(area=value) | Q(area__parent=value) | Q(area__parent__parent=value))


class ContactFilterSet(BaseFilterSet):
    search_fields = ("first_name", "last_name", "email", "job_title", "organisation__name")

    organisation = django_filters.NumberFilter(field_name="organisation_id", label="Organisation (id)")
    organisation_name = django_filters.CharFilter(
        field_name="organisation__name", lookup_expr="icontains", label="Organisation name contains"
    )
    consent = django_filters.BooleanFilter(label="Consents to be contacted")

    class Meta:
        model = Contact
        fields = ["q", "organisation", "organisation_name", "consent", "preferred_contact"]


class AreaFilterSet(BaseFilterSet):
    search_fields = ("name", "code")

    class Meta:
        model = Area
        fields = ["q", "kind", "parent"]

    parent = django_filters.ChoiceFilter(
        # Only countries, regions and counties contain other areas.
        choices=reference_choices(Area.objects.filter(kind__in=[AreaKind.COUNTRY, AreaKind.REGION, AreaKind.COUNTY])),
        label="Within",
        empty_label="Anywhere",
    )
