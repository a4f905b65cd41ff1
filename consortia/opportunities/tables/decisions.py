"""Tables of the bid/no-bid decision."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.opportunities.models import BidCriterion, BidDecision, BidScore


class BidCriterionTable(BaseTable):
    name = tables.Column(linkify=True)
    weight = tables.Column()
    order = tables.Column()

    class Meta(BaseTable.Meta):
        model = BidCriterion
        fields = ("name", "weight", "order")


class BidScoreTable(BaseTable):
    display = tables.Column(verbose_name="Score", accessor="pk", linkify=lambda record: record.get_absolute_url())
    scorer = tables.Column()
    score = tables.Column()

    class Meta(BaseTable.Meta):
        model = BidScore
        fields = ("display", "scorer", "score")

    def render_display(self, record: BidScore) -> str:
        return str(record)

    def value_display(self, record: BidScore) -> str:
        return str(record)


class BidDecisionTable(BaseTable):
    display = tables.Column(
        verbose_name="Decision", accessor="pk", linkify=lambda record: record.get_absolute_url(), orderable=False
    )
    decided_on = tables.DateColumn(format="d/m/Y")
    weighted_score = tables.Column(verbose_name="Weighted score (%)", default="—")
    decided_by = tables.Column()

    class Meta(BaseTable.Meta):
        model = BidDecision
        fields = ("display", "decided_on", "weighted_score", "decided_by")

    def render_display(self, record: BidDecision) -> str:
        return str(record)

    def value_display(self, record: BidDecision) -> str:
        return str(record)
