"""API of the performance app: the same filters and scoping as its pages."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.performance import filtersets
from consortia.performance.api import serializers
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

READ_ONLY = ["get", "head", "options"]


class KPIViewSet(RestrictedModelViewSet):
    base_queryset = KPI.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.KPISerializer
    filterset_class = filtersets.KPIFilterSet


class SubcontractKPIViewSet(RestrictedModelViewSet):
    base_queryset = SubcontractKPI.objects.select_related("subcontract__organisation", "subcontract__contract", "kpi")  # type: ignore[assignment]
    serializer_class = serializers.SubcontractKPISerializer
    filterset_class = filtersets.SubcontractKPIFilterSet


class ReturnPeriodViewSet(RestrictedModelViewSet):
    base_queryset = ReturnPeriod.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.ReturnPeriodSerializer
    filterset_class = filtersets.ReturnPeriodFilterSet


class MonitoringReturnViewSet(RestrictedModelViewSet):
    """Statuses change only through the services (the portal's submit, the hub's validate/query)."""

    base_queryset = MonitoringReturn.objects.select_related(  # type: ignore[assignment]
        "subcontract__organisation", "subcontract__contract", "period"
    )
    serializer_class = serializers.MonitoringReturnSerializer
    filterset_class = filtersets.MonitoringReturnFilterSet


class ReturnValueViewSet(RestrictedModelViewSet):
    base_queryset = ReturnValue.objects.select_related(  # type: ignore[assignment]
        "kpi", "monitoring_return__subcontract__organisation", "monitoring_return__period"
    )
    serializer_class = serializers.ReturnValueSerializer
    filterset_class = filtersets.ReturnValueFilterSet


class OutcomeClaimViewSet(RestrictedModelViewSet):
    base_queryset = OutcomeClaim.objects.select_related(  # type: ignore[assignment]
        "kpi", "monitoring_return__subcontract__organisation", "monitoring_return__period"
    )
    serializer_class = serializers.OutcomeClaimSerializer
    filterset_class = filtersets.OutcomeClaimFilterSet


class ReturnEvidenceViewSet(RestrictedModelViewSet):
    http_method_names = READ_ONLY
    base_queryset = ReturnEvidence.objects.select_related(  # type: ignore[assignment]
        "monitoring_return__subcontract__organisation", "monitoring_return__period"
    )
    serializer_class = serializers.ReturnEvidenceSerializer
    filterset_class = filtersets.ReturnEvidenceFilterSet


class ReturnCommentViewSet(RestrictedModelViewSet):
    http_method_names = READ_ONLY
    base_queryset = ReturnComment.objects.select_related(  # type: ignore[assignment]
        "monitoring_return__subcontract__organisation", "monitoring_return__period"
    )
    serializer_class = serializers.ReturnCommentSerializer
    filterset_class = filtersets.ReturnCommentFilterSet


class ImprovementPlanViewSet(RestrictedModelViewSet):
    base_queryset = ImprovementPlan.objects.select_related("subcontract__organisation", "subcontract__contract", "kpi")  # type: ignore[assignment]
    serializer_class = serializers.ImprovementPlanSerializer
    filterset_class = filtersets.ImprovementPlanFilterSet


class ImprovementActionViewSet(RestrictedModelViewSet):
    base_queryset = ImprovementAction.objects.select_related("plan__subcontract__organisation", "plan__kpi")  # type: ignore[assignment]
    serializer_class = serializers.ImprovementActionSerializer
    filterset_class = filtersets.ImprovementActionFilterSet


routes: list[tuple[str, Any, str]] = [
    ("kpis", KPIViewSet, "kpi"),
    ("subcontract-kpis", SubcontractKPIViewSet, "subcontractkpi"),
    ("return-periods", ReturnPeriodViewSet, "returnperiod"),
    ("monitoring-returns", MonitoringReturnViewSet, "monitoringreturn"),
    ("return-values", ReturnValueViewSet, "returnvalue"),
    ("outcome-claims", OutcomeClaimViewSet, "outcomeclaim"),
    ("return-evidence", ReturnEvidenceViewSet, "returnevidence"),
    ("return-comments", ReturnCommentViewSet, "returncomment"),
    ("improvement-plans", ImprovementPlanViewSet, "improvementplan"),
    ("improvement-actions", ImprovementActionViewSet, "improvementaction"),
]
