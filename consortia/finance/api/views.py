"""API of the finance app: fee rules, payment runs (built and approved by the services), invoices, budgets."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from consortia.core.api import RestrictedModelViewSet, api_refusal
from consortia.finance.api import serializers
from consortia.finance.filtersets import budgets as budget_filters
from consortia.finance.filtersets import invoicing as invoice_filters
from consortia.finance.filtersets import payments as payment_filters
from consortia.finance.models import (
    Budget,
    BudgetLine,
    FeeRule,
    FeeTier,
    Invoice,
    InvoiceLine,
    MemberPayment,
    PaymentLine,
    PaymentRun,
    Receipt,
)
from consortia.finance.services import invoices, runs

READ_ONLY = ["get", "head", "options"]


class FeeRuleViewSet(RestrictedModelViewSet):
    base_queryset = FeeRule.objects.select_related("contract", "subcontract__contract", "subcontract__organisation")  # type: ignore[assignment]
    serializer_class = serializers.FeeRuleSerializer
    filterset_class = payment_filters.FeeRuleFilterSet


class FeeTierViewSet(RestrictedModelViewSet):
    base_queryset = FeeTier.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.FeeTierSerializer
    filterset_class = payment_filters.FeeTierFilterSet


class PaymentRunViewSet(RestrictedModelViewSet):
    """Creating a run builds it: every member's block and outcome payments for the period, less the fee."""

    base_queryset = PaymentRun.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.PaymentRunSerializer
    filterset_class = payment_filters.PaymentRunFilterSet

    @transaction.atomic
    def perform_create(self, serializer: drf.BaseSerializer) -> None:
        run = self._save(serializer)
        try:
            runs.fill_run(run, self.request.user)
        except DjangoValidationError as error:
            raise api_refusal(error) from None

    def perform_destroy(self, instance: PaymentRun) -> None:
        reasons = runs.delete_blockers(instance)
        if reasons:
            raise drf.ValidationError({"non_field_errors": reasons})
        instance.delete()

    @extend_schema(request=None, responses=serializers.PaymentRunSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        """Approve a draft run (refused if it is already approved, or the approver has an interest)."""
        if not request.user.has_perm("finance.change_paymentrun"):
            raise PermissionDenied("You do not have permission to approve payment runs.")
        run = self.get_object()
        try:
            approved = runs.approve_run(run, request.user)
        except DjangoValidationError as error:
            raise api_refusal(error) from None
        return Response(self.get_serializer(approved).data)


class MemberPaymentViewSet(RestrictedModelViewSet):
    """Read only: payments are made by payment runs."""

    http_method_names = READ_ONLY
    base_queryset = MemberPayment.objects.select_related("organisation")  # type: ignore[assignment]
    serializer_class = serializers.MemberPaymentSerializer
    filterset_class = payment_filters.MemberPaymentFilterSet


class PaymentLineViewSet(RestrictedModelViewSet):
    http_method_names = READ_ONLY
    base_queryset = PaymentLine.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.PaymentLineSerializer
    filterset_class = payment_filters.PaymentLineFilterSet


class InvoiceViewSet(RestrictedModelViewSet):
    base_queryset = Invoice.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.InvoiceSerializer
    filterset_class = invoice_filters.InvoiceFilterSet

    @transaction.atomic
    def perform_create(self, serializer: drf.BaseSerializer) -> None:
        invoices.refresh_totals(self._save(serializer))

    @transaction.atomic
    def perform_update(self, serializer: drf.BaseSerializer) -> None:
        if serializer.instance is not None and (reasons := invoices.line_blockers(serializer.instance)):
            raise drf.ValidationError({"non_field_errors": reasons})
        invoices.refresh_totals(self._save(serializer))


class InvoiceLineViewSet(RestrictedModelViewSet):
    base_queryset = InvoiceLine.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.InvoiceLineSerializer
    filterset_class = invoice_filters.InvoiceLineFilterSet

    @transaction.atomic
    def perform_create(self, serializer: drf.BaseSerializer) -> None:
        invoice = serializer.validated_data["invoice"]  # type: ignore[index]
        if reasons := invoices.line_blockers(invoice):
            raise drf.ValidationError({"non_field_errors": reasons})
        invoices.refresh_totals(self._save(serializer).invoice)

    @transaction.atomic
    def perform_update(self, serializer: drf.BaseSerializer) -> None:
        if serializer.instance is not None and (reasons := invoices.line_blockers(serializer.instance.invoice)):
            raise drf.ValidationError({"non_field_errors": reasons})
        invoices.refresh_totals(self._save(serializer).invoice)

    @transaction.atomic
    def perform_destroy(self, instance: InvoiceLine) -> None:
        if reasons := invoices.line_blockers(instance.invoice):
            raise drf.ValidationError({"non_field_errors": reasons})
        invoice = instance.invoice
        instance.delete()
        invoices.refresh_totals(invoice)


class ReceiptViewSet(RestrictedModelViewSet):
    base_queryset = Receipt.objects.select_related("invoice")  # type: ignore[assignment]
    serializer_class = serializers.ReceiptSerializer
    filterset_class = invoice_filters.ReceiptFilterSet

    @transaction.atomic
    def perform_create(self, serializer: drf.BaseSerializer) -> None:
        invoices.settle(self._save(serializer).invoice, self.request.user)

    @transaction.atomic
    def perform_update(self, serializer: drf.BaseSerializer) -> None:
        invoices.settle(self._save(serializer).invoice, self.request.user)

    @transaction.atomic
    def perform_destroy(self, instance: Receipt) -> None:
        invoice = instance.invoice
        instance.delete()
        invoices.settle(invoice, self.request.user)


class BudgetViewSet(RestrictedModelViewSet):
    base_queryset = Budget.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.BudgetSerializer
    filterset_class = budget_filters.BudgetFilterSet


class BudgetLineViewSet(RestrictedModelViewSet):
    base_queryset = BudgetLine.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.BudgetLineSerializer
    filterset_class = budget_filters.BudgetLineFilterSet


routes: list[tuple[str, Any, str]] = [
    ("fee-rules", FeeRuleViewSet, "feerule"),
    ("fee-bands", FeeTierViewSet, "feetier"),
    ("payment-runs", PaymentRunViewSet, "paymentrun"),
    ("member-payments", MemberPaymentViewSet, "memberpayment"),
    ("payment-lines", PaymentLineViewSet, "paymentline"),
    ("invoices", InvoiceViewSet, "invoice"),
    ("invoice-lines", InvoiceLineViewSet, "invoiceline"),
    ("receipts", ReceiptViewSet, "receipt"),
    ("budgets", BudgetViewSet, "budget"),
    ("budget-lines", BudgetLineViewSet, "budgetline"),
]
