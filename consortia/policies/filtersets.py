"""Filters of the policies lists (the list pages and the API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.policies.choices import PolicyKind, RiskCategory, RiskStatus, Trend, VersionStatus
from consortia.policies.models import Acknowledgement, Policy, PolicyArea, PolicyVersion, Risk, RiskAction, RiskReview

SCORES = [(number, str(number)) for number in range(1, 6)]


class PolicyAreaFilterSet(BaseFilterSet):
    search_fields = ("name", "description")

    class Meta:
        model = PolicyArea
        fields = ["q"]


class PolicyFilterSet(BaseFilterSet):
    search_fields = ("title", "area__name")
    kind = django_filters.ChoiceFilter(choices=PolicyKind.choices, empty_label="Any")
    area = django_filters.NumberFilter(field_name="area_id", label="Area")
    active = django_filters.BooleanFilter(label="In use")
    review_by = django_filters.DateFilter(field_name="next_review_on", lookup_expr="lte", label="Review due by")

    class Meta:
        model = Policy
        fields = ["q", "kind", "area", "active", "review_by"]


class PolicyVersionFilterSet(BaseFilterSet):
    search_fields = ("policy__title", "summary")
    policy = django_filters.NumberFilter(field_name="policy_id", label="Policy")
    status = django_filters.ChoiceFilter(choices=VersionStatus.choices, empty_label="Any")

    class Meta:
        model = PolicyVersion
        fields = ["q", "policy", "status"]


class AcknowledgementFilterSet(BaseFilterSet):
    search_fields = ("organisation__name", "version__policy__title")
    policy = django_filters.NumberFilter(field_name="version__policy_id", label="Policy")
    organisation = django_filters.NumberFilter(field_name="organisation_id", label="Organisation")

    class Meta:
        model = Acknowledgement
        fields = ["q", "policy", "organisation"]


class RiskFilterSet(BaseFilterSet):
    search_fields = ("title", "description")
    status = django_filters.ChoiceFilter(choices=RiskStatus.choices, empty_label="Any")
    category = django_filters.ChoiceFilter(choices=RiskCategory.choices, empty_label="Any")
    trend = django_filters.ChoiceFilter(choices=Trend.choices, empty_label="Any")
    residual_likelihood = django_filters.ChoiceFilter(
        choices=SCORES, empty_label="Any", label="Likelihood after controls"
    )
    residual_impact = django_filters.ChoiceFilter(choices=SCORES, empty_label="Any", label="Impact after controls")
    review_by = django_filters.DateFilter(field_name="review_on", lookup_expr="lte", label="Review due by")

    class Meta:
        model = Risk
        fields = ["q", "status", "category", "trend", "residual_likelihood", "residual_impact", "review_by"]


class RiskReviewFilterSet(BaseFilterSet):
    search_fields = ("risk__title", "note")
    risk = django_filters.NumberFilter(field_name="risk_id", label="Risk")

    class Meta:
        model = RiskReview
        fields = ["q", "risk"]


class RiskActionFilterSet(BaseFilterSet):
    search_fields = ("description", "risk__title")
    risk = django_filters.NumberFilter(field_name="risk_id", label="Risk")
    done = django_filters.BooleanFilter(field_name="done_on", lookup_expr="isnull", exclude=True, label="Done")

    class Meta:
        model = RiskAction
        fields = ["q", "risk", "done"]
