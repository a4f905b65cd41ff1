"""Filters for job roles and person specification criteria (the list pages and the API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.people.choices import ContractType, CriterionCategory, Requirement, RoleStatus
from consortia.people.models import JobRole, PersonSpecCriterion


class JobRoleFilterSet(BaseFilterSet):
    search_fields = ("title", "purpose", "responsibilities", "location")

    status = django_filters.ChoiceFilter(choices=RoleStatus.choices, empty_label="Any")
    contract_type = django_filters.ChoiceFilter(choices=ContractType.choices, empty_label="Any", label="Contract")

    class Meta:
        model = JobRole
        fields = ["q", "status", "contract_type"]


class PersonSpecCriterionFilterSet(BaseFilterSet):
    search_fields = ("text", "job_role__title")

    job_role = django_filters.ChoiceFilter(
        choices=reference_choices(JobRole.objects.order_by("title"), "title"), label="Job role", empty_label="Any"
    )
    category = django_filters.ChoiceFilter(choices=CriterionCategory.choices, empty_label="Any")
    requirement = django_filters.ChoiceFilter(
        choices=Requirement.choices, empty_label="Any", label="Essential or desirable"
    )
    at_application = django_filters.BooleanFilter(label="Assessed at application")
    at_interview = django_filters.BooleanFilter(label="Assessed at interview")

    class Meta:
        model = PersonSpecCriterion
        fields = ["q", "job_role", "category", "requirement", "at_application", "at_interview"]
