"""Monitoring returns on the staff side: the lists, a return's page with its values, claims,
evidence and comments, and the buttons that validate or query it."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.uploads import private_file_response
from consortia.core.views.generic import ObjectDetailView, RecordView, RecordViews, detail_fields
from consortia.performance import filtersets, forms, tables
from consortia.performance.choices import ReturnStatus
from consortia.performance.models import (
    MonitoringReturn,
    OutcomeClaim,
    ReturnComment,
    ReturnEvidence,
    ReturnValue,
)
from consortia.performance.services import returns as services
from consortia.performance.services.rag import member_scale, rate

MENU = ("Performance", 32)
LOCKED = [services.VALIDATED_LOCKED]


def _locked_return(monitoring_return: MonitoringReturn) -> list[str]:
    return LOCKED if monitoring_return.status == ReturnStatus.VALIDATED else []


@register
class MonitoringReturnViews(RecordViews):
    model = MonitoringReturn
    table = tables.MonitoringReturnTable
    filterset = filtersets.MonitoringReturnFilterSet
    form = forms.MonitoringReturnForm
    detail_fields = [
        "subcontract",
        "period",
        "status",
        "submitted_at",
        "submitted_by",
        "validated_at",
        "validated_by",
        "narrative",
    ]
    search_fields = ("subcontract__organisation__name", "period__label")
    search_description = "status"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return MonitoringReturn.objects.select_related(
            "subcontract__organisation", "subcontract__contract", "period", "submitted_by", "validated_by"
        )

    @classmethod
    def edit_blockers(cls, obj: Any) -> list[str]:
        return _locked_return(obj)

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        if obj.status not in (ReturnStatus.DUE, ReturnStatus.DRAFT):
            return ["A submitted return is part of the record and is kept."]
        return []

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "monitoringreturn_detail":
                pattern = path(str(pattern.pattern), ReturnDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        slug = cls.slug()
        return [
            *patterns,
            path(f"{slug}/<int:pk>/validate/", ValidateView.as_view(record=cls), name="monitoringreturn_validate"),
            path(f"{slug}/<int:pk>/query/", QueryView.as_view(record=cls), name="monitoringreturn_query"),
        ]


class ReturnDetailView(ObjectDetailView):
    """The return as the member gave it, rated against their targets, with validate and query."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.get_object())

    def page(self, monitoring_return: MonitoringReturn, **extra: Any) -> HttpResponse:
        user = self.request.user
        values = list(
            ReturnValue.objects.restrict(user, "view").filter(monitoring_return=monitoring_return).select_related("kpi")
        )
        targets = dict(monitoring_return.subcontract.kpis.values_list("kpi_id", "target"))
        rows = [
            (row, targets.get(row.kpi_id), rate(row.value, row.kpi, member_scale(row.kpi, targets.get(row.kpi_id))))
            for row in values
        ]
        staff = getattr(user, "organisation_id", None) is None
        context = (
            self.base_context()
            | {
                "object": monitoring_return,
                "fields": detail_fields(monitoring_return, self.record),
                "tab": "detail",
                "edit_blockers": _locked_return(monitoring_return),
                "rows": rows,
                "claims": list(
                    OutcomeClaim.objects.restrict(user, "view")
                    .filter(monitoring_return=monitoring_return)
                    .select_related("kpi")
                ),
                "evidence": list(
                    ReturnEvidence.objects.restrict(user, "view").filter(monitoring_return=monitoring_return)
                ),
                "comments": list(
                    ReturnComment.objects.restrict(user, "view")
                    .filter(monitoring_return=monitoring_return)
                    .select_related("author")
                ),
                "can_decide": staff
                and user.has_perm("performance.change_monitoringreturn")
                and monitoring_return.status == ReturnStatus.SUBMITTED,
                "query_form": forms.QueryForm(),
            }
            | extra
        )
        return render(self.request, "performance/monitoringreturn_detail.html", context)


class DecisionView(ReturnDetailView):
    def permission_actions(self) -> list[str]:
        return ["change"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(self.get_object().get_absolute_url())


class ValidateView(DecisionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        monitoring_return = self.get_object("change")
        try:
            services.validate_return(monitoring_return, request.user)
        except ValidationError as error:
            return self.page(monitoring_return, decision_errors=error.messages)
        messages.success(request, f"Validated the return “{monitoring_return}”.")
        return HttpResponseRedirect(monitoring_return.get_absolute_url())


class QueryView(DecisionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        monitoring_return = self.get_object("change")
        form = forms.QueryForm(request.POST)
        if not form.is_valid():
            return self.page(monitoring_return, query_form=form)
        try:
            services.query_return(monitoring_return, request.user, form.cleaned_data["comment"])
        except ValidationError as error:
            return self.page(monitoring_return, query_form=form, decision_errors=error.messages)
        messages.success(request, f"Queried the return “{monitoring_return}”: the member has been asked to answer.")
        return HttpResponseRedirect(monitoring_return.get_absolute_url())


@register
class ReturnValueViews(RecordViews):
    model = ReturnValue
    table = tables.ReturnValueTable
    filterset = filtersets.ReturnValueFilterSet
    form = forms.ReturnValueForm
    search_fields = ("kpi__name",)
    menu_group = MENU
    menu_order = 12

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ReturnValue.objects.select_related(
            "kpi", "monitoring_return__subcontract__organisation", "monitoring_return__period"
        )

    @classmethod
    def edit_blockers(cls, obj: Any) -> list[str]:
        return _locked_return(obj.monitoring_return)

    delete_blockers = edit_blockers


@register
class OutcomeClaimViews(RecordViews):
    model = OutcomeClaim
    table = tables.OutcomeClaimTable
    filterset = filtersets.OutcomeClaimFilterSet
    form = forms.OutcomeClaimForm
    detail_fields = ["monitoring_return", "contract", "kpi", "client_reference", "achieved_on"]
    search_fields = ("client_reference", "kpi__name")
    search_description = "achieved_on"
    menu_group = MENU
    menu_order = 14

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return OutcomeClaim.objects.select_related(
            "kpi", "contract", "monitoring_return__subcontract__organisation", "monitoring_return__period"
        )

    @classmethod
    def edit_blockers(cls, obj: Any) -> list[str]:
        return _locked_return(obj.monitoring_return)

    delete_blockers = edit_blockers


@register
class ReturnEvidenceViews(RecordViews):
    """Read here, downloaded through `EvidenceFileView`; members upload it with their return."""

    model = ReturnEvidence
    table = tables.ReturnEvidenceTable
    filterset = filtersets.ReturnEvidenceFilterSet
    detail_fields = ["monitoring_return", "original_filename", "description"]
    search_fields = ("original_filename", "description")
    url_slug = "return-evidence"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ReturnEvidence.objects.select_related(
            "monitoring_return__subcontract__organisation", "monitoring_return__period"
        )

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return [
            *super().urls(),
            path(f"{cls.slug()}/<int:pk>/file/", EvidenceFileView.as_view(record=cls), name="returnevidence_file"),
        ]


class EvidenceFileView(RecordView):
    """The file, for whoever may view the evidence (a member only their own): never a media address."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        evidence = self.get_object()
        return private_file_response(evidence.file, PurePath(evidence.original_filename).stem or "evidence")


@register
class ReturnCommentViews(RecordViews):
    """Queries and replies are written through the return (the hub's query, the member's reply)."""

    model = ReturnComment
    table = tables.ReturnCommentTable
    filterset = filtersets.ReturnCommentFilterSet
    detail_fields = ["monitoring_return", "kind", "author", "text"]
    search_fields = ("text",)

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ReturnComment.objects.select_related(
            "author", "monitoring_return__subcontract__organisation", "monitoring_return__period"
        )


urlpatterns = [
    *MonitoringReturnViews.urls(),
    *ReturnValueViews.urls(),
    *OutcomeClaimViews.urls(),
    *ReturnEvidenceViews.urls(),
    *ReturnCommentViews.urls(),
]
