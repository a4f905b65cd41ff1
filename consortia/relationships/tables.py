"""The relationships lists."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from consortia.core.formats import pounds
from consortia.core.tables import BaseTable
from consortia.relationships.choices import InteractionKind
from consortia.relationships.models import EngagementPlan, ExpiringContract, FollowUp, Interaction
from consortia.relationships.services.engagement import NEVER
from consortia.relationships.services.radar import months_to_go


class EngagementPlanTable(BaseTable):
    commissioner = tables.Column(
        accessor="commissioner__name", linkify=True, verbose_name="Commissioner", order_by=("commissioner__name",)
    )
    health = tables.Column()
    influence = tables.Column(verbose_name="Influence")
    interest = tables.Column(verbose_name="Interest")
    owner = tables.Column(verbose_name="Owner")
    last_contact = tables.DateColumn(format="d/m/Y", verbose_name="Last contact", default="Never")
    days_since_contact = tables.Column(verbose_name="Days since last contact", order_by=("days_since_contact",))
    review_on = tables.DateColumn(format="d/m/Y", verbose_name="Next review")
    is_current = tables.BooleanColumn(verbose_name="Current")

    class Meta(BaseTable.Meta):
        model = EngagementPlan
        fields = (
            "commissioner",
            "health",
            "influence",
            "interest",
            "owner",
            "last_contact",
            "days_since_contact",
            "review_on",
            "is_current",
        )

    def render_days_since_contact(self, value: int) -> str:
        return "Never contacted" if value >= NEVER else str(value)

    def value_days_since_contact(self, value: int) -> Any:
        return None if value >= NEVER else value


class InteractionTable(BaseTable):
    title = tables.Column(linkify=True)
    commissioner = tables.Column()
    kind = tables.Column()
    date = tables.DateColumn(format="d/m/Y")

    class Meta(BaseTable.Meta):
        model = Interaction
        fields = ("title", "commissioner", "kind", "date")


class FollowUpTable(BaseTable):
    description = tables.Column(linkify=True, verbose_name="Follow-up")
    commissioner = tables.Column(accessor="interaction__commissioner", verbose_name="Commissioner")
    owner = tables.Column()
    due_on = tables.DateColumn(format="d/m/Y", verbose_name="Due")
    done_on = tables.DateColumn(format="d/m/Y", verbose_name="Done", default="—")

    class Meta(BaseTable.Meta):
        model = FollowUp
        fields = ("description", "commissioner", "owner", "due_on", "done_on")


class ExpiringContractTable(BaseTable):
    buyer_name = tables.Column(verbose_name="Buyer")
    title = tables.Column(linkify=True, verbose_name="Contract")
    value = tables.Column(verbose_name="Value")
    end_date = tables.DateColumn(format="d/m/Y", verbose_name="Ends")
    months = tables.Column(accessor="end_date", verbose_name="Months to go", order_by=("end_date",))
    members = tables.Column(accessor="pk", verbose_name="Members who could deliver it", orderable=False)
    engage = tables.Column(accessor="pk", verbose_name="Engage", orderable=False, exclude_from_export=True)

    class Meta(BaseTable.Meta):
        model = ExpiringContract
        fields = ("buyer_name", "title", "value", "end_date", "months", "members", "engage")
        empty_text = "No contracts in the notices end in this window."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()
        # Worked out once per page, not once per row.
        self.log_url = reverse("relationships:interaction_add")
        self.add_plan_url = reverse("relationships:engagementplan_add")
        self.plan_url = reverse("relationships:engagementplan_detail", args=[0]).replace("/0/", "/{}/")

    def render_value(self, value: Any) -> str:
        return pounds(value, whole=True)

    def value_value(self, value: Any) -> Any:
        return value

    def render_months(self, value: Any) -> int:
        return months_to_go(self.today, value)

    def value_months(self, value: Any) -> int:
        return months_to_go(self.today, value)

    def _members(self, record: ExpiringContract) -> list[str]:
        return [match.organisation.name for match in record.notice.matches.all()]

    def render_members(self, record: ExpiringContract) -> str:
        names = self._members(record)
        return format_html_join(", ", "{}", ((name,) for name in names)) if names else "—"

    def value_members(self, record: ExpiringContract) -> str:
        return ", ".join(self._members(record))

    def render_engage(self, record: ExpiringContract) -> str:
        if record.buyer_id is None:
            return "Buyer not in the directory"
        log = (
            self.log_url
            + "?"
            + urlencode(
                {
                    "commissioner": str(record.buyer_id),
                    "kind": InteractionKind.MARKET,
                    "title": f"Before re-procurement: {record.title}"[:200],
                }
            )
        )
        plan_id = getattr(record, "plan_id", None)
        if plan_id:
            plan = self.plan_url.format(plan_id)
            plan_label = "Engagement plan"
        else:
            plan = self.add_plan_url + "?" + urlencode({"commissioner": record.buyer_id})
            plan_label = "Open an engagement plan"
        return format_html(
            '<a class="btn btn-sm btn-outline-primary mb-1" href="{}">Log an interaction</a> '
            '<a class="btn btn-sm btn-outline-secondary mb-1" href="{}">{}</a>',
            log,
            plan,
            plan_label,
        )
