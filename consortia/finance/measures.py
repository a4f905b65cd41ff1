"""The finance app's service-standard measures, registered with the hub's registry.

The Procurement Act 2023 (s.73) implies 30-day payment terms into public contracts and their
subcontracts: the hub pays its members within 30 days (each subcontract's terms, 30 at most) of
the commissioner paying the hub. Days here are calendar days, as the Act counts them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Greatest

from consortia.core.dbfunctions import DaysBetween
from consortia.hub.choices import Unit
from consortia.hub.measures import mean, measure, percent


def _paid(period_start: date, period_end: date) -> Any:
    """The payments to members made in the period for work the commissioner had paid for, with
    `days`: calendar days from the commissioner's payment to the member's (by the database)."""
    from consortia.finance.models import MemberPayment

    return (
        MemberPayment.objects.filter(
            member_paid_on__gte=period_start, member_paid_on__lte=period_end, commissioner_paid_on__isnull=False
        )
        .order_by()
        .annotate(days=DaysBetween("member_paid_on", "commissioner_paid_on"))
    )


@measure(
    "finance.members_paid_within_terms",
    "Members paid within 30 days of the commissioner paying (%)",
    Unit.PERCENT,
    "Of the payments to members made in the period for work the commissioner had paid for, the share made "
    "within the subcontract's payment terms (30 days at most) of the commissioner's payment.",
    "finance",
)
def members_paid_within_terms(period_start: date, period_end: date) -> Decimal | None:
    """One query."""
    counted = _paid(period_start, period_end).aggregate(
        payments=Count("pk"), on_time=Count("pk", filter=Q(days__lte=F("subcontract__payment_terms_days")))
    )
    return percent(counted["on_time"], counted["payments"])


@measure(
    "finance.member_payment_days",
    "Days from commissioner payment to member payment",
    Unit.DAYS,
    "Average calendar days from the commissioner's payment to the hub's payment to the member, for payments "
    "to members made in the period (a member paid before the commissioner paid counts as 0).",
    "finance",
)
def member_payment_days(period_start: date, period_end: date) -> Decimal | None:
    """One query."""
    days = DaysBetween("member_paid_on", "commissioner_paid_on")
    counted = _paid(period_start, period_end).aggregate(
        payments=Count("pk"), days=Sum(Greatest(days, Value(0), output_field=IntegerField()))
    )
    return mean(counted["days"] or 0, counted["payments"])
