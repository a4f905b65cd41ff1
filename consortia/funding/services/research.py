"""Prospect research in 360Giving grants: who funds organisations like ours, for what, where and how much.

Every figure is worked out by the database, one query per grouping whatever the number of
grants: counts, totals and ranges by `GROUP BY`, medians by a window (`ROW_NUMBER` within each
group, keeping the middle one or two rows), which SQLite and PostgreSQL both run.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber

from consortia.funding.choices import AMOUNT_BANDS
from consortia.funding.models import GrantDataset, GrantRecord

PENNY = Decimal("0.01")


def apply_filters(grants: QuerySet[GrantRecord], data: dict[str, Any]) -> QuerySet[GrantRecord]:
    """The grants matching the research form's cleaned data (empty values filter nothing)."""
    if data.get("recipient_type"):
        grants = grants.filter(recipient_type=data["recipient_type"])
    if area := (data.get("area") or "").strip():
        grants = grants.filter(
            Q(beneficiary_locations__icontains=area)
            | Q(recipient_location__icontains=area)
            | Q(beneficiary_geo_codes__iexact=area)
        )
    if band := data.get("amount_band"):
        lowest, below = AMOUNT_BANDS[band]
        if lowest is not None:
            grants = grants.filter(amount_awarded__gte=lowest)
        if below is not None:
            grants = grants.filter(amount_awarded__lt=below)
    if data.get("programme"):
        grants = grants.filter(programme=data["programme"])
    if data.get("funder"):
        grants = grants.filter(funder_name=data["funder"])
    if data.get("year"):
        grants = grants.filter(award_date__year=int(data["year"]))
    if text := (data.get("q") or "").strip():
        grants = grants.filter(
            Q(title__icontains=text) | Q(description__icontains=text) | Q(recipient_name__icontains=text)
        )
    return grants


@dataclass
class Group:
    """One funder or programme: how many grants, the total, the median and the range."""

    key: tuple[str, ...]
    count: int
    total: Decimal
    smallest: Decimal
    largest: Decimal
    median: Decimal | None = None

    @property
    def name(self) -> str:
        return self.key[0] or "(none given)"

    @property
    def detail(self) -> str:
        return " · ".join(part for part in self.key[1:] if part)


def medians(grants: QuerySet[GrantRecord], fields: list[str]) -> dict[tuple[str, ...], Decimal]:
    """group key -> the median amount awarded, in one query: the middle row of each group by
    amount (the mean of the middle two when the group has an even number)."""
    partition = [F(name) for name in fields] or None
    ranked = (
        grants.order_by()
        .annotate(
            position=Window(RowNumber(), partition_by=partition, order_by=[F("amount_awarded").asc(), F("pk").asc()]),
            size=Window(Count("pk"), partition_by=partition),
        )
        .filter(Q(position=(F("size") + 1) / 2) | Q(position=(F("size") + 2) / 2))
        .values_list(*fields, "amount_awarded")
    )
    middles: dict[tuple[str, ...], list[Decimal]] = {}
    for row in ranked:
        middles.setdefault(tuple(row[:-1]), []).append(Decimal(row[-1]))
    return {key: (sum(values, Decimal(0)) / len(values)).quantize(PENNY) for key, values in middles.items()}


def grouped(grants: QuerySet[GrantRecord], fields: list[str], limit: int = 50) -> list[Group]:
    """The groups by `fields`, largest total first (two queries)."""
    rows = (
        grants.order_by()
        .values(*fields)
        .annotate(
            count=Count("pk"),
            total=Sum("amount_awarded"),
            smallest=Min("amount_awarded"),
            largest=Max("amount_awarded"),
        )
        .order_by("-total", *fields)[:limit]
    )
    groups = [
        Group(
            key=tuple(row[name] for name in fields),
            count=row["count"],
            total=Decimal(row["total"] or 0),
            smallest=Decimal(row["smallest"] or 0),
            largest=Decimal(row["largest"] or 0),
        )
        for row in rows
    ]
    if groups:
        found = medians(grants, fields)
        for group in groups:
            group.median = found.get(group.key)
    return groups


@dataclass
class Summary:
    count: int
    total: Decimal
    median: Decimal | None
    by_funder: list[Group]
    by_programme: list[Group]


def summarise(grants: QuerySet[GrantRecord]) -> Summary:
    """The whole selection's count, total and median, and its groups by funder and by programme
    (six queries, whatever the number of grants)."""
    totals = grants.order_by().aggregate(count=Count("pk"), total=Sum("amount_awarded"))
    overall = medians(grants, []) if totals["count"] else {}
    return Summary(
        count=totals["count"],
        total=Decimal(totals["total"] or 0),
        median=next(iter(overall.values()), None),
        by_funder=grouped(grants, ["funder_name"]),
        by_programme=grouped(grants, ["programme", "funder_name"]),
    )


def choices(grants: QuerySet[GrantRecord]) -> dict[str, list[tuple[str, str]]]:
    """The funders, programmes and years in the data, for the filters (three queries)."""
    funders = grants.order_by("funder_name").values_list("funder_name", flat=True).distinct()
    programmes = grants.exclude(programme="").order_by("programme").values_list("programme", flat=True).distinct()
    years = grants.dates("award_date", "year", order="DESC")
    return {
        "funder": [(name, name) for name in funders],
        "programme": [(name, name) for name in programmes],
        "year": [(str(day.year), str(day.year)) for day in years],
    }


def datasets_for(grants: QuerySet[GrantRecord]) -> list[GrantDataset]:
    """The datasets the selection's grants come from: their publishers are credited (one query)."""
    return list(GrantDataset.objects.filter(pk__in=grants.order_by().values("dataset_id")).order_by("publisher", "pk"))
