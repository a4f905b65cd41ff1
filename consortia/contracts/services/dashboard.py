"""The consortium dashboard's figures: contracts by commissioner, subcontracts by member, how
promptly members are paid, each contract's latest rating and what is coming up.

Ten queries whatever the number of contracts, subcontracts and returns (each section's
docstring says how many). The ratings reuse the performance app's RAG rules (`rate`, `worst`)
and roll-up rules (`ROLL_UP` below does in the database what `rag.roll_up` does in Python, so
that the dashboard never reads every return value); the payment figures are the finance app's
service-standard measures.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, DecimalField, ExpressionWrapper, F, OuterRef, Subquery, Sum
from django.utils import timezone

from consortia.contracts.choices import ContractStatus, SubcontractStatus
from consortia.contracts.models import Contract, Subcontract
from consortia.contracts.services.alerts import Due, coming_up
from consortia.finance.measures import members_paid_within_terms
from consortia.performance.choices import ADDITIVE_UNITS, Rag, ReturnStatus
from consortia.performance.models import KPI, ReturnPeriod, ReturnValue
from consortia.performance.services.rag import CENTS, rate, worst

TOP_MEMBERS = 10
WORST_CONTRACTS = 20  # the ratings table: the worst first; every contract is on the performance pages
SEVERITY: dict[str | None, int] = {Rag.RED: 0, Rag.AMBER: 1, None: 2, Rag.GREEN: 3}
COMING_UP_DAYS = 90
ZERO = Decimal(0)


@dataclass
class Line:
    """A commissioner's or member's count and value."""

    name: str
    count: int
    value: Decimal


@dataclass
class ContractRating:
    contract_id: int
    period_id: int | None  # the latest period with a validated return
    overall: str | None  # the worst KPI's rating: None when no KPI has a validated figure
    counts: dict[str, int] = field(default_factory=dict)  # KPIs at red, amber, green
    contract: Contract | None = None  # read for the ratings shown (`worst`) only
    period: ReturnPeriod | None = None


@dataclass
class Dashboard:
    by_commissioner: list[Line]
    live_count: int
    live_value: Decimal
    by_member: list[Line]
    paid_within_terms: Decimal | None  # %, the last 12 months
    since: date
    ratings: list[ContractRating]  # every running contract's, by reference
    worst: list[ContractRating]  # the contracts to look at first, with their contract and period
    rating_totals: dict[str, int]
    coming_up: list[Due]


def worst_first(contracts: Any, ratings: list[ContractRating], limit: int = WORST_CONTRACTS) -> list[ContractRating]:
    """The contracts to look at first: red, then amber, then not yet rated, then green, each read
    from `contracts` with its commissioner and period (two queries)."""
    shown = sorted(ratings, key=lambda rating: SEVERITY[rating.overall])[:limit]  # stable: by reference
    read = contracts.select_related("commissioner").in_bulk([rating.contract_id for rating in shown])
    period_ids = [rating.period_id for rating in shown if rating.period_id]
    periods = ReturnPeriod.objects.in_bulk(period_ids) if period_ids else {}
    for rating in shown:
        rating.contract = read[rating.contract_id]
        rating.period = periods.get(rating.period_id) if rating.period_id else None
    return shown


def live_by_commissioner(contracts: Any) -> list[Line]:
    """Live contracts' count and current value per commissioner, largest value first (one query)."""
    rows = (
        contracts.filter(status=ContractStatus.LIVE)
        .order_by()
        .values("commissioner__name")
        .annotate(count=Count("pk", distinct=True), total=Sum("value"))
        .order_by("-total", "commissioner__name")
    )
    return [Line(row["commissioner__name"], row["count"], row["total"] or ZERO) for row in rows]


def signed_by_member(subcontracts: Any, limit: int = TOP_MEMBERS) -> list[Line]:
    """Signed subcontracts' count and value per member, the `limit` largest by value (one query)."""
    rows = (
        subcontracts.filter(status=SubcontractStatus.SIGNED)
        .order_by()
        .values("organisation__name")
        .annotate(count=Count("pk", distinct=True), total=Sum("value"))
        .order_by("-total", "organisation__name")[:limit]
    )
    return [Line(row["organisation__name"], row["count"], row["total"] or ZERO) for row in rows]


def latest_ratings(contracts: Any) -> list[ContractRating]:
    """Each running contract's rating for its latest period with a validated return, and how many
    of its KPIs were red, amber and green then, by reference (three queries: the contracts' ids
    with their latest such period, their KPIs, and the members' figures summed per contract and
    KPI). Only ids are read: `worst_first` reads the contracts that are shown.

    The roll-up is `rag.roll_up` done by the database: counts and amounts are the members' sum,
    other units the members' average weighted by their share (a plain average when no shares)."""
    latest = (
        ReturnPeriod.objects.filter(contract=OuterRef("pk"), returns__status=ReturnStatus.VALIDATED)
        .order_by("-ends_on", "-pk")
        .values("pk")[:1]
    )
    rows = list(
        contracts.filter(status__in=(ContractStatus.MOBILISING, ContractStatus.LIVE))
        .annotate(latest_period=Subquery(latest))
        .order_by("reference")
        .values_list("pk", "latest_period")
    )
    period_ids = [period_id for _, period_id in rows if period_id]
    kpis: dict[int, list[KPI]] = {}
    rated = KPI.objects.filter(contract__in=[pk for pk, period_id in rows if period_id]).only(
        "contract_id", "unit", "target", "direction", "amber_threshold", "red_threshold"
    )
    for kpi in rated:
        kpis.setdefault(kpi.contract_id, []).append(kpi)
    share = "monitoring_return__subcontract__share"
    sums = {
        row["kpi_id"]: row
        for row in ReturnValue.objects.filter(
            monitoring_return__period_id__in=period_ids, monitoring_return__status=ReturnStatus.VALIDATED
        )
        .order_by()
        .values("kpi_id")
        .annotate(
            total=Sum("value"),
            weighted=Sum(ExpressionWrapper(F("value") * F(share), output_field=DecimalField())),
            weights=Sum(share),
            count=Count("pk"),
        )
    }
    ratings = []
    for contract_id, period_id in rows:
        ratings_now: list[str | None] = []
        for kpi in kpis.get(contract_id, []):
            found = sums.get(kpi.pk)
            ratings_now.append(rate(_rolled_up(kpi, found), kpi) if found else None)
        counts = Counter(rating for rating in ratings_now if rating)
        ratings.append(
            ContractRating(
                contract_id,
                period_id,
                worst(ratings_now),
                {rag: counts.get(rag, 0) for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)},
            )
        )
    return ratings


def _rolled_up(kpi: KPI, sums: dict[str, Any]) -> Decimal | None:
    """The contract's figure for `kpi` from the members' sums (as `rag.roll_up`)."""
    if not sums["count"]:
        return None
    total = Decimal(sums["total"])
    if kpi.unit in ADDITIVE_UNITS:
        return total
    weights = Decimal(sums["weights"] or 0)
    if not weights:
        return (total / sums["count"]).quantize(CENTS, ROUND_HALF_UP)
    return (Decimal(sums["weighted"]) / weights).quantize(CENTS, ROUND_HALF_UP)


def dashboard(user: Any, today: date | None = None) -> Dashboard:
    """Everything on the consortium dashboard, for `user` (ten queries)."""
    today = today or timezone.localdate()
    contracts = Contract.objects.restrict(user, "view")
    subcontracts = Subcontract.objects.restrict(user, "view")
    by_commissioner = live_by_commissioner(contracts)
    ratings = latest_ratings(contracts)
    totals = Counter(rating.overall for rating in ratings if rating.overall)
    since = today - timedelta(days=365)
    return Dashboard(
        by_commissioner=by_commissioner,
        live_count=sum(line.count for line in by_commissioner),
        live_value=sum((line.value for line in by_commissioner), ZERO),
        by_member=signed_by_member(subcontracts),
        paid_within_terms=members_paid_within_terms(since, today),
        since=since,
        ratings=ratings,
        worst=worst_first(contracts, ratings),
        rating_totals={rag: totals.get(rag, 0) for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)},
        coming_up=coming_up(
            contracts.select_related("commissioner"), today, end_days=COMING_UP_DAYS, decision_days=COMING_UP_DAYS
        ),
    )
