"""The options appraisal: delivery models, appraisals with their scoring grid and results,
criteria, scores, and the decision on how the hub is delivered."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordViews, detail_fields
from consortia.documents.views import document_urls
from consortia.hub.choices import AppraisalStatus
from consortia.hub.filtersets import appraisal as filtersets
from consortia.hub.forms import appraisal as forms
from consortia.hub.models import Appraisal, AppraisalCriterion, AppraisalScore, DeliveryModel, HubDecision
from consortia.hub.services import appraisal as services
from consortia.hub.tables import appraisal as tables

MENU = ("Hub", 5)


@register
class DeliveryModelViews(RecordViews):
    model = DeliveryModel
    table = tables.DeliveryModelTable
    filterset = filtersets.DeliveryModelFilterSet
    form = forms.DeliveryModelForm
    detail_fields = [
        "code",
        "summary",
        "advantages",
        "disadvantages",
        "suits",
        "needs_provider",
        "provider_is_member",
        "order",
    ]
    search_fields = ("name", "code")
    search_description = "code"
    menu_group = MENU
    menu_order = 14
    url_slug = "delivery-models"

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        reasons = []
        if obj.appraisals.exists():
            reasons.append("It is an option in an appraisal; take it out of the appraisal first.")
        if obj.decisions.exists():
            reasons.append("A decision on how the hub is delivered chose it.")
        return reasons


@register
class AppraisalViews(RecordViews):
    model = Appraisal
    table = tables.AppraisalTable
    filterset = filtersets.AppraisalFilterSet
    form = forms.AppraisalForm
    detail_fields = ["purpose", "status", "scale_max", "closes_on", "scorers"]
    search_fields = ("title",)
    search_description = "purpose"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def after_save(cls, request: HttpRequest, obj: Any, created: bool) -> None:
        if created:
            services.open_appraisal(obj, request.user)

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "appraisal_detail":
                pattern = path(str(pattern.pattern), AppraisalDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        slug = cls.slug()
        return [
            *patterns,
            path(f"{slug}/<int:pk>/scores/", ScoreGridView.as_view(record=cls), name="appraisal_score"),
            path(f"{slug}/<int:pk>/decision/", DecisionView.as_view(record=cls), name="appraisal_decision"),
        ]


@register
class AppraisalCriterionViews(RecordViews):
    model = AppraisalCriterion
    table = tables.AppraisalCriterionTable
    filterset = filtersets.AppraisalCriterionFilterSet
    form = forms.AppraisalCriterionForm
    detail_fields = ["appraisal", "description", "weight", "order"]
    search_fields = ("name",)
    search_description = "appraisal"
    menu_group = None  # reached from the record it belongs to, not the menu
    menu_order = 16

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return AppraisalCriterion.objects.select_related("appraisal")


@register
class AppraisalScoreViews(RecordViews):
    model = AppraisalScore
    table = tables.AppraisalScoreTable
    filterset = filtersets.AppraisalScoreFilterSet
    form = forms.AppraisalScoreForm
    search_fields = ("comment",)
    search_description = "option"
    menu_group = None  # reached from the record it belongs to, not the menu
    menu_order = 18

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return AppraisalScore.objects.select_related("criterion__appraisal", "option", "scorer")


@register
class HubDecisionViews(RecordViews):
    model = HubDecision
    table = tables.HubDecisionTable
    filterset = filtersets.HubDecisionFilterSet
    form = forms.HubDecisionForm
    search_fields = ("decided_by", "minute_reference")
    search_description = "decided_by"
    menu_group = MENU
    menu_order = 12
    url_slug = "decisions"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return HubDecision.objects.select_related("chosen_model", "provider", "appraisal")


# -- the appraisal's own page ---------------------------------------------------------------------


def cell_name(criterion_id: int, option_id: int) -> str:
    return f"score-{criterion_id}-{option_id}"


class AppraisalDetailView(ObjectDetailView):
    """The appraisal: criteria and weights, the scorer's grid, the results and the decision."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.get_object())

    def page(
        self,
        appraisal: Appraisal,
        *,
        entered: dict[str, str] | None = None,
        score_errors: list[str] | None = None,
        decision_form: forms.AppraisalDecisionForm | None = None,
    ) -> HttpResponse:
        user = self.request.user
        results = services.appraisal_results(appraisal)
        scorers = list(appraisal.scorers.order_by("full_name", "email"))
        may_score = services.may_score(appraisal, user, {scorer.pk for scorer in scorers})
        closed = appraisal.status == AppraisalStatus.CLOSED
        grid: list[dict[str, Any]] = []
        if may_score and not closed:
            own = services.scorer_grid(appraisal, user)
            for weight in results.weights:
                cells = []
                for result in results.options:
                    key = (weight.criterion.pk, result.option.pk)
                    name = cell_name(*key)
                    value = entered.get(name, "") if entered is not None else own.get(key, "")
                    cells.append({"name": name, "value": value, "option": result.option})
                grid.append({"weight": weight, "cells": cells})
        decisions = list(appraisal.decisions.select_related("chosen_model", "provider").order_by("-decided_on", "-pk"))
        may_decide = user.has_perm("hub.add_hubdecision")
        if may_decide and decision_form is None and not decisions:
            decision_form = forms.AppraisalDecisionForm(appraisal=appraisal, user=user)
        context = self.base_context() | {
            "object": appraisal,
            "fields": detail_fields(appraisal, self.record),
            "tab": "detail",
            "results": results,
            "scorers": scorers,
            "may_score": may_score,
            "closed": closed,
            "grid": grid,
            "score_errors": score_errors or [],
            "decisions": decisions,
            "decision_form": decision_form,
            "may_build": user.has_perm("documents.add_generateddocument"),
        }
        return render(self.request, self.template("detail"), context)


class ScoreGridView(AppraisalDetailView):
    """The signed-in scorer's scores for every option against every criterion, saved together."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(self.get_object().get_absolute_url() + "#scoring")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        appraisal = self.get_object()
        if not services.may_score(appraisal, request.user):
            raise PermissionDenied("Only the appraisal's scorers may score it.")
        entered: dict[str, str] = {}
        scores: dict[tuple[int, int], Any] = {}
        for name in request.POST:
            value = request.POST.get(name, "")
            parts = name.split("-")
            if len(parts) == 3 and parts[0] == "score" and parts[1].isdigit() and parts[2].isdigit():
                entered[name] = value
                scores[(int(parts[1]), int(parts[2]))] = value
        try:
            saved = services.record_scores(appraisal, request.user, scores)
        except ValidationError as error:
            return self.page(appraisal, entered=entered, score_errors=error.messages)
        messages.success(request, f"Your scores are saved ({saved} changed).")
        return HttpResponseRedirect(appraisal.get_absolute_url() + "#results")


class DecisionView(AppraisalDetailView):
    """Record the board's decision from the appraisal's page."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(self.get_object().get_absolute_url() + "#decision")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("hub.add_hubdecision"):
            raise PermissionDenied("You do not have permission to record the hub's decision.")
        appraisal = self.get_object()
        form = forms.AppraisalDecisionForm(request.POST, appraisal=appraisal, user=request.user)
        if not form.is_valid():
            return self.page(appraisal, decision_form=form)
        data = form.cleaned_data
        try:
            decision = services.record_decision(
                appraisal,
                request.user,
                chosen_model=data["chosen_model"],
                provider=data.get("provider"),
                decided_on=data["decided_on"],
                decided_by=data["decided_by"],
                minute_reference=data.get("minute_reference", ""),
                rationale=data["rationale"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.page(appraisal, decision_form=form)
        messages.success(request, f"Recorded the decision: {decision.chosen_model}. Scoring is now closed.")
        return HttpResponseRedirect(appraisal.get_absolute_url() + "#decision")


urlpatterns: list[URLPattern] = [
    *DeliveryModelViews.urls(),
    *AppraisalViews.urls(),
    *document_urls(AppraisalViews, "appraisal", services.build_appraisal_paper),
    *AppraisalCriterionViews.urls(),
    *AppraisalScoreViews.urls(),
    *HubDecisionViews.urls(),
]
