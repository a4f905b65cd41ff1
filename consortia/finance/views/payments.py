"""The management fee and payments to members: fee rules, payment runs, member payments, remittances."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils import timezone

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordViews, detail_fields
from consortia.documents.choices import DocumentFormat
from consortia.documents.views import document_urls
from consortia.finance.builders import build_remittance
from consortia.finance.choices import FeeKind, RunStatus
from consortia.finance.filtersets import payments as filtersets
from consortia.finance.forms import payments as forms
from consortia.finance.models import FeeRule, FeeTier, MemberPayment, PaymentLine, PaymentRun
from consortia.finance.services import runs
from consortia.finance.tables import payments as tables

MENU = ("Finance", 45)


@register
class FeeRuleViews(RecordViews):
    model = FeeRule
    table = tables.FeeRuleTable
    filterset = filtersets.FeeRuleFilterSet
    form = forms.FeeRuleForm
    search_fields = ("contract__reference", "contract__title", "subcontract__organisation__name")
    menu_group = MENU
    menu_order = 10
    url_slug = "fee-rules"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return FeeRule.objects.select_related("contract", "subcontract__contract", "subcontract__organisation")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return [
            path(str(p.pattern), FeeRuleDetailView.as_view(record=cls), name=p.name)
            if p.name == "feerule_detail"
            else p
            for p in super().urls()
        ]


class FeeRuleDetailView(ObjectDetailView):
    """The rule, its bands when it is tiered, and what it takes from £1,000 as an example."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from decimal import Decimal

        from consortia.finance.services.fees import Fee

        rule = self.get_object()
        tiers = list(FeeTier.objects.restrict(request.user, "view").filter(rule=rule))
        example = Decimal("1000.00")
        context = self.base_context() | {
            "object": rule,
            "fields": detail_fields(rule, self.record),
            "tab": "detail",
            "tiers": tiers,
            "tiered": rule.kind == FeeKind.TIERED,
            "example": example,
            "example_fee": Fee.of(rule, [(tier.up_to, tier.percentage) for tier in tiers]).on(example),
            "can_tier": request.user.has_perm("finance.add_feetier"),
        }
        return render(request, "finance/feerule_detail.html", context)


@register
class FeeTierViews(RecordViews):
    model = FeeTier
    table = tables.FeeTierTable
    filterset = filtersets.FeeTierFilterSet
    form = forms.FeeTierForm
    menu_group = None  # reached from its fee rule
    url_slug = "fee-bands"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return FeeTier.objects.select_related(
            "rule__contract", "rule__subcontract__contract", "rule__subcontract__organisation"
        )


@register
class PaymentRunViews(RecordViews):
    model = PaymentRun
    table = tables.PaymentRunTable
    filterset = filtersets.PaymentRunFilterSet
    form = forms.PaymentRunForm
    detail_fields = ["period_start", "period_end", "status", "approved_by", "approved_at", "notes"]
    search_fields = ("notes",)
    menu_group = MENU
    menu_order = 20
    url_slug = "payment-runs"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return PaymentRun.objects.select_related("approved_by")

    @classmethod
    def after_save(cls, request: HttpRequest, obj: Any, created: bool) -> None:
        if not created:
            return
        try:
            runs.fill_run(obj, request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        return runs.delete_blockers(obj)

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = [
            path(str(p.pattern), RunDetailView.as_view(record=cls), name=p.name) if p.name == "paymentrun_detail" else p
            for p in super().urls()
        ]
        slug = cls.slug()
        return [
            *patterns,
            path(f"{slug}/<int:pk>/approve/", ApproveView.as_view(record=cls), name="paymentrun_approve"),
            path(f"{slug}/<int:pk>/paid/", RunPaidView.as_view(record=cls), name="paymentrun_paid"),
            path(
                f"{slug}/<int:pk>/commissioner-paid/",
                CommissionerPaidView.as_view(record=cls),
                name="paymentrun_commissioner_paid",
            ),
            path(
                f"{slug}/<int:pk>/payments/<int:payment>/paid/",
                PaymentPaidView.as_view(record=cls),
                name="paymentrun_payment_paid",
            ),
        ]


class RunDetailView(ObjectDetailView):
    """Each member's gross, fee and net, the 30-day check per payment, and the run's buttons."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.get_object())

    def page(self, run: PaymentRun, **extra: Any) -> HttpResponse:
        today = timezone.localdate()
        payments = list(
            MemberPayment.objects.restrict(self.request.user, "view")
            .filter(run=run)
            .select_related("organisation", "subcontract__contract")
            .order_by("organisation__name", "pk")
        )
        rows = [
            {"payment": payment, "days": payment.days_to_pay(today), "late": payment.over_terms(today)}
            for payment in payments
        ]
        context = (
            self.base_context()
            | {
                "object": run,
                "fields": detail_fields(run, self.record),
                "tab": "detail",
                "rows": rows,
                "totals": runs.run_totals(run),
                "today": today,
                "is_draft": run.status == RunStatus.DRAFT,
                "unpaid": any(payment.member_paid_on is None for payment in payments),
                "late_count": sum(1 for row in rows if row["late"]),
            }
            | extra
        )
        return render(self.request, "finance/paymentrun_detail.html", context)


class RunActionView(RunDetailView, ABC):
    """A button on the run's page: the change permission, a POST, then back to the run. Each
    button's view says what it does in `act`."""

    def permission_actions(self) -> list[str]:
        return ["change"]

    def get(self, request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(self.get_object().get_absolute_url())

    @abstractmethod
    def act(self, request: HttpRequest, run: PaymentRun) -> str:
        """Do the button's work through a service; return the message that says it was done."""

    def post(self, request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        run = self.get_object("change")
        try:
            done = self.act(request, run)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return HttpResponseRedirect(run.get_absolute_url())

    def day(self, request: HttpRequest) -> tuple[Any, str]:
        form = forms.DateForm(request.POST)
        if not form.is_valid():
            raise ValidationError("Give the date it was paid, as DD/MM/YYYY.")
        return form.cleaned_data["on"], form.cleaned_data["reference"]


class ApproveView(RunActionView):
    def act(self, request: HttpRequest, run: PaymentRun) -> str:
        runs.approve_run(run, request.user)
        return f"{run} is approved. Record each payment once the money has gone."


class RunPaidView(RunActionView):
    def act(self, request: HttpRequest, run: PaymentRun) -> str:
        on, _ = self.day(request)
        count = runs.record_run_paid(run, on, request.user)
        return f"{count} payment{'s' if count != 1 else ''} recorded as paid on {on:%d/%m/%Y}."


class CommissionerPaidView(RunActionView):
    def act(self, request: HttpRequest, run: PaymentRun) -> str:
        on, _ = self.day(request)
        chosen = request.POST.getlist("payment")
        payments = MemberPayment.objects.restrict(request.user, "change").filter(run=run)
        if chosen:
            payments = payments.filter(pk__in=[value for value in chosen if value.isdigit()])
        count = runs.record_commissioner_paid(list(payments), on, request.user)
        return f"The commissioner's payment on {on:%d/%m/%Y} is recorded against {count} payment{'s' if count != 1 else ''}."


class PaymentPaidView(RunActionView):
    def act(self, request: HttpRequest, run: PaymentRun) -> str:
        payment = get_object_or_404(
            MemberPayment.objects.restrict(request.user, "change").filter(run=run), pk=self.kwargs["payment"]
        )
        on, reference = self.day(request)
        paid = runs.record_member_paid(payment, on, request.user, reference)
        return f"{paid.remittance} to {paid.organisation} is recorded as paid on {on:%d/%m/%Y}."


@register
class MemberPaymentViews(RecordViews):
    """Read-only: payments are made by payment runs and recorded from the run's page."""

    model = MemberPayment
    table = tables.MemberPaymentTable
    filterset = filtersets.MemberPaymentFilterSet
    search_fields = ("remittance", "organisation__name")
    search_description = "reference"
    menu_group = MENU
    menu_order = 30
    url_slug = "member-payments"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return MemberPayment.objects.select_related("run", "organisation", "subcontract__contract")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = [
            path(str(p.pattern), PaymentDetailView.as_view(record=cls), name=p.name)
            if p.name == "memberpayment_detail"
            else p
            for p in super().urls()
        ]
        return [*patterns, *document_urls(cls, "remittance", build_remittance, (DocumentFormat.PDF,))]


class PaymentDetailView(ObjectDetailView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        payment = self.get_object()
        today = timezone.localdate()
        context = self.base_context() | {
            "object": payment,
            "fields": [
                ("Member", payment.organisation),
                ("Subcontract", payment.subcontract),
                ("Payment run", payment.run),
                ("Block payments", payment.gross_block),
                ("Outcome payments", payment.gross_outcomes),
                ("Gross", payment.gross),
                ("Management fee", payment.fee),
                ("Net", payment.net),
                ("Commissioner paid", payment.commissioner_paid_on),
                ("Member paid", payment.member_paid_on),
                ("Payment reference", payment.reference),
            ],
            "tab": "detail",
            "lines": list(PaymentLine.objects.restrict(request.user, "view").filter(payment=payment)),
            "days": payment.days_to_pay(today),
            "late": payment.over_terms(today),
            "can_document": request.user.has_perm("documents.add_generateddocument"),
        }
        return render(request, "finance/memberpayment_detail.html", context)


@register
class PaymentLineViews(RecordViews):
    """Read-only: the lines a payment run worked out."""

    model = PaymentLine
    table = tables.PaymentLineTable
    filterset = filtersets.PaymentLineFilterSet
    detail_fields = ["payment", "subcontract", "kind", "description", "amount", "month", "outcome_claim"]
    search_fields = ("description",)
    menu_group = None  # reached from its payment
    url_slug = "payment-lines"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return PaymentLine.objects.select_related("payment")


urlpatterns: list[URLPattern] = [
    *FeeRuleViews.urls(),
    *FeeTierViews.urls(),
    *PaymentRunViews.urls(),
    *MemberPaymentViews.urls(),
    *PaymentLineViews.urls(),
]
