"""Service standards, their readings, the performance procedures and the Hub performance page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.views.generic import RecordView, RecordViews
from consortia.hub import measures
from consortia.hub.filtersets import standards as filtersets
from consortia.hub.forms import standards as forms
from consortia.hub.models import PerformanceProcedure, ServiceStandard, StandardReading
from consortia.hub.services.standards import period_for, record_reading, standard_results
from consortia.hub.tables import standards as tables

MENU = ("Hub", 5)


@register
class ServiceStandardViews(RecordViews):
    model = ServiceStandard
    table = tables.ServiceStandardTable
    filterset = filtersets.ServiceStandardFilterSet
    form = forms.ServiceStandardForm
    detail_fields = [
        "function",
        "measure_label",
        "target_label",
        "period",
        "amber_margin",
        "responsible",
        "agreed_on",
        "active",
    ]
    search_fields = ("name",)
    search_description = "function"
    menu_group = MENU
    menu_order = 60

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ServiceStandard.objects.select_related("function", "responsible")


@register
class StandardReadingViews(RecordViews):
    model = StandardReading
    table = tables.StandardReadingTable
    filterset = filtersets.StandardReadingFilterSet
    form = forms.StandardReadingForm
    search_fields = ("standard__name", "note")
    search_description = "standard"
    menu_group = None  # reached from the record it belongs to, not the menu
    menu_order = 62

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return StandardReading.objects.select_related("standard")


@register
class PerformanceProcedureViews(RecordViews):
    model = PerformanceProcedure
    table = tables.PerformanceProcedureTable
    filterset = filtersets.PerformanceProcedureFilterSet
    form = forms.PerformanceProcedureForm
    detail_fields = ["reviewed_by", "review_cadence", "next_review", "procedure", "escalation"]
    search_fields = ("name", "reviewed_by")
    search_description = "reviewed_by"
    menu_group = MENU
    menu_order = 64


class PerformanceView(RecordView):
    """Hub performance: each active standard's actual against target now, its last six periods
    and who answers for it, grouped by hub function; then how performance is reviewed.

    Queries: the sign-in and permissions, the standards, their hand readings and the procedures
    (a fixed number, whatever the number of standards), plus each computed measure's own fixed
    queries for each of its six periods.
    """

    record = ServiceStandardViews

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request)

    def render_page(
        self, request: HttpRequest, bound: Mapping[int, forms.QuickReadingForm] | None = None
    ) -> HttpResponse:
        standards = self.get_queryset().filter(active=True)
        results = standard_results(standards)
        groups: list[tuple[Any, list[Any]]] = []
        for result in results:
            function = result.standard.function
            if not groups or groups[-1][0] != function:
                groups.append((function, []))
            groups[-1][1].append(result)
        user = request.user
        can_record = user.has_perm("hub.add_standardreading") and user.has_perm("hub.change_standardreading")
        reading_forms: dict[int, forms.QuickReadingForm] = {}
        if can_record:
            for result in results:
                if result.computed:
                    continue
                current = result.current
                initial = {"value": current.actual, "note": current.note} if current.actual is not None else {}
                reading_forms[result.standard.pk] = forms.QuickReadingForm(
                    initial=initial, prefix=f"standard-{result.standard.pk}"
                )
            reading_forms.update(bound or {})
        for result in results:
            result.reading_form = reading_forms.get(result.standard.pk)  # type: ignore[attr-defined]
        procedures = PerformanceProcedure.objects.restrict(user, "view")
        context = self.base_context() | {
            "groups": groups,
            "procedures": procedures,
            "can_record": can_record,
            "today": timezone.localdate(),
            "measure_count": len(measures.measures()),
        }
        return render(request, "hub/standards/performance.html", context, status=422 if bound else 200)


class RecordReadingView(RecordView):
    """Enter this period's figure for a hand-entered standard, from the performance page."""

    record = StandardReadingViews

    def permission_actions(self) -> list[str]:
        return ["add", "change"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        visible = ServiceStandard.objects.restrict(request.user, "view").filter(measure="")
        standard = get_object_or_404(visible, pk=pk)
        form = forms.QuickReadingForm(request.POST, prefix=f"standard-{standard.pk}")
        if form.is_valid():
            try:
                reading = record_reading(
                    standard, form.cleaned_data["value"], request.user, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                period = period_for(reading.period_start, standard.period)
                messages.success(request, f"Saved the figure for “{standard}” for {period.label}.")
                return HttpResponseRedirect(reverse("hub:performance") + f"#standard-{standard.pk}")
        page = PerformanceView(request=request, kwargs={}, args=())
        return page.render_page(request, bound={standard.pk: form})


add_menu_item("Hub", 5, MenuItem("Hub performance", "hub:performance", "hub.view_servicestandard", order=58))

urlpatterns: list[URLPattern] = [
    *ServiceStandardViews.urls(),
    *StandardReadingViews.urls(),
    *PerformanceProcedureViews.urls(),
    path("performance/", PerformanceView.as_view(), name="performance"),
    path("performance/<int:pk>/reading/", RecordReadingView.as_view(), name="performance_reading"),
]
