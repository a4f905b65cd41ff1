"""Filters for vacancies, applications and assessments (the list pages and the API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.people.choices import ApplicationStage, AssessmentStage, VacancyStatus
from consortia.people.models import Application, Assessment, JobRole, Vacancy


def _vacancies():  # type: ignore[no-untyped-def]
    return reference_choices(Vacancy.objects.order_by("-closing_date"), "reference")


class VacancyFilterSet(BaseFilterSet):
    search_fields = ("reference", "job_role__title")

    status = django_filters.ChoiceFilter(choices=VacancyStatus.choices, empty_label="Any")
    job_role = django_filters.ChoiceFilter(
        choices=reference_choices(JobRole.objects.order_by("title"), "title"), label="Job role", empty_label="Any"
    )
    closing_after = django_filters.DateFilter(field_name="closing_date", lookup_expr="gte", label="Closing on or after")

    class Meta:
        model = Vacancy
        fields = ["q", "status", "job_role", "closing_after"]


class ApplicationFilterSet(BaseFilterSet):
    search_fields = ("first_name", "last_name", "email")

    vacancy = django_filters.ChoiceFilter(choices=_vacancies(), label="Vacancy", empty_label="Any")
    stage = django_filters.ChoiceFilter(choices=ApplicationStage.choices, empty_label="Any")

    class Meta:
        model = Application
        fields = ["q", "vacancy", "stage"]


class AssessmentFilterSet(BaseFilterSet):
    search_fields = ("application__first_name", "application__last_name", "criterion__text")

    vacancy = django_filters.ChoiceFilter(
        choices=_vacancies(), field_name="application__vacancy", label="Vacancy", empty_label="Any"
    )
    stage = django_filters.ChoiceFilter(choices=AssessmentStage.choices, empty_label="Any")
    panel_member = django_filters.NumberFilter(field_name="panel_member_id", label="Panel member (id)")

    class Meta:
        model = Assessment
        fields = ["q", "vacancy", "stage", "panel_member"]
