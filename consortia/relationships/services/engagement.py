"""Engagement plans: the last contact with each commissioner and the stakeholder map."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import DateField, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from consortia.core.dbfunctions import DaysBetween
from consortia.relationships.choices import Health, Quadrant
from consortia.relationships.models import HIGH, SCALE_MAX, SCALE_MIN, EngagementPlan, Interaction, quadrant_of

# "Days since last contact" of a commissioner never contacted: sorts after every real figure.
NEVER = 99_999


def with_last_contact(plans: QuerySet[Any], today: date | None = None) -> QuerySet[Any]:
    """The plans with `last_contact` (the date of the commissioner's latest interaction up to
    `today`, or None) and `days_since_contact` (NEVER when there has been none), worked out in
    the database from the interactions each time, so they are never out of date."""
    today = today or timezone.localdate()
    latest = (
        Interaction.objects.filter(commissioner=OuterRef("commissioner"), date__lte=today)
        .order_by("-date")
        .values("date")[:1]
    )
    return plans.annotate(
        last_contact=Subquery(latest, output_field=DateField()),
        days_since_contact=Coalesce(
            DaysBetween(Value(today, output_field=DateField()), F("last_contact")),
            Value(NEVER),
            output_field=IntegerField(),
        ),
    )


@dataclass
class Cell:
    influence: int
    interest: int
    quadrant: Quadrant
    plans: list[EngagementPlan] = field(default_factory=list)

    @property
    def css(self) -> str:
        return QUADRANT_CLASSES[self.quadrant]

    @property
    def label(self) -> str:
        return str(self.quadrant.label)


@dataclass
class StakeholderMap:
    rows: list[list[Cell]]  # influence from 5 down to 1; in each, interest from 1 up to 5
    by_quadrant: dict[str, list[EngagementPlan]]
    count: int

    @property
    def quadrants(self) -> list[tuple[Quadrant, str, list[EngagementPlan]]]:
        return [(quadrant, QUADRANT_ADVICE[quadrant], self.by_quadrant[quadrant.value]) for quadrant in Quadrant]


def stakeholder_map(plans: QuerySet[EngagementPlan], today: date | None = None) -> StakeholderMap:
    """The current plans placed on the influence × interest grid (one query)."""
    scale = range(SCALE_MIN, SCALE_MAX + 1)
    cells = {(i, j): Cell(i, j, quadrant_of(i, j)) for i in scale for j in scale}
    by_quadrant: dict[str, list[EngagementPlan]] = {quadrant.value: [] for quadrant in Quadrant}
    rows = list(
        with_last_contact(plans.filter(is_current=True), today)
        .select_related("commissioner", "owner")
        .order_by("commissioner__name", "pk")
    )
    for plan in rows:
        cells[(plan.influence, plan.interest)].plans.append(plan)
        by_quadrant[plan.quadrant.value].append(plan)
    grid = [[cells[(i, j)] for j in scale] for i in reversed(scale)]
    return StakeholderMap(grid, by_quadrant, len(rows))


HEALTH_CLASSES = {Health.GREEN: "text-bg-success", Health.AMBER: "text-bg-warning", Health.RED: "text-bg-danger"}
QUADRANT_CLASSES = {
    Quadrant.MANAGE: "table-danger",
    Quadrant.SATISFY: "table-warning",
    Quadrant.INFORM: "table-info",
    Quadrant.MONITOR: "table-light",
}
QUADRANT_ADVICE = {
    Quadrant.MANAGE: "High influence and high interest: engage fully and often; involve them in shaping services.",
    Quadrant.SATISFY: "High influence, less interest: keep them content with what matters to them, without overloading.",
    Quadrant.INFORM: "Less influence, high interest: keep them well informed; they can be useful allies.",
    Quadrant.MONITOR: "Less influence and less interest: watch for change, with light-touch contact.",
}
__all__ = ["HIGH", "NEVER", "StakeholderMap", "stakeholder_map", "with_last_contact"]
