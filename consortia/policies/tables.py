"""The policies lists."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html

from consortia.core.tables import BaseTable
from consortia.policies.choices import RiskRating, rating
from consortia.policies.models import Acknowledgement, Policy, PolicyArea, PolicyVersion, Risk, RiskAction, RiskReview

BADGES = {"red": "text-bg-danger", "amber": "text-bg-warning", "green": "text-bg-success"}


def rag_badge(score: int) -> str:
    found = rating(score)
    if found is None:
        return "—"
    return format_html('<span class="badge {}">{} {}</span>', BADGES[found], score, RiskRating(found).label.split()[0])


class ScoreColumn(tables.Column):
    """A score with its RAG colour (the number alone in exports)."""

    def render(self, value: Any) -> str:
        return rag_badge(value)

    def value(self, value: Any) -> Any:
        return value


class PolicyAreaTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name="Area")
    description = tables.Column()

    class Meta(BaseTable.Meta):
        model = PolicyArea
        fields = ("name", "description")


class PolicyTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name="Policy")
    kind = tables.Column()
    area = tables.Column(accessor="area__name", verbose_name="Area")
    owner = tables.Column(accessor="owner__full_name", verbose_name="Owner")
    current_version = tables.Column(accessor="current_version__number", verbose_name="Version", default="None approved")
    next_review_on = tables.DateColumn(format="d/m/Y", verbose_name="Review due", default="—")
    acknowledgement_required = tables.BooleanColumn(verbose_name="Members acknowledge")
    active = tables.BooleanColumn(verbose_name="In use")

    class Meta(BaseTable.Meta):
        model = Policy
        fields = (
            "title",
            "kind",
            "area",
            "owner",
            "current_version",
            "next_review_on",
            "acknowledgement_required",
            "active",
        )


class PolicyVersionTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Version", order_by=("policy__title", "-number"))
    status = tables.Column()
    approved_on = tables.DateColumn(format="d/m/Y", verbose_name="Approved", default="—")
    approval_minute = tables.Column(verbose_name="Minute", default="—")
    summary = tables.Column(verbose_name="Changes", default="—")

    class Meta(BaseTable.Meta):
        model = PolicyVersion
        fields = ("heading", "status", "approved_on", "approval_minute", "summary")


class AcknowledgementTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Acknowledgement", order_by=("organisation__name", "pk"))
    acknowledged_by = tables.Column(accessor="acknowledged_by__full_name", verbose_name="By")
    acknowledged_on = tables.DateColumn(format="d/m/Y", verbose_name="On")

    class Meta(BaseTable.Meta):
        model = Acknowledgement
        fields = ("heading", "acknowledged_by", "acknowledged_on")


class RiskTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name="Risk")
    category = tables.Column()
    owner = tables.Column(accessor="owner__full_name", verbose_name="Owner")
    inherent_score = ScoreColumn(verbose_name="Before controls")
    residual_score = ScoreColumn(verbose_name="After controls")
    trend = tables.Column(default="—")
    review_on = tables.DateColumn(format="d/m/Y", verbose_name="Review due")
    status = tables.Column()

    class Meta(BaseTable.Meta):
        model = Risk
        fields = ("title", "category", "owner", "inherent_score", "residual_score", "trend", "review_on", "status")


class RiskReviewTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Review", order_by=("risk__title", "-reviewed_on"))
    likelihood = tables.Column()
    impact = tables.Column()
    note = tables.Column(default="—")

    class Meta(BaseTable.Meta):
        model = RiskReview
        fields = ("heading", "likelihood", "impact", "note")


class RiskActionTable(BaseTable):
    description = tables.Column(linkify=True, verbose_name="Action")
    risk = tables.Column(accessor="risk__title", verbose_name="Risk")
    owner = tables.Column(accessor="owner__full_name", verbose_name="Owner")
    due_on = tables.DateColumn(format="d/m/Y", verbose_name="Due")
    done_on = tables.DateColumn(format="d/m/Y", verbose_name="Done", default="—")

    class Meta(BaseTable.Meta):
        model = RiskAction
        fields = ("description", "risk", "owner", "due_on", "done_on")
