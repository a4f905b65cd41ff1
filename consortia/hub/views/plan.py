"""Strategic and business planning: the business plan, its objectives, indicators, readings and reviews.

The plan's own page shows its objectives with their indicators (latest value, target and
progress) beside the workplan for the plan's period, with the board's reviews; a Word copy
of the plan is built through the documents app.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordViews, detail_fields
from consortia.documents.views import document_urls
from consortia.hub.filtersets import plan as filtersets
from consortia.hub.forms import plan as forms
from consortia.hub.models import BusinessPlan, PlanIndicator, PlanIndicatorReading, PlanObjective, PlanReview
from consortia.hub.services import plan as services
from consortia.hub.tables import plan as tables

MENU = ("Hub", 5)


@register
class BusinessPlanViews(RecordViews):
    model = BusinessPlan
    table = tables.BusinessPlanTable
    filterset = filtersets.BusinessPlanFilterSet
    form = forms.BusinessPlanForm
    detail_fields = ["period", "status", "approved_on", "approval_note", "next_review"]
    search_fields = ("title",)
    search_description = "status"
    menu_group = MENU
    menu_order = 84

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "businessplan_detail":
                pattern = path(str(pattern.pattern), BusinessPlanDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        return [
            *patterns,
            path(f"{cls.slug()}/<int:pk>/approve/", ApprovePlanView.as_view(record=cls), name="businessplan_approve"),
        ]

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        if obj.status == "approved":
            return ["The board has approved this plan: it is the record of what was agreed. Supersede it instead."]
        return []


@register
class PlanObjectiveViews(RecordViews):
    model = PlanObjective
    table = tables.PlanObjectiveTable
    filterset = filtersets.PlanObjectiveFilterSet
    form = forms.PlanObjectiveForm
    detail_fields = ["plan", "number", "description", "owner", "order"]
    search_fields = ("title",)
    search_description = "plan"
    menu_group = MENU
    menu_order = 85

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return PlanObjective.objects.select_related("plan", "owner")


@register
class PlanIndicatorViews(RecordViews):
    model = PlanIndicator
    table = tables.PlanIndicatorTable
    filterset = filtersets.PlanIndicatorFilterSet
    form = forms.PlanIndicatorForm
    detail_fields = [
        "objective",
        "latest_figure",
        "measured_by",
        "period",
        "unit",
        "baseline",
        "goal",
        "direction",
        "tolerance",
        "order",
    ]
    search_fields = ("name",)
    search_description = "objective"
    menu_group = MENU
    menu_order = 86

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return services.with_latest_reading(PlanIndicator.objects.select_related("objective__plan"))


@register
class PlanIndicatorReadingViews(RecordViews):
    model = PlanIndicatorReading
    table = tables.PlanIndicatorReadingTable
    filterset = filtersets.PlanIndicatorReadingFilterSet
    form = forms.PlanIndicatorReadingForm
    search_fields = ("indicator__name", "note")
    search_description = "indicator"
    menu_group = MENU
    menu_order = 87

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return PlanIndicatorReading.objects.select_related("indicator")


@register
class PlanReviewViews(RecordViews):
    model = PlanReview
    table = tables.PlanReviewTable
    filterset = filtersets.PlanReviewFilterSet
    form = forms.PlanReviewForm
    detail_fields = ["plan", "reviewed_on", "reviewed_by", "minute_reference", "summary"]
    search_fields = ("reviewed_by", "minute_reference")
    search_description = "plan"
    menu_group = MENU
    menu_order = 88

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return PlanReview.objects.select_related("plan")


class BusinessPlanDetailView(ObjectDetailView):
    """The plan: objectives with their indicators' latest value, target and progress, beside the
    workplan for the plan's period (side by side on a wide screen, one above the other on a
    narrow one), then the board's reviews.

    Queries: the sign-in and permissions, the plan, then `services.plan_page`'s four, plus each
    measure in use's own queries once; whatever the number of objectives and indicators.
    """

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.get_object())

    def page(self, plan: BusinessPlan, approve_form: forms.ApprovePlanForm | None = None) -> HttpResponse:
        user = self.request.user
        may_approve = user.has_perm("hub.change_businessplan") and plan.status != "superseded"
        if may_approve and approve_form is None and plan.status == "draft":
            approve_form = forms.ApprovePlanForm()
        context = self.base_context() | {
            "object": plan,
            "fields": detail_fields(plan, self.record),
            "tab": "detail",
            "edit_blockers": [],
            "page": services.plan_page(plan),
            "approve_form": approve_form if may_approve else None,
            "may_build": user.has_perm("documents.add_generateddocument"),
            "can_add_objective": user.has_perm("hub.add_planobjective"),
            "can_add_indicator": user.has_perm("hub.add_planindicator"),
            "can_add_reading": user.has_perm("hub.add_planindicatorreading"),
            "can_add_review": user.has_perm("hub.add_planreview"),
        }
        return render(
            self.request, self.template("detail"), context, status=422 if approve_form and approve_form.errors else 200
        )


class ApprovePlanView(BusinessPlanDetailView):
    """Record the board's approval of the plan; the plan approved before it is superseded."""

    action = "change"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(self.get_object().get_absolute_url())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_object()
        form = forms.ApprovePlanForm(request.POST)
        if form.is_valid():
            try:
                superseded = services.approve_plan(
                    plan, request.user, approved_on=form.cleaned_data["approved_on"], note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                message = f"Recorded the board's approval of “{plan}”."
                if superseded:
                    message += " Superseded: " + ", ".join(f"“{older}”" for older in superseded) + "."
                messages.success(request, message)
                return HttpResponseRedirect(plan.get_absolute_url())
        plan.refresh_from_db()
        return self.page(plan, approve_form=form)


urlpatterns: list[URLPattern] = [
    *BusinessPlanViews.urls(),
    *PlanObjectiveViews.urls(),
    *PlanIndicatorViews.urls(),
    *PlanIndicatorReadingViews.urls(),
    *PlanReviewViews.urls(),
    *document_urls(BusinessPlanViews, services.KIND, services.build_business_plan),
]
