"""Filters of the management fee and payments to members."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.finance.choices import FeeKind, LineKind, RunStatus
from consortia.finance.models import FeeRule, FeeTier, MemberPayment, PaymentLine, PaymentRun


class FeeRuleFilterSet(BaseFilterSet):
    search_fields = ("contract__reference", "contract__title", "subcontract__organisation__name", "notes")
    kind = django_filters.ChoiceFilter(choices=FeeKind.choices, empty_label="Any")
    contract = django_filters.NumberFilter(field_name="contract_id", label="Contract")

    class Meta:
        model = FeeRule
        fields = ["q", "kind", "contract"]


class FeeTierFilterSet(BaseFilterSet):
    rule = django_filters.NumberFilter(field_name="rule_id", label="Fee rule")

    class Meta:
        model = FeeTier
        fields = ["rule"]


class PaymentRunFilterSet(BaseFilterSet):
    search_fields = ("notes",)
    status = django_filters.ChoiceFilter(choices=RunStatus.choices, empty_label="Any")

    class Meta:
        model = PaymentRun
        fields = ["q", "status"]


class MemberPaymentFilterSet(BaseFilterSet):
    search_fields = ("remittance", "organisation__name", "reference")
    run = django_filters.NumberFilter(field_name="run_id", label="Payment run")
    organisation = django_filters.NumberFilter(field_name="organisation_id", label="Member")
    unpaid = django_filters.BooleanFilter(field_name="member_paid_on", lookup_expr="isnull", label="Not paid yet")

    class Meta:
        model = MemberPayment
        fields = ["q", "run", "organisation", "unpaid"]


class PaymentLineFilterSet(BaseFilterSet):
    search_fields = ("description",)
    payment = django_filters.NumberFilter(field_name="payment_id", label="Member payment")
    kind = django_filters.ChoiceFilter(choices=LineKind.choices, empty_label="Any")

    class Meta:
        model = PaymentLine
        fields = ["q", "payment", "kind"]
