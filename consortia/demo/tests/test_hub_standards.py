"""The demo hub's standards, readings, procedure, agreement with Red Rose CVS and workplan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from consortia.demo import hub_standards
from consortia.demo.services import load_demo
from consortia.hub.choices import DelivererKind, WorkplanStatus
from consortia.hub.models import (
    Deliverer,
    PerformanceProcedure,
    ServiceAgreement,
    ServiceStandard,
    StandardReading,
    WorkplanItem,
)
from consortia.hub.services.standards import standard_results
from consortia.hub.services.workplan import YEAR_ONE

pytestmark = pytest.mark.django_db

MODELS = (ServiceStandard, StandardReading, PerformanceProcedure, ServiceAgreement, WorkplanItem)


def snapshot() -> dict[str, tuple[int, int]]:
    """Rows and history entries of each record type."""
    return {model.__name__: (model.objects.count(), model.history.count()) for model in MODELS}  # type: ignore[attr-defined]


def test_loads_the_standards_agreement_and_workplan() -> None:
    load_demo(with_hub=False)
    hub_standards.load()

    standards = ServiceStandard.objects.all()
    assert 6 <= standards.count() <= 8
    assert len({standard.function_id for standard in standards}) >= 5
    computed = standards.exclude(measure="")
    assert set(computed.values_list("measure", flat=True)) >= {
        "people.timesheet_approval_days",
        "hub.tasks_with_responsible",
    }
    every_task = standards.get(name="Every hub task has someone responsible")
    assert (every_task.comparison, every_task.target, every_task.unit) == ("at_least", Decimal(100), "percent")
    for record in [*standards, *StandardReading.objects.all(), *WorkplanItem.objects.all()]:
        record.full_clean()

    # Hand readings for the last six periods, with a mix of green, amber and red.
    results = standard_results(standards.filter(measure=""))
    ratings = {period.rag for result in results for period in result.periods}
    assert {"green", "amber", "red"} <= ratings
    for result in results:
        assert sum(period.actual is not None for period in result.periods) >= 5

    procedure = PerformanceProcedure.objects.get()
    assert procedure.review_cadence == "quarterly"
    assert "chair" in procedure.escalation
    assert procedure.next_review is not None
    assert procedure.next_review > date.today()

    agreement = ServiceAgreement.objects.get()
    assert agreement.provider.name == "Red Rose Council for Voluntary Service"
    assert (agreement.start, agreement.fee, agreement.fee_basis, agreement.status) == (
        date(2023, 4, 1),
        Decimal("38500.00"),
        "annual",
        "active",
    )
    assert "monthly" in agreement.payment_terms
    assert agreement.reporting
    assert agreement.review
    assert agreement.exit

    plan = WorkplanItem.objects.all()
    assert plan.count() == len(YEAR_ONE)
    assert plan.order_by("start_month").first().start_month == date(2023, 4, 1)
    statuses = set(plan.values_list("status", flat=True))
    assert {WorkplanStatus.DONE, WorkplanStatus.IN_PROGRESS, WorkplanStatus.DEFERRED} <= statuses


def test_running_twice_changes_nothing() -> None:
    load_demo(with_hub=False)
    hub_standards.load()
    before = snapshot()
    hub_standards.load()
    assert snapshot() == before


def test_deliverers_are_named_when_the_hub_set_up_made_them() -> None:
    load_demo(with_hub=False)
    # Without deliverers, nobody is named.
    hub_standards.load()
    assert not ServiceStandard.objects.exclude(responsible=None).exists()
    assert not WorkplanItem.objects.exclude(lead=None).exists()
    ServiceStandard.objects.all().delete()
    WorkplanItem.objects.all().delete()
    board = Deliverer.objects.create(kind=DelivererKind.BOARD, name="The board")
    manager = Deliverer.objects.create(kind=DelivererKind.COMMITTEE, name="Consortium manager")
    hub_standards.load()
    assert ServiceStandard.objects.get(name="Every hub task has someone responsible").responsible == manager
    assert WorkplanItem.objects.get(activity="Recruit the hub staff").lead == board
