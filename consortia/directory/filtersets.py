from __future__ import annotations

import django_filters
from django.db.models import Q

from consortia.core.filtersets import BaseFilterSet
from consortia.directory.choices import AreaKind, CharityRegister, LegalForm
from consortia.directory.models import Area, Contact, Organisation, OrganisationRole


class OrganisationFilterSet(BaseFilterSet):
    search_fields = ("name", "other_names", "org_id", "charity_number", "company_number", "postcode", "town")

    role = django_filters.ModelMultipleChoiceFilter(
        field_name="roles__code",
        to_field_name="code",
        queryset=OrganisationRole.objects.all(),
        label="Role",
        distinct=True,
    )
    legal_form = django_filters.MultipleChoiceFilter(choices=LegalForm.choices, label="Legal form")
    charity_register = django_filters.ChoiceFilter(
        choices=CharityRegister.choices, label="Charity register", empty_label="Any"
    )
    area = django_filters.ModelChoiceFilter(
        queryset=Area.objects.exclude(kind__in=[AreaKind.ITL1]),
        label="Area (includes areas within it)",
        method="filter_area",
        empty_label="Anywhere",
    )

    class Meta:
        model = Organisation
        fields = ["q", "role", "legal_form", "charity_register", "area"]

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
