"""The risk register: risks, their reviews and actions, the heat map and the board's top risks."""

from __future__ import annotations

from typing import Any

from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, Panel, add_menu_item, add_panel, register
from consortia.core.services import StaleEditError, record_version
from consortia.core.views.generic import ObjectDetailView, RecordViews, detail_fields
from consortia.core.views.hub import HubPageView
from consortia.policies import filtersets
from consortia.policies import forms as policy_forms
from consortia.policies import tables as policy_tables
from consortia.policies.models import Risk, RiskAction, RiskReview
from consortia.policies.services import risks as services
from consortia.policies.views.policies import MENU

PERMISSION = "policies.view_risk"


@register
class RiskViews(RecordViews):
    model = Risk
    table = policy_tables.RiskTable
    filterset = filtersets.RiskFilterSet
    form = policy_forms.RiskForm
    detail_fields = [
        "title",
        "description",
        "category",
        "owner",
        "status",
        "inherent_likelihood",
        "inherent_impact",
        "inherent_score",
        "controls",
        "residual_likelihood",
        "residual_impact",
        "residual_score",
        "trend",
        "review_on",
        "notes",
    ]
    search_fields = ("title", "description")
    search_description = "description"
    menu_group = MENU
    menu_order = 50

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Risk.objects.select_related("owner")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "risk_detail":
                pattern = path(str(pattern.pattern), RiskDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        return patterns


class RiskDetailView(ObjectDetailView):
    """The risk with its reviews (newest first) and its actions."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        risk = self.get_object()
        user = request.user
        context = self.base_context() | {
            "object": risk,
            "fields": detail_fields(risk, self.record),
            "tab": "detail",
            "reviews": list(
                RiskReview.objects.restrict(user, "view").filter(risk=risk).order_by("-reviewed_on", "-pk")
            ),
            "actions": list(RiskAction.objects.restrict(user, "view").filter(risk=risk).select_related("owner")),
            "can_review": user.has_perm("policies.add_riskreview"),
            "can_action": user.has_perm("policies.add_riskaction"),
        }
        return render(request, "policies/risk_detail.html", context)


@register
class RiskReviewViews(RecordViews):
    model = RiskReview
    table = policy_tables.RiskReviewTable
    filterset = filtersets.RiskReviewFilterSet
    form = policy_forms.RiskReviewForm
    search_fields = ("risk__title", "note")
    menu_group = MENU
    menu_order = 60
    url_slug = "risk-reviews"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return RiskReview.objects.select_related("risk")

    @classmethod
    def save(cls, form: ModelForm, user: Any, seen_version: str | None) -> Any:
        data = form.cleaned_data
        instance = form.instance if form.instance.pk else None
        if instance is not None and seen_version is not None:
            stored = RiskReview.objects.filter(pk=instance.pk).first()
            if stored is None or record_version(stored) != seen_version:
                raise StaleEditError
        risk = instance.risk if instance is not None else data["risk"]
        return services.record_review(
            risk,
            user,
            data["reviewed_on"],
            data["likelihood"],
            data["impact"],
            data.get("note", ""),
            data.get("next_review_on"),
            review=instance,
        )

    @classmethod
    def delete(cls, obj: Any, user: Any) -> None:
        services.remove_review(obj, user)


@register
class RiskActionViews(RecordViews):
    model = RiskAction
    table = policy_tables.RiskActionTable
    filterset = filtersets.RiskActionFilterSet
    form = policy_forms.RiskActionForm
    search_fields = ("description", "risk__title")
    menu_group = MENU
    menu_order = 70
    url_slug = "risk-actions"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return RiskAction.objects.select_related("risk", "owner")


class HubRiskView(HubPageView):
    """A page of the risk register's own: members' users get a 404, hub users without the right a 403."""

    permission = PERMISSION
    refusal = "You may not see the risk register."


class HeatMapView(HubRiskView):
    """Open risks counted by likelihood and impact after controls, each cell linking to its risks."""

    def get(self, request: HttpRequest) -> HttpResponse:
        figures = services.heat_map(Risk.objects.restrict(request.user, "view"))
        return render(request, "policies/heat_map.html", {"map": figures})


class TopRisksView(HubRiskView):
    """The board's view: the ten open risks scoring highest after controls, and reviews overdue."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request, "policies/top_risks.html", {"top": services.top_risks(Risk.objects.restrict(request.user, "view"))}
        )


def _top_risks_panel(request: HttpRequest) -> dict[str, Any]:
    if getattr(request.user, "organisation_id", None) is not None:
        return {"top": None}
    return {"top": services.top_risks(Risk.objects.restrict(request.user, "view"))}


add_panel(Panel("policies/panel.html", PERMISSION, _top_risks_panel, order=40))
add_menu_item(*MENU, MenuItem("Risk heat map", "policies:heat_map", PERMISSION, order=45))
add_menu_item(*MENU, MenuItem("Top risks (board)", "policies:top_risks", PERMISSION, order=46))

urlpatterns: list[URLPattern] = [
    path("risks/heat-map/", HeatMapView.as_view(), name="heat_map"),
    path("risks/top/", TopRisksView.as_view(), name="top_risks"),
    *RiskViews.urls(),
    *RiskReviewViews.urls(),
    *RiskActionViews.urls(),
]
