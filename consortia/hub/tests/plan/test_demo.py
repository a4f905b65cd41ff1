"""The demo business plan: loads valid records, some computed live, and loads once."""

from __future__ import annotations

import pytest

from consortia.demo import hub_plan, hub_standards
from consortia.demo.services import load_demo
from consortia.hub.models import BusinessPlan, PlanIndicator, PlanIndicatorReading, PlanObjective, PlanReview
from consortia.hub.services.plan import plan_page

pytestmark = pytest.mark.django_db

MODELS = (BusinessPlan, PlanObjective, PlanIndicator, PlanIndicatorReading, PlanReview)


def snapshot() -> dict[str, tuple[int, int]]:
    return {model.__name__: (model.objects.count(), model.history.count()) for model in MODELS}  # type: ignore[attr-defined]


def test_the_demo_plan_loads_once() -> None:
    load_demo(with_hub=False)
    hub_standards.load()
    hub_plan.load()
    plan = BusinessPlan.objects.get()
    assert plan.status == "approved"
    assert 4 <= plan.objectives.count() <= 5
    indicators = PlanIndicator.objects.all()
    assert 12 <= indicators.count() <= 14
    assert indicators.exclude(measure="").count() >= 4
    assert PlanReview.objects.filter(plan=plan).count() >= 1
    for model in MODELS:
        for record in model.objects.all():  # type: ignore[attr-defined]
            record.full_clean()
    page = plan_page(plan)
    assert page.workplan, "the year-1 workplan falls in the plan's period"
    progress = {item.progress for objective in page.objectives for item in objective.indicators}
    assert {"on_track", "at_risk", "off_track"} & progress
    before = snapshot()
    hub_plan.load()
    assert snapshot() == before
    assert "13 indicators" in hub_plan.summary()
