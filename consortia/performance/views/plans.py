"""Improvement plans for members whose performance is at red, and their actions."""

from __future__ import annotations

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import RecordViews
from consortia.performance import filtersets, forms, tables
from consortia.performance.models import ImprovementAction, ImprovementPlan

MENU = ("Performance", 32)


@register
class ImprovementPlanViews(RecordViews):
    model = ImprovementPlan
    table = tables.ImprovementPlanTable
    filterset = filtersets.ImprovementPlanFilterSet
    form = forms.ImprovementPlanForm
    search_fields = ("subcontract__organisation__name", "reason", "kpi__name")
    search_description = "status"
    menu_group = MENU
    menu_order = 40

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ImprovementPlan.objects.select_related("subcontract__organisation", "subcontract__contract", "kpi")


@register
class ImprovementActionViews(RecordViews):
    model = ImprovementAction
    table = tables.ImprovementActionTable
    filterset = filtersets.ImprovementActionFilterSet
    form = forms.ImprovementActionForm
    search_fields = ("action", "owner")

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ImprovementAction.objects.select_related("plan__subcontract__organisation", "plan__kpi", "owner_user")


urlpatterns = [*ImprovementPlanViews.urls(), *ImprovementActionViews.urls()]
