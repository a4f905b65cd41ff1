"""The risk register's operations: reviews re-score a risk; the heat map and the board's top risks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from consortia.core.dates import add_months
from consortia.policies.choices import IMPACT_LABELS, LIKELIHOOD_LABELS, RiskStatus, Trend, rating
from consortia.policies.models import Risk, RiskReview

REVIEW_MONTHS = 3  # a risk is reviewed each quarter unless the review says otherwise
TOP = 10


def trend_of(reviews: list[RiskReview]) -> str:
    """Rising, falling or steady from the last two reviews (newest first); blank with fewer."""
    if len(reviews) < 2:
        return ""
    latest, before = reviews[0].score, reviews[1].score
    if latest > before:
        return Trend.UP
    if latest < before:
        return Trend.DOWN
    return Trend.STEADY


def _refresh(risk: Risk, user: Any, next_review_on: Any = None) -> Risk:
    """Set the risk's residual scores from its latest review, and its trend from the last two."""
    reviews = list(RiskReview.objects.filter(risk=risk).order_by("-reviewed_on", "-pk")[:2])
    if reviews:
        risk.residual_likelihood, risk.residual_impact = reviews[0].likelihood, reviews[0].impact
        if next_review_on is not None:
            risk.review_on = next_review_on
    risk.trend = trend_of(reviews)
    risk.stamp(user)
    risk.save()
    return risk


@transaction.atomic
def record_review(
    risk: Risk,
    user: Any,
    reviewed_on: Any,
    likelihood: int,
    impact: int,
    note: str = "",
    next_review_on: Any = None,
    review: RiskReview | None = None,
) -> RiskReview:
    """Record (or correct) a review: the latest review's likelihood and impact become the risk's
    residual scores, the last two give its trend, and the next review is due when the review says
    (three months on by default)."""
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    review = review or RiskReview(risk=risk)
    review.risk = risk
    review.reviewed_on, review.likelihood, review.impact = reviewed_on, likelihood, impact
    review.note, review.next_review_on = note, next_review_on
    try:
        review.full_clean()
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    review.stamp(user)
    review.save()
    latest = RiskReview.objects.filter(risk=risk).order_by("-reviewed_on", "-pk").first()
    next_due = None
    if latest is not None and latest.pk == review.pk:
        next_due = next_review_on or add_months(reviewed_on, REVIEW_MONTHS)
    _refresh(risk, user, next_due)
    return review


@transaction.atomic
def remove_review(review: RiskReview, user: Any) -> None:
    """Delete a review entered by mistake: the risk takes its scores and trend from the reviews left."""
    risk = Risk.objects.select_for_update().get(pk=review.risk_id)
    review.delete()
    _refresh(risk, user)


@dataclass(frozen=True)
class Cell:
    likelihood: int
    impact: int
    count: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def rating(self) -> str | None:
        return rating(self.score)


@dataclass(frozen=True)
class HeatMap:
    rows: list[tuple[int, str, list[Cell]]]  # impact 5 down to 1, its label, its cells by likelihood 1–5
    likelihoods: list[tuple[int, str]]
    total: int


def heat_map(risks: QuerySet[Risk]) -> HeatMap:
    """Counts of open risks by residual likelihood × impact: one query."""
    counts = {
        (row["residual_likelihood"], row["residual_impact"]): row["count"]
        for row in risks.filter(status=RiskStatus.OPEN)
        .order_by()
        .values("residual_likelihood", "residual_impact")
        .annotate(count=Count("pk"))
    }
    rows = [
        (
            impact,
            IMPACT_LABELS[impact],
            [Cell(likelihood, impact, counts.get((likelihood, impact), 0)) for likelihood in range(1, 6)],
        )
        for impact in range(5, 0, -1)
    ]
    return HeatMap(rows, list(LIKELIHOOD_LABELS.items()), sum(counts.values()))


@dataclass(frozen=True)
class TopRisks:
    risks: list[Risk]
    overdue: list[Risk]  # every open risk whose review is overdue, the top ones or not
    today: Any


def top_risks(risks: QuerySet[Risk], limit: int = TOP) -> TopRisks:
    """The board's view: the open risks with the highest residual scores, and the reviews overdue (two queries)."""
    today = timezone.localdate()
    open_risks = risks.filter(status=RiskStatus.OPEN).select_related("owner")
    top = list(open_risks.order_by("-residual_score", "-inherent_score", "review_on", "pk")[:limit])
    overdue = list(open_risks.filter(review_on__lt=today).order_by("review_on", "pk"))
    return TopRisks(top, overdue, today)
