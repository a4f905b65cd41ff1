"""Filters of the performance app's lists (and its API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.performance.choices import PlanStatus, ReturnStatus
from consortia.performance.models import (
    KPI,
    ImprovementAction,
    ImprovementPlan,
    MonitoringReturn,
    OutcomeClaim,
    ReturnComment,
    ReturnEvidence,
    ReturnPeriod,
    ReturnValue,
    SubcontractKPI,
)


def _number(field: str, label: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(field_name=field, label=label)


class KPIFilterSet(BaseFilterSet):
    search_fields = ("name", "definition", "contract__reference")
    contract = _number("contract_id", "Contract")

    class Meta:
        model = KPI
        fields = ["q", "contract", "unit", "frequency"]


class SubcontractKPIFilterSet(BaseFilterSet):
    search_fields = ("kpi__name", "subcontract__organisation__name")
    subcontract = _number("subcontract_id", "Subcontract")
    kpi = _number("kpi_id", "KPI")

    class Meta:
        model = SubcontractKPI
        fields = ["q", "subcontract", "kpi"]


class ReturnPeriodFilterSet(BaseFilterSet):
    search_fields = ("label", "contract__reference")
    contract = _number("contract_id", "Contract")

    class Meta:
        model = ReturnPeriod
        fields = ["q", "contract"]


class MonitoringReturnFilterSet(BaseFilterSet):
    search_fields = ("subcontract__organisation__name", "period__label", "subcontract__contract__reference")
    status = django_filters.ChoiceFilter(choices=ReturnStatus.choices, empty_label="Any")
    subcontract = _number("subcontract_id", "Subcontract")
    period = _number("period_id", "Period")

    class Meta:
        model = MonitoringReturn
        fields = ["q", "status", "subcontract", "period"]


class ReturnValueFilterSet(BaseFilterSet):
    search_fields = ("kpi__name",)
    monitoring_return = _number("monitoring_return_id", "Return")
    kpi = _number("kpi_id", "KPI")

    class Meta:
        model = ReturnValue
        fields = ["q", "monitoring_return", "kpi"]


class OutcomeClaimFilterSet(BaseFilterSet):
    search_fields = ("client_reference", "kpi__name")
    monitoring_return = _number("monitoring_return_id", "Return")
    kpi = _number("kpi_id", "KPI")
    status = django_filters.ChoiceFilter(
        field_name="monitoring_return__status", choices=ReturnStatus.choices, empty_label="Any", label="Return status"
    )

    class Meta:
        model = OutcomeClaim
        fields = ["q", "monitoring_return", "kpi", "status"]


class ReturnEvidenceFilterSet(BaseFilterSet):
    search_fields = ("original_filename", "description")
    monitoring_return = _number("monitoring_return_id", "Return")

    class Meta:
        model = ReturnEvidence
        fields = ["q", "monitoring_return"]


class ReturnCommentFilterSet(BaseFilterSet):
    search_fields = ("text",)
    monitoring_return = _number("monitoring_return_id", "Return")

    class Meta:
        model = ReturnComment
        fields = ["q", "monitoring_return", "kind"]


class ImprovementPlanFilterSet(BaseFilterSet):
    search_fields = ("subcontract__organisation__name", "reason", "kpi__name")
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, empty_label="Any")
    subcontract = _number("subcontract_id", "Subcontract")

    class Meta:
        model = ImprovementPlan
        fields = ["q", "status", "subcontract"]


class ImprovementActionFilterSet(BaseFilterSet):
    search_fields = ("action", "owner")
    plan = _number("plan_id", "Plan")

    class Meta:
        model = ImprovementAction
        fields = ["q", "plan"]
