"""Recharges to employers of shared staff, and the recharge statement (part of the time area).

The statement is not a record: it is worked out from timesheets and recharges for an employer
and a period. Its Excel download is kept as a generated document whose source is the employer.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.views.generic import RecordView, RecordViews
from consortia.documents import services as documents
from consortia.people.filtersets.time import RechargeFilterSet
from consortia.people.forms.recharge import RechargeForm, StatementForm
from consortia.people.models import Recharge
from consortia.people.services.recharge import OVERLAP_RULE, recharge_statement, statement_workbook
from consortia.people.tables.time import RechargeTable

MENU = ("People", 30)
KIND = "recharge_statement"


@register
class RechargeViews(RecordViews):
    model = Recharge
    table = RechargeTable
    filterset = RechargeFilterSet
    form = RechargeForm
    search_fields = ("reference", "notes")
    search_description = "employer"
    menu_group = MENU
    menu_order = 50

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Recharge.objects.select_related("employer")  # type: ignore[return-value]


class RechargeStatementView(RecordView):
    """Approved hours given by an employer's staff in a period, their cost, and what was paid.

    Needs the view permission on recharges, timesheets and staff; `?format=xlsx` downloads it
    as Excel (and keeps the file), which also needs the permission to generate documents.
    """

    record = RechargeViews

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if request.user.is_authenticated:
            for permission in ("people.view_timesheet", "people.view_staffmember"):
                if not request.user.has_perm(permission):
                    raise PermissionDenied("You do not have permission to see timesheets and staff.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponseBase:
        bound = {key for key in ("organisation", "start", "end") if key in request.GET}
        form = StatementForm(request.GET if bound else None, user=request.user)
        organisations = list(form.fields["organisation"].queryset)  # type: ignore[attr-defined]
        statement = None
        if bound and form.is_valid():
            data = form.cleaned_data
            statement = recharge_statement(data["organisation"], data["start"], data["end"], user=request.user)
        elif not bound and organisations:
            # First visit: the first employer, the last complete quarter.
            statement = recharge_statement(
                organisations[0], form.fields["start"].initial, form.fields["end"].initial, user=request.user
            )
            form.initial["organisation"] = organisations[0].pk
        can_download = request.user.has_perm("documents.add_generateddocument")
        if request.GET.get("format") == "xlsx" and statement is not None:
            if not can_download:
                raise PermissionDenied("You do not have permission to generate documents.")
            document = documents.store(
                statement_workbook(statement), kind=KIND, source=statement.employer, user=request.user
            )
            return documents.download(document)
        context = self.base_context() | {
            "form": form,
            "statement": statement,
            "overlap_rule": OVERLAP_RULE,
            "can_download": can_download,
            "has_employers": bool(organisations),
        }
        return render(request, "people/time/recharge_statement.html", context)


add_menu_item(
    MENU[0], MENU[1], MenuItem("Recharge statement", "people:recharge_statement", "people.view_recharge", order=55)
)

urlpatterns: list[URLPattern] = [
    *RechargeViews.urls(),
    path("recharge-statement/", RechargeStatementView.as_view(), name="recharge_statement"),
]
