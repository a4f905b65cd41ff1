"""Filters of the options appraisal's records (list pages and the API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.hub.choices import AppraisalStatus
from consortia.hub.models import Appraisal, AppraisalCriterion, AppraisalScore, DeliveryModel, HubDecision


class DeliveryModelFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "summary")

    class Meta:
        model = DeliveryModel
        fields = ["q", "needs_provider", "provider_is_member"]


class AppraisalFilterSet(BaseFilterSet):
    search_fields = ("title", "purpose")

    status = django_filters.ChoiceFilter(choices=AppraisalStatus.choices, empty_label="Any")

    class Meta:
        model = Appraisal
        fields = ["q", "status"]


class AppraisalCriterionFilterSet(BaseFilterSet):
    search_fields = ("name", "description")

    appraisal = django_filters.ModelChoiceFilter(queryset=Appraisal.objects.all(), empty_label="Any")

    class Meta:
        model = AppraisalCriterion
        fields = ["q", "appraisal"]


class AppraisalScoreFilterSet(BaseFilterSet):
    search_fields = ("comment", "criterion__name", "option__name")

    appraisal = django_filters.ModelChoiceFilter(
        field_name="criterion__appraisal", queryset=Appraisal.objects.all(), empty_label="Any"
    )
    option = django_filters.ModelChoiceFilter(queryset=DeliveryModel.objects.all(), empty_label="Any")
    scorer = django_filters.NumberFilter(field_name="scorer_id", label="Scorer (id)")

    class Meta:
        model = AppraisalScore
        fields = ["q", "appraisal", "option", "scorer"]


class HubDecisionFilterSet(BaseFilterSet):
    search_fields = ("decided_by", "minute_reference", "rationale", "chosen_model__name")

    chosen_model = django_filters.ModelChoiceFilter(queryset=DeliveryModel.objects.all(), empty_label="Any")

    class Meta:
        model = HubDecision
        fields = ["q", "chosen_model"]
