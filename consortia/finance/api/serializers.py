"""API serializers of the finance app (fields as their forms)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer as KitSerializer
from consortia.finance.forms.budgets import BudgetForm, BudgetLineForm
from consortia.finance.forms.invoicing import InvoiceForm, InvoiceLineForm, ReceiptForm
from consortia.finance.forms.payments import FeeRuleForm, FeeTierForm, PaymentRunForm
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


class BaseModelSerializer(KitSerializer):
    """Related records are named by their id, as elsewhere in the API."""

    serializer_related_field = serializers.PrimaryKeyRelatedField


class FeeRuleSerializer(BaseModelSerializer):
    form_class = FeeRuleForm
    url = serializers.HyperlinkedIdentityField(view_name="api:feerule-detail")

    class Meta:
        model = FeeRule


class FeeTierSerializer(BaseModelSerializer):
    form_class = FeeTierForm
    url = serializers.HyperlinkedIdentityField(view_name="api:feetier-detail")

    class Meta:
        model = FeeTier


class PaymentRunSerializer(BaseModelSerializer):
    form_class = PaymentRunForm
    url = serializers.HyperlinkedIdentityField(view_name="api:paymentrun-detail")

    class Meta:
        model = PaymentRun
        fields = [
            "id",
            "url",
            "display",
            "period_start",
            "period_end",
            "notes",
            "status",
            "approved_by",
            "approved_at",
            "created",
            "updated",
        ]
        read_only_fields = ["status", "approved_by", "approved_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        run = self.instance
        if run is not None:
            for name in ("period_start", "period_end"):
                if name in attrs and attrs[name] != getattr(run, name):
                    raise serializers.ValidationError(
                        {name: "A built run keeps its period: delete the draft and build it again."}
                    )
        return super().validate(attrs)


class MemberPaymentSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:memberpayment-detail")
    gross = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = MemberPayment
        fields = [
            "id",
            "url",
            "display",
            "run",
            "remittance",
            "subcontract",
            "organisation",
            "gross_block",
            "gross_outcomes",
            "gross",
            "fee",
            "net",
            "commissioner_paid_on",
            "member_paid_on",
            "reference",
            "created",
            "updated",
        ]
        read_only_fields = fields


class PaymentLineSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:paymentline-detail")

    class Meta:
        model = PaymentLine
        fields = [
            "id",
            "url",
            "display",
            "payment",
            "subcontract",
            "kind",
            "description",
            "amount",
            "month",
            "outcome_claim",
            "created",
            "updated",
        ]
        read_only_fields = fields


class InvoiceSerializer(BaseModelSerializer):
    form_class = InvoiceForm
    url = serializers.HyperlinkedIdentityField(view_name="api:invoice-detail")

    class Meta:
        model = Invoice
        fields = [
            "id",
            "url",
            "display",
            "contract",
            "number",
            "issued_on",
            "notes",
            "due_on",
            "net",
            "vat",
            "gross",
            "status",
            "created",
            "updated",
        ]
        read_only_fields = ["due_on", "net", "vat", "gross", "status"]


class InvoiceLineSerializer(BaseModelSerializer):
    form_class = InvoiceLineForm
    url = serializers.HyperlinkedIdentityField(view_name="api:invoiceline-detail")

    class Meta:
        model = InvoiceLine


class ReceiptSerializer(BaseModelSerializer):
    form_class = ReceiptForm
    url = serializers.HyperlinkedIdentityField(view_name="api:receipt-detail")

    class Meta:
        model = Receipt


class BudgetSerializer(BaseModelSerializer):
    form_class = BudgetForm
    url = serializers.HyperlinkedIdentityField(view_name="api:budget-detail")

    class Meta:
        model = Budget


class BudgetLineSerializer(BaseModelSerializer):
    form_class = BudgetLineForm
    url = serializers.HyperlinkedIdentityField(view_name="api:budgetline-detail")

    class Meta:
        model = BudgetLine
