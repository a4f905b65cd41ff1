"""KPIs, their targets passed down to members, return periods, and the contract's performance:
the KPI page (per period and per member, RAG, roll-up, a chart), the commissioner's report in
PDF and Excel, and a member's scorecard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse

from consortia.contracts.models import Contract
from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.views.generic import RecordView, RecordViews
from consortia.directory.models import Organisation
from consortia.documents.choices import DocumentFormat
from consortia.documents.views import document_urls
from consortia.performance import filtersets, forms, tables
from consortia.performance.models import KPI, ReturnPeriod, SubcontractKPI
from consortia.performance.services import periods as period_services
from consortia.performance.services.charts import kpi_chart
from consortia.performance.services.plans import open_plans_for_red
from consortia.performance.services.rag import contract_performance, performances
from consortia.performance.services.report import build_report

MENU = ("Performance", 32)


@register
class KPIViews(RecordViews):
    model = KPI
    table = tables.KPITable
    filterset = filtersets.KPIFilterSet
    form = forms.KPIForm
    search_fields = ("name", "definition")
    search_description = "definition"
    menu_group = MENU
    menu_order = 20
    url_slug = "kpis"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return KPI.objects.select_related("contract")


@register
class SubcontractKPIViews(RecordViews):
    model = SubcontractKPI
    table = tables.SubcontractKPITable
    filterset = filtersets.SubcontractKPIFilterSet
    form = forms.SubcontractKPIForm
    search_fields = ("kpi__name", "subcontract__organisation__name")
    url_slug = "subcontract-kpis"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return SubcontractKPI.objects.select_related("kpi", "subcontract__organisation", "subcontract__contract")


@register
class ReturnPeriodViews(RecordViews):
    model = ReturnPeriod
    table = tables.ReturnPeriodTable
    filterset = filtersets.ReturnPeriodFilterSet
    form = forms.ReturnPeriodForm
    search_fields = ("label",)
    search_description = "due_on"
    menu_group = MENU
    menu_order = 30

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ReturnPeriod.objects.select_related("contract")


class ContractPerformanceViews(RecordViews):
    """The contract seen from performance (not registered: the contracts app owns the contract)."""

    model = Contract
    url_slug = "contracts"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Contract.objects.select_related("commissioner")  # type: ignore[return-value]


class ContractKPIView(RecordView):
    """A contract's KPIs against target per period, for the contract and for each member, with RAG
    and a chart. Seven queries whatever the size: session, user, contract, and the five of
    `contract_performance` (permissions are cached on the user after the first check)."""

    record = ContractPerformanceViews

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = self.get_object()
        performance = contract_performance(contract, request.user)
        staff = getattr(request.user, "organisation_id", None) is None
        context = self.base_context() | {
            "object": contract,
            "performance": performance,
            "charts": {row.kpi.pk: kpi_chart(row, performance.periods) for row in performance.kpis},
            "show_contract": staff or contract.commissioner_id == getattr(request.user, "organisation_id", None),
            "can_manage": staff and request.user.has_perm("performance.add_returnperiod"),
            "can_report": request.user.has_perm("documents.add_generateddocument"),
        }
        return render(request, "performance/contract_kpis.html", context)


class ContractActionView(RecordView):
    """A button on the KPI page: generate the periods and returns, or pass the KPIs down."""

    record = ContractPerformanceViews
    operation = ""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if getattr(request.user, "organisation_id", None) is not None or not request.user.has_perm(
            "performance.add_returnperiod"
        ):
            raise PermissionDenied("Only the hub's contracts staff can do this.")
        contract = self.get_object()
        if self.operation == "periods":
            made = period_services.generate_periods(contract, request.user)
            messages.success(request, f"Added {made.periods} return periods and {made.returns} due returns.")
        elif self.operation == "plans":
            opened = open_plans_for_red(contract, request.user)
            messages.success(request, f"Opened {len(opened)} improvement plans for members at red.")
        else:
            added, updated = period_services.pass_down_kpis(contract, request.user)
            messages.success(request, f"Passed the KPIs down: {added} members' targets added, {updated} updated.")
        return HttpResponseRedirect(reverse("performance:contract_kpis", args=[contract.pk]))


class ScorecardView(RecordView):
    """One member's KPIs across all their subcontracts, rated against their own targets, in the
    same queries whatever the number of contracts (`performances`)."""

    record = ContractPerformanceViews

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        member = get_object_or_404(Organisation.objects.restrict(request.user, "view"), pk=pk)
        contracts = list(self.get_queryset().filter(subcontracts__organisation=member).distinct())
        cards = performances(contracts, request.user, members=[member])
        context = self.base_context() | {"member": member, "cards": cards}
        return render(request, "performance/scorecard.html", context)


add_menu_item(
    MENU[0],
    MENU[1],
    MenuItem("Contract performance", "performance:contract_performance_list", "performance.view_kpi", 5),
)


class ContractListView(RecordView):
    """The contracts the user may see, each linked to its KPI page and report."""

    record = ContractPerformanceViews

    def get(self, request: HttpRequest) -> HttpResponse:
        contracts = list(self.get_queryset().order_by("reference"))
        return render(request, "performance/contract_list.html", self.base_context() | {"contracts": contracts})


urlpatterns: list[URLPattern] = [
    *KPIViews.urls(),
    *SubcontractKPIViews.urls(),
    *ReturnPeriodViews.urls(),
    path("contracts/", ContractListView.as_view(), name="contract_performance_list"),
    path("contracts/<int:pk>/kpis/", ContractKPIView.as_view(), name="contract_kpis"),
    path(
        "contracts/<int:pk>/generate-periods/",
        ContractActionView.as_view(operation="periods"),
        name="contract_generate_periods",
    ),
    path("contracts/<int:pk>/pass-down/", ContractActionView.as_view(operation="pass_down"), name="contract_pass_down"),
    path("contracts/<int:pk>/open-plans/", ContractActionView.as_view(operation="plans"), name="contract_open_plans"),
    path("scorecards/<int:pk>/", ScorecardView.as_view(), name="scorecard"),
    *document_urls(
        ContractPerformanceViews, "performance_report", build_report, (DocumentFormat.PDF, DocumentFormat.XLSX)
    ),
]
