"""Improvement plans opened for members whose figures are at red."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from consortia.contracts.models import Contract
from consortia.performance.choices import PlanStatus, Rag
from consortia.performance.models import ImprovementPlan
from consortia.performance.services.rag import contract_performance

REVIEW_DAYS = 90  # a plan is reviewed after a quarter


@transaction.atomic
def open_plans_for_red(contract: Contract, user: Any = None) -> list[ImprovementPlan]:
    """An open improvement plan for each member and KPI at red in the latest period with a
    validated figure, unless one is open already for that member and KPI. Returns those opened."""
    performance = contract_performance(contract)
    open_now = set(
        ImprovementPlan.objects.filter(subcontract__contract=contract, status=PlanStatus.OPEN).values_list(
            "subcontract_id", "kpi_id"
        )
    )
    today = timezone.localdate()
    opened = []
    for row in performance.kpis:
        for member in row.members:
            latest = next(
                (
                    (period, cell)
                    for period, cell in reversed(list(zip(performance.periods, member.cells, strict=True)))
                    if cell.value is not None
                ),
                None,
            )
            if latest is None or latest[1].rag != Rag.RED or (member.subcontract.pk, row.kpi.pk) in open_now:
                continue
            period, cell = latest
            plan = ImprovementPlan(
                subcontract=member.subcontract,
                kpi=row.kpi,
                reason=f"“{row.kpi}” at red for {period}: {cell.value} against a target of {cell.target}.",
                opened_on=today,
                review_on=today + timedelta(days=REVIEW_DAYS),
            )
            plan.stamp(user)
            plan.save()
            opened.append(plan)
    return opened
