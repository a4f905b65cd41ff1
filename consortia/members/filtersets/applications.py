"""Filters of the eligibility questions and membership applications (list pages and the API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.members.choices import ApplicationStatus, QuestionKind, Tier
from consortia.members.models import EligibilityQuestion, MembershipApplication


class EligibilityQuestionFilterSet(BaseFilterSet):
    search_fields = ("text", "help_text")

    kind = django_filters.ChoiceFilter(choices=QuestionKind.choices, empty_label="Any")
    active = django_filters.BooleanFilter(label="On the form")

    class Meta:
        model = EligibilityQuestion
        fields = ["q", "kind", "active", "required"]


class MembershipApplicationFilterSet(BaseFilterSet):
    search_fields = ("organisation_name", "contact_name", "contact_email", "charity_number", "company_number")

    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, empty_label="Any")
    tier_requested = django_filters.ChoiceFilter(choices=Tier.choices, empty_label="Any")

    class Meta:
        model = MembershipApplication
        fields = ["q", "status", "tier_requested"]
