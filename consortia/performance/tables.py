"""The lists of the performance app."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.performance.models import (
    KPI,
    ImprovementAction,
    ImprovementPlan,
    MonitoringReturn,
    OutcomeClaim,
    ReturnComment,
    ReturnEvidence,
    ReturnPeriod,
    ReturnValue,
    SubcontractKPI,
)


class KPITable(BaseTable):
    name = tables.Column(linkify=True, verbose_name="KPI")
    contract = tables.Column(accessor="contract__reference", verbose_name="Contract")
    unit = tables.Column()
    target = tables.Column()
    direction = tables.Column()
    frequency = tables.Column()
    outcome_price = tables.Column(verbose_name="Outcome price (£)", default="—")

    class Meta(BaseTable.Meta):
        model = KPI
        fields = ("name", "contract", "unit", "target", "direction", "frequency", "outcome_price")


class SubcontractKPITable(BaseTable):
    kpi = tables.Column(linkify=False, verbose_name="KPI")
    member = tables.Column(accessor="subcontract__organisation__name", verbose_name="Member")
    contract = tables.Column(accessor="subcontract__contract__reference", verbose_name="Contract")
    target = tables.Column(verbose_name="Member's target")

    class Meta(BaseTable.Meta):
        model = SubcontractKPI
        fields = ("kpi", "member", "contract", "target")

    def render_kpi(self, record: SubcontractKPI) -> str:
        from django.utils.html import format_html

        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), str(record))  # type: ignore[return-value]


class ReturnPeriodTable(BaseTable):
    label = tables.Column(linkify=True, verbose_name="Period")
    contract = tables.Column(accessor="contract__reference", verbose_name="Contract")
    starts_on = tables.DateColumn(format="d/m/Y", verbose_name="Starts")
    ends_on = tables.DateColumn(format="d/m/Y", verbose_name="Ends")
    opens_on = tables.DateColumn(format="d/m/Y", verbose_name="Opens")
    due_on = tables.DateColumn(format="d/m/Y", verbose_name="Due")

    class Meta(BaseTable.Meta):
        model = ReturnPeriod
        fields = ("label", "contract", "starts_on", "ends_on", "opens_on", "due_on")


class MonitoringReturnTable(BaseTable):
    heading = tables.Column(
        linkify=True, verbose_name="Return", order_by=("subcontract__organisation__name", "period__starts_on")
    )
    contract = tables.Column(accessor="subcontract__contract__reference", verbose_name="Contract")
    due_on = tables.DateColumn(accessor="period__due_on", format="d/m/Y", verbose_name="Due")
    status = tables.Column()
    submitted_at = tables.DateTimeColumn(format="d/m/Y H:i", verbose_name="Submitted", default="—")
    validated_at = tables.DateTimeColumn(format="d/m/Y H:i", verbose_name="Validated", default="—")

    class Meta(BaseTable.Meta):
        model = MonitoringReturn
        fields = ("heading", "contract", "due_on", "status", "submitted_at", "validated_at")


class ReturnValueTable(BaseTable):
    kpi = tables.Column(linkify=False, verbose_name="KPI")
    monitoring_return = tables.Column(verbose_name="Return")
    value = tables.Column()

    class Meta(BaseTable.Meta):
        model = ReturnValue
        fields = ("kpi", "monitoring_return", "value")

    def render_kpi(self, record: ReturnValue) -> str:
        from django.utils.html import format_html

        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), str(record))  # type: ignore[return-value]


class OutcomeClaimTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Claim", order_by=("client_reference",))
    kpi = tables.Column(verbose_name="Outcome")
    monitoring_return = tables.Column(verbose_name="Return")
    achieved_on = tables.DateColumn(format="d/m/Y", verbose_name="Achieved")
    status = tables.Column(accessor="monitoring_return__status", verbose_name="Return status")

    class Meta(BaseTable.Meta):
        model = OutcomeClaim
        fields = ("heading", "kpi", "monitoring_return", "achieved_on", "status")


class ReturnEvidenceTable(BaseTable):
    name = tables.Column(accessor="original_filename", linkify=True, verbose_name="File", default="—")
    description = tables.Column(default="—")
    monitoring_return = tables.Column(verbose_name="Return")
    created = tables.DateTimeColumn(format="d/m/Y H:i", verbose_name="Uploaded")

    class Meta(BaseTable.Meta):
        model = ReturnEvidence
        fields = ("name", "description", "monitoring_return", "created")


class ReturnCommentTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Comment", order_by=("created",))
    kind = tables.Column()
    monitoring_return = tables.Column(verbose_name="Return")
    author = tables.Column(default="—")
    created = tables.DateTimeColumn(format="d/m/Y H:i", verbose_name="When")

    class Meta(BaseTable.Meta):
        model = ReturnComment
        fields = ("heading", "kind", "monitoring_return", "author", "created")


class ImprovementPlanTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Plan", order_by=("subcontract__organisation__name",))
    contract = tables.Column(accessor="subcontract__contract__reference", verbose_name="Contract")
    opened_on = tables.DateColumn(format="d/m/Y", verbose_name="Opened")
    review_on = tables.DateColumn(format="d/m/Y", verbose_name="Review by")
    status = tables.Column()

    class Meta(BaseTable.Meta):
        model = ImprovementPlan
        fields = ("heading", "contract", "opened_on", "review_on", "status")


class ImprovementActionTable(BaseTable):
    heading = tables.Column(accessor="action", linkify=True, verbose_name="Action")
    plan = tables.Column()
    owner = tables.Column(default="—")
    due_on = tables.DateColumn(format="d/m/Y", verbose_name="Due")
    done_on = tables.DateColumn(format="d/m/Y", verbose_name="Done", default="—")

    class Meta(BaseTable.Meta):
        model = ImprovementAction
        fields = ("heading", "plan", "owner", "due_on", "done_on")
