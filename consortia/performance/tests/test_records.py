"""The kit's generic tests for every record type of the performance app (pages and API)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests, RecordViewTests
from consortia.directory.models import Organisation
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
from consortia.performance.tests import factories
from consortia.performance.views.kpis import KPIViews, ReturnPeriodViews, SubcontractKPIViews
from consortia.performance.views.plans import ImprovementActionViews, ImprovementPlanViews
from consortia.performance.views.returns import (
    MonitoringReturnViews,
    OutcomeClaimViews,
    ReturnCommentViews,
    ReturnEvidenceViews,
    ReturnValueViews,
)
from consortia.users.testing import Personas

# session, user, 2 × permissions, count, page (its joins in one query)
LIST_QUERIES = 6


def world(personas: Personas, organisation: Organisation, index: int = 0) -> dict[str, Any]:
    """A contract commissioned by org C with `organisation` delivering it, named by `index`."""
    contract = factories.contract(personas.org_c, title=f"Service {index} for {organisation.name}")
    sub = factories.subcontract(contract, organisation, "100")
    kpi = factories.kpi(contract, f"Clients {index} of {organisation.name}", outcome_price=Decimal("250.00"))
    period = factories.period(contract, label=f"Quarter {index} of {organisation.name}")
    monitoring_return = factories.monitoring_return(sub, period)
    return {"contract": contract, "subcontract": sub, "kpi": kpi, "period": period, "return": monitoring_return}


def manager_world(personas: Personas) -> dict[str, Any]:
    return world(personas, personas.org_a, 999)


def bare_contract(personas: Personas) -> Any:
    """A contract delivered by org A with nothing of performance's yet (for a create form)."""
    contract = factories.contract(personas.org_c)
    factories.subcontract(contract, personas.org_a, "100")
    return contract


class TestKPIViews(EditableRecordTests):
    record = KPIViews
    list_queries = LIST_QUERIES
    concurrent_change = {"definition": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> KPI:
        return world(personas, organisation, index)["kpi"]

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "contract": bare_contract(personas).pk,
            "name": "Clients moving into work",
            "unit": "number",
            "frequency": "quarterly",
            "order": "1",
            "target": "40",
            "direction": "higher",
            "amber_threshold": "36",
            "red_threshold": "30",
        }


class TestKPIApi(RecordApiTests):
    basename = "kpi"
    model = KPI
    change = {"definition": "Changed by the API."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> KPI:
        return world(personas, organisation, index)["kpi"]

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "contract": bare_contract(personas).pk,
            "name": "Clients moving into work",
            "unit": "number",
            "frequency": "quarterly",
            "order": 1,
            "target": "40.00",
            "direction": "higher",
        }


def subcontract_kpi(personas: Personas, organisation: Organisation, index: int = 0) -> SubcontractKPI:
    made = world(personas, organisation, index)
    return SubcontractKPI.objects.create(subcontract=made["subcontract"], kpi=made["kpi"], target=Decimal(50))


class TestSubcontractKPIViews(EditableRecordTests):
    record = SubcontractKPIViews
    list_queries = LIST_QUERIES
    concurrent_change = {"target": Decimal(7)}

    make = staticmethod(subcontract_kpi)  # type: ignore[assignment]

    def form_data(self, personas: Personas) -> dict[str, Any]:
        made = manager_world(personas)
        return {"subcontract": made["subcontract"].pk, "kpi": made["kpi"].pk, "target": "50"}


class TestSubcontractKPIApi(RecordApiTests):
    basename = "subcontractkpi"
    model = SubcontractKPI
    change = {"target": "45.00"}
    make = staticmethod(subcontract_kpi)  # type: ignore[assignment]

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        made = manager_world(personas)
        return {"subcontract": made["subcontract"].pk, "kpi": made["kpi"].pk, "target": "50.00"}


class TestReturnPeriodViews(EditableRecordTests):
    record = ReturnPeriodViews
    list_queries = LIST_QUERIES
    concurrent_change = {"label": "Changed meanwhile"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ReturnPeriod:
        return world(personas, organisation, index)["period"]

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "contract": bare_contract(personas).pk,
            "label": "July to September 2026",
            "starts_on": "2026-07-01",
            "ends_on": "2026-09-30",
            "opens_on": "2026-09-24",
            "due_on": "2026-10-14",
        }


class TestReturnPeriodApi(RecordApiTests):
    basename = "returnperiod"
    model = ReturnPeriod
    change = {"label": "Renamed"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ReturnPeriod:
        return world(personas, organisation, index)["period"]

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "contract": bare_contract(personas).pk,
            "label": "July to September 2026",
            "starts_on": "2026-07-01",
            "ends_on": "2026-09-30",
            "opens_on": "2026-09-24",
            "due_on": "2026-10-14",
        }


def second_period_data(personas: Personas) -> dict[str, Any]:
    contract = bare_contract(personas)
    later = factories.period(contract, date(2026, 7, 1), date(2026, 9, 30))
    return {"subcontract": contract.subcontracts.get().pk, "period": later.pk, "narrative": "Added by hand."}


class TestMonitoringReturnViews(EditableRecordTests):
    record = MonitoringReturnViews
    list_queries = LIST_QUERIES
    concurrent_change = {"narrative": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> MonitoringReturn:
        return world(personas, organisation, index)["return"]

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return second_period_data(personas)

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return {"subcontract": obj.subcontract_id, "period": obj.period_id, "narrative": "Edited."}


class TestMonitoringReturnApi(RecordApiTests):
    basename = "monitoringreturn"
    model = MonitoringReturn
    change = {"narrative": "Changed by the API."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> MonitoringReturn:
        return world(personas, organisation, index)["return"]

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return second_period_data(personas)


def value_of(personas: Personas, organisation: Organisation, index: int = 0) -> ReturnValue:
    made = world(personas, organisation, index)
    return ReturnValue.objects.create(monitoring_return=made["return"], kpi=made["kpi"], value=Decimal(index))


class TestReturnValueViews(EditableRecordTests):
    record = ReturnValueViews
    list_queries = LIST_QUERIES
    concurrent_change = {"value": Decimal(3)}
    make = staticmethod(value_of)  # type: ignore[assignment]

    def form_data(self, personas: Personas) -> dict[str, Any]:
        made = manager_world(personas)
        return {"monitoring_return": made["return"].pk, "kpi": made["kpi"].pk, "value": "12"}


class TestReturnValueApi(RecordApiTests):
    basename = "returnvalue"
    model = ReturnValue
    change = {"value": "14.00"}
    make = staticmethod(value_of)  # type: ignore[assignment]

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        made = manager_world(personas)
        return {"monitoring_return": made["return"].pk, "kpi": made["kpi"].pk, "value": "12.00"}


def claim_of(personas: Personas, organisation: Organisation, index: int = 0) -> OutcomeClaim:
    made = world(personas, organisation, index)
    return OutcomeClaim.objects.create(
        monitoring_return=made["return"],
        kpi=made["kpi"],
        client_reference=f"C-{index}-{organisation.pk}",
        achieved_on=date(2026, 5, 1),
    )


class TestOutcomeClaimViews(EditableRecordTests):
    record = OutcomeClaimViews
    list_queries = LIST_QUERIES
    concurrent_change = {"client_reference": "CHANGED"}
    make = staticmethod(claim_of)  # type: ignore[assignment]

    def form_data(self, personas: Personas) -> dict[str, Any]:
        made = manager_world(personas)
        return {
            "monitoring_return": made["return"].pk,
            "kpi": made["kpi"].pk,
            "client_reference": "C-100",
            "achieved_on": "2026-05-02",
        }


class TestOutcomeClaimApi(RecordApiTests):
    basename = "outcomeclaim"
    model = OutcomeClaim
    change = {"client_reference": "C-101"}
    make = staticmethod(claim_of)  # type: ignore[assignment]

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        made = manager_world(personas)
        return {
            "monitoring_return": made["return"].pk,
            "kpi": made["kpi"].pk,
            "client_reference": "C-100",
            "achieved_on": "2026-05-02",
        }


def evidence_of(personas: Personas, organisation: Organisation, index: int = 0) -> ReturnEvidence:
    made = world(personas, organisation, index)
    return ReturnEvidence.objects.create(
        monitoring_return=made["return"],
        file=SimpleUploadedFile("x.pdf", b"%PDF-1.4 test"),
        original_filename=f"Attendance {index} {organisation.name}.pdf",
        description=f"Attendance {index} {organisation.name}",
    )


class TestReturnEvidenceViews(RecordViewTests):
    record = ReturnEvidenceViews
    list_queries = LIST_QUERIES
    make = staticmethod(evidence_of)  # type: ignore[assignment]


class TestReturnEvidenceApi(RecordApiTests):
    basename = "returnevidence"
    model = ReturnEvidence
    writable = False
    make = staticmethod(evidence_of)  # type: ignore[assignment]


def comment_of(personas: Personas, organisation: Organisation, index: int = 0) -> ReturnComment:
    made = world(personas, organisation, index)
    return ReturnComment.objects.create(
        monitoring_return=made["return"],
        author=personas.manager,
        text=f"Please check figure {index} {organisation.name}",
    )


class TestReturnCommentViews(RecordViewTests):
    record = ReturnCommentViews
    list_queries = LIST_QUERIES
    make = staticmethod(comment_of)  # type: ignore[assignment]


class TestReturnCommentApi(RecordApiTests):
    basename = "returncomment"
    model = ReturnComment
    writable = False
    make = staticmethod(comment_of)  # type: ignore[assignment]


def plan_of(personas: Personas, organisation: Organisation, index: int = 0) -> ImprovementPlan:
    made = world(personas, organisation, index)
    return ImprovementPlan.objects.create(
        subcontract=made["subcontract"],
        kpi=made["kpi"],
        reason=f"At red for two quarters ({index}).",
        opened_on=date(2026, 7, 20),
        review_on=date(2026, 9, 30),
    )


def plan_data(personas: Personas) -> dict[str, Any]:
    made = manager_world(personas)
    return {
        "subcontract": made["subcontract"].pk,
        "kpi": made["kpi"].pk,
        "reason": "Clients supported at red.",
        "opened_on": "2026-07-20",
        "review_on": "2026-09-30",
        "status": "open",
    }


class TestImprovementPlanViews(EditableRecordTests):
    record = ImprovementPlanViews
    list_queries = LIST_QUERIES
    concurrent_change = {"reason": "Changed by someone else meanwhile."}
    make = staticmethod(plan_of)  # type: ignore[assignment]

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return plan_data(personas)


class TestImprovementPlanApi(RecordApiTests):
    basename = "improvementplan"
    model = ImprovementPlan
    change = {"reason": "Changed by the API."}
    make = staticmethod(plan_of)  # type: ignore[assignment]

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return plan_data(personas)


def action_of(personas: Personas, organisation: Organisation, index: int = 0) -> ImprovementAction:
    plan = plan_of(personas, organisation, index)
    return ImprovementAction.objects.create(
        plan=plan,
        action=f"Weekly outreach sessions {index} {organisation.name}",
        owner="Service lead",
        due_on=date(2026, 8, 31),
    )


def action_data(personas: Personas) -> dict[str, Any]:
    plan = plan_of(personas, personas.org_a, 998)
    return {
        "plan": plan.pk,
        "action": "Run weekly outreach at the library.",
        "owner": "Service lead",
        "due_on": "2026-08-31",
    }


class TestImprovementActionViews(EditableRecordTests):
    record = ImprovementActionViews
    list_queries = LIST_QUERIES
    concurrent_change = {"action": "Changed by someone else meanwhile."}
    make = staticmethod(action_of)  # type: ignore[assignment]

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return action_data(personas)


class TestImprovementActionApi(RecordApiTests):
    basename = "improvementaction"
    model = ImprovementAction
    change = {"owner": "Chief executive"}
    make = staticmethod(action_of)  # type: ignore[assignment]

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return action_data(personas)
