"""The demo hub's set-up: the appraisal and decision, the deliverers and who does what."""

from __future__ import annotations

import pytest

from consortia.demo import hub_setup
from consortia.demo.services import load_demo
from consortia.hub.choices import AppraisalStatus, DelivererKind
from consortia.hub.models import Appraisal, AppraisalScore, Deliverer, HubDecision, HubTask, TaskAllocation
from consortia.hub.services.appraisal import appraisal_results
from consortia.hub.services.delivery import raci_matrix
from consortia.people.models import JobRole
from consortia.users.models import User

pytestmark = pytest.mark.django_db

MODELS = (Appraisal, AppraisalScore, HubDecision, Deliverer, TaskAllocation, JobRole)


def snapshot() -> dict[str, tuple[int, int]]:
    """Rows and history entries of each record type, and the users."""
    found = {model.__name__: (model.objects.count(), model.history.count()) for model in MODELS}  # type: ignore[attr-defined]
    found["users"] = (User.objects.count(), 0)
    return found


def test_loads_the_appraisal_decision_and_allocations() -> None:
    load_demo(with_hub=False)
    hub_setup.load()

    appraisal = Appraisal.objects.get(title="How should our hub be delivered?")
    assert appraisal.status == AppraisalStatus.CLOSED
    scorers = set(appraisal.scorers.values_list("email", flat=True))
    assert {"chair@demo.consortia.example", "manager@demo.consortia.example"} <= scorers
    assert "auditor@demo.consortia.example" not in scorers
    assert 3 <= len(scorers) <= 4
    results = appraisal_results(appraisal)
    assert results.recommended is not None
    assert results.recommended.code == "member"
    assert not results.too_close
    assert all(result.scorers == len(scorers) for result in results.options)
    assert any(result.lowest != result.highest for result in results.options)  # the scorers differ somewhere

    decision = HubDecision.objects.get()
    assert (decision.chosen_model.code, decision.provider.name) == ("member", "Red Rose Council for Voluntary Service")
    assert decision.decided_on.year == 2023
    assert decision.appraisal == appraisal
    assert decision.rationale

    names = set(Deliverer.objects.values_list("name", flat=True))
    assert {
        "Consortium Manager",
        "Bid Manager",
        "Contracts and Performance Officer",
        "Finance Officer",
        "Hub Administrator",
        "Red Rose CVS",
        "The Board",
        "Performance Committee",
    } <= names
    assert Deliverer.objects.get(name="Red Rose CVS").kind == DelivererKind.MEMBER
    assert Deliverer.objects.get(name="Bid Manager").job_role.title == "Bid Manager"

    # Every function has work allocated; most tasks have R and A; one or two flags are left open.
    manager = User.objects.get(email="manager@demo.consortia.example")
    matrix = raci_matrix(manager)
    assert len(matrix.groups) == 10
    assert all(any(cell.allocation for row in group.rows for cell in row.cells) for group in matrix.groups)
    complete = [row for row in matrix.rows if not row.no_responsible and not row.no_accountable]
    assert len(complete) >= 0.9 * len(matrix.rows)
    assert 1 <= matrix.flag_count <= 3
    assert [item.text for item in matrix.flag("no_accountable").items] == [
        "Research grant funders and social investors"
    ]
    assert matrix.flag("conflict").count == 1
    assert not matrix.flag("over_capacity").count
    assert not matrix.flag("many_accountable").count
    assert TaskAllocation.objects.filter(task__in=HubTask.objects.filter(retired=False)).count() > 60


def test_loading_again_changes_nothing() -> None:
    load_demo(with_hub=False)
    hub_setup.load()
    before = snapshot()
    hub_setup.load()
    assert snapshot() == before


def test_job_roles_made_elsewhere_are_used() -> None:
    load_demo(with_hub=False)
    role = JobRole.objects.create(
        title="Bid Manager", purpose="Leads bids for the consortium.", hours_per_week=20, fte="0.53"
    )
    hub_setup.load()
    assert Deliverer.objects.get(name="Bid Manager").job_role == role
    assert JobRole.objects.filter(title="Bid Manager").count() == 1
