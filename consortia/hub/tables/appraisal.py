"""Tables of the options appraisal's records."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.hub.models import Appraisal, AppraisalCriterion, AppraisalScore, DeliveryModel, HubDecision


class DeliveryModelTable(BaseTable):
    name = tables.Column(linkify=True)
    code = tables.Column()
    needs_provider = tables.BooleanColumn(verbose_name="Another organisation delivers it")
    provider_is_member = tables.BooleanColumn(verbose_name="Provider is a member")
    order = tables.Column()

    class Meta(BaseTable.Meta):
        model = DeliveryModel
        fields = ("name", "code", "needs_provider", "provider_is_member", "order")


class AppraisalTable(BaseTable):
    title = tables.Column(linkify=True)
    status = tables.Column()
    scale_max = tables.Column(verbose_name="Highest score")
    closes_on = tables.DateColumn(verbose_name="Scoring closes", format="d/m/Y")
    created = tables.DateColumn(verbose_name="Opened", format="d/m/Y")

    class Meta(BaseTable.Meta):
        model = Appraisal
        fields = ("title", "status", "scale_max", "closes_on", "created")


class AppraisalCriterionTable(BaseTable):
    name = tables.Column(linkify=True)
    appraisal = tables.Column(linkify=True)
    weight = tables.Column()
    order = tables.Column()

    class Meta(BaseTable.Meta):
        model = AppraisalCriterion
        fields = ("name", "appraisal", "weight", "order")


class AppraisalScoreTable(BaseTable):
    display = tables.Column(verbose_name="Score", accessor="pk", linkify=True, orderable=False)
    score = tables.Column(verbose_name="Out of the scale")
    appraisal = tables.Column(accessor="criterion__appraisal", linkify=True, orderable=False)
    criterion = tables.Column()
    option = tables.Column()
    scorer = tables.Column(order_by=("scorer__full_name", "scorer__email"))

    class Meta(BaseTable.Meta):
        model = AppraisalScore
        fields = ("display", "score", "option", "criterion", "scorer", "appraisal")

    def render_display(self, record: AppraisalScore) -> str:
        return str(record)

    def value_display(self, record: AppraisalScore) -> str:
        return str(record)


class HubDecisionTable(BaseTable):
    chosen_model = tables.Column(
        verbose_name="Decision", accessor="chosen_model__name", order_by=("chosen_model__name",), linkify=True
    )
    provider = tables.Column()
    decided_on = tables.DateColumn(format="d/m/Y")
    decided_by = tables.Column()
    minute_reference = tables.Column()

    class Meta(BaseTable.Meta):
        model = HubDecision
        fields = ("chosen_model", "provider", "decided_on", "decided_by", "minute_reference")

    def render_chosen_model(self, record: HubDecision) -> str:
        return str(record)

    def value_chosen_model(self, record: HubDecision) -> str:
        return str(record)
