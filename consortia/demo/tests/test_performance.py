"""The demo's performance monitoring: returns in every state, outcome claims, a member at red
with an improvement plan; loading again changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from consortia.demo import performance as demo_performance
from consortia.demo.contracts import BY_HAND_REFERENCE
from consortia.demo.services import load_demo
from consortia.performance.choices import Rag, ReturnStatus
from consortia.performance.models import (
    KPI,
    ImprovementPlan,
    MonitoringReturn,
    OutcomeClaim,
    ReturnComment,
    ReturnPeriod,
    ReturnValue,
)
from consortia.performance.services.rag import contract_performance


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def counts() -> dict[str, tuple[int, int]]:
    models = (KPI, ReturnPeriod, MonitoringReturn, ReturnValue, OutcomeClaim, ReturnComment, ImprovementPlan)
    return {model.__name__: (model.objects.count(), model.history.count()) for model in models}  # type: ignore[attr-defined]


def test_demo_performance_is_made_once_with_every_state(db: None) -> None:
    load_demo()
    states = set(MonitoringReturn.objects.values_list("status", flat=True))
    assert states == set(ReturnStatus.values)
    assert OutcomeClaim.objects.filter(monitoring_return__status=ReturnStatus.VALIDATED).exists()
    assert KPI.objects.filter(outcome_price__isnull=False, contract__payment_model__in=["results", "mixed"]).exists()
    social = KPI.objects.filter(contract__reference=BY_HAND_REFERENCE).first().contract  # type: ignore[union-attr]
    result = contract_performance(social)
    referrals = next(row for row in result.kpis if row.kpi.name == "People referred and supported")
    wyre = next(row for row in referrals.members if row.subcontract.organisation.name == "Wyre Youth Matters")
    assert Rag.RED in [cell.rag for cell in wyre.cells]
    plan = ImprovementPlan.objects.get()
    assert plan.subcontract == wyre.subcontract
    assert plan.actions.count() == 3
    before = counts()
    demo_performance.load()
    assert counts() == before
