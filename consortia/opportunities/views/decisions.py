"""Bid/no-bid: the criteria, each scorer's scores, the result with conflicts left out, the decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import RecordView, RecordViews
from consortia.opportunities.filtersets import decisions as filtersets
from consortia.opportunities.forms import decisions as forms
from consortia.opportunities.models import SCORE_MAX, BidCriterion, BidDecision, BidScore, Opportunity
from consortia.opportunities.services import decisions as services
from consortia.opportunities.tables import decisions as tables
from consortia.opportunities.views.pipeline import MENU, OpportunityViews, opportunity_tabs


@register
class BidCriterionViews(RecordViews):
    model = BidCriterion
    table = tables.BidCriterionTable
    filterset = filtersets.BidCriterionFilterSet
    form = forms.BidCriterionForm
    search_fields = ("name",)
    search_description = "description"
    menu_group = MENU
    menu_order = 40
    url_slug = "bid-criteria"

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        if obj.scores.exists():
            return ["Opportunities have been scored against it; set its weight to 0 instead."]
        return []


@register
class BidScoreViews(RecordViews):
    model = BidScore
    table = tables.BidScoreTable
    filterset = filtersets.BidScoreFilterSet
    search_fields = ("comment", "opportunity__title")
    search_description = "comment"
    menu_group = None  # reached from the opportunity's bid/no-bid page
    url_slug = "bid-scores"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return BidScore.objects.select_related("opportunity", "criterion", "scorer")


@register
class BidDecisionViews(RecordViews):
    model = BidDecision
    table = tables.BidDecisionTable
    filterset = filtersets.BidDecisionFilterSet
    detail_fields = [
        "opportunity",
        "decision",
        "rationale",
        "decided_by",
        "decided_on",
        "minute_reference",
        "weighted_score",
        "scorers_counted",
        "conflicts_recorded",
    ]
    search_fields = ("opportunity__title", "rationale")
    search_description = "rationale"
    menu_group = MENU
    menu_order = 30
    url_slug = "bid-decisions"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return BidDecision.objects.select_related("opportunity", "decided_by")


class BidNoBidView(RecordView):
    """The opportunity's bid/no-bid page: criteria, the scorer's own grid, results, decision."""

    record = OpportunityViews

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.get_object())

    def page(
        self,
        opportunity: Opportunity,
        *,
        entered: dict[int, str] | None = None,
        score_errors: list[str] | None = None,
        decision_form: forms.DecisionForm | None = None,
    ) -> HttpResponse:
        user: Any = self.request.user
        outcome = services.results(opportunity)
        decision = getattr(opportunity, "bid_decision", None)
        may_score = services.may_score(user) and decision is None
        own = {row.criterion_id: row for row in BidScore.objects.filter(opportunity=opportunity, scorer=user)}
        grid = []
        for criterion, share in outcome.criteria:
            saved = own.get(criterion.pk)
            value = entered.get(criterion.pk, "") if entered is not None else (saved.score if saved else "")
            grid.append(
                {
                    "criterion": criterion,
                    "percent": (share * 100).quantize(1),
                    "value": value,
                    "comment": saved.comment if saved else "",
                }
            )
        own_conflicts = [result for result in outcome.left_out if result.scorer.pk == user.pk]
        may_decide = user.has_perm("opportunities.add_biddecision") and decision is None
        if may_decide and decision_form is None:
            decision_form = forms.DecisionForm()
        context = self.base_context() | {
            "object": opportunity,
            "tab": "bid_no_bid",
            "extra_tabs": opportunity_tabs(opportunity),
            "outcome": outcome,
            "decision": decision,
            "may_score": may_score,
            "grid": grid,
            "scale_max": SCORE_MAX,
            "score_errors": score_errors or [],
            "own_conflicts": own_conflicts,
            "decision_form": decision_form if may_decide else None,
            "interests": list(opportunity.interests.select_related("organisation").order_by("organisation__name")),
        }
        return render(self.request, "opportunities/opportunity_bid_no_bid.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        opportunity = self.get_object()
        if not services.may_score(request.user):
            raise PermissionDenied("You do not have permission to score bid/no-bid decisions.")
        entered: dict[int, str] = {}
        comments: dict[int, str] = {}
        for name in request.POST:
            value = request.POST.get(name, "")
            kind, _, number = name.partition("-")
            if number.isdigit() and kind == "score":
                entered[int(number)] = value
            elif number.isdigit() and kind == "comment":
                comments[int(number)] = value
        try:
            changed = services.record_scores(opportunity, request.user, entered, comments)
        except ValidationError as error:
            return self.page(opportunity, entered=entered, score_errors=error.messages)
        messages.success(request, f"Your scores are saved ({changed} changed).")
        return HttpResponseRedirect(reverse("opportunities:opportunity_bid_no_bid", args=[pk]) + "#results")


class DecisionView(BidNoBidView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(reverse("opportunities:opportunity_bid_no_bid", args=[pk]) + "#decision")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("opportunities.add_biddecision"):
            raise PermissionDenied("You do not have permission to record bid/no-bid decisions.")
        opportunity = self.get_object("change")
        form = forms.DecisionForm(request.POST)
        if not form.is_valid():
            return self.page(opportunity, decision_form=form)
        try:
            decision = services.record_decision(opportunity, request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field_name, errors in error.message_dict.items():
                    form.add_error(field_name if field_name in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.page(opportunity, decision_form=form)
        messages.success(request, f"Recorded the decision: {decision.get_decision_display().lower()}.")
        return HttpResponseRedirect(reverse("opportunities:opportunity_bid_no_bid", args=[pk]) + "#decision")


slug = OpportunityViews.slug()
urlpatterns: list[URLPattern] = [
    *BidCriterionViews.urls(),
    *BidScoreViews.urls(),
    *BidDecisionViews.urls(),
    path(f"{slug}/<int:pk>/bid-no-bid/", BidNoBidView.as_view(), name="opportunity_bid_no_bid"),
    path(f"{slug}/<int:pk>/bid-no-bid/decision/", DecisionView.as_view(), name="opportunity_decide"),
]
