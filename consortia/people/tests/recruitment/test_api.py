"""Vacancies, applications and assessments through the generic API tests, and scoring rules in the API."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.people.models import Application, Assessment, Vacancy
from consortia.people.tests.recruitment.factories import (
    ApplicationFactory,
    AssessmentFactory,
    VacancyFactory,
    recruitment,
)
from consortia.people.tests.roles.factories import CriterionFactory, JobRoleFactory
from consortia.users import roles
from consortia.users.testing import Personas, make_user


class TestVacancyApi(RecordApiTests):
    basename = "vacancy"
    model = Vacancy
    member_can_view = False
    change = {"interview_dates": "14/04/2026"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Vacancy:
        vacancy = VacancyFactory()
        vacancy.panel.set([personas.manager])
        return vacancy

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "job_role": JobRoleFactory().pk,
            "reference": "API-2026-01",
            "closing_date": "2026-05-01",
            "panel": [personas.manager.pk, personas.board.pk],
        }


class TestApplicationApi(RecordApiTests):
    basename = "application"
    model = Application
    member_can_view = False
    change = {"phone": "01632 960123"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Application:
        return ApplicationFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"vacancy": VacancyFactory().pk, "first_name": "Sam", "last_name": "Lee", "received_on": "2026-01-20"}


class TestAssessmentApi(RecordApiTests):
    basename = "assessment"
    model = Assessment
    member_can_view = False
    read_only_personas = ("auditor",)  # board members may record their own scores
    change = {"score": 3}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Assessment:
        return AssessmentFactory(panel_member=personas.manager)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        application = ApplicationFactory()
        criterion = CriterionFactory(job_role=application.vacancy.job_role)
        return {"application": application.pk, "criterion": criterion.pk, "stage": "shortlisting", "score": 2}


def test_a_board_member_on_the_panel_records_and_changes_only_their_own_scores(personas: Personas) -> None:
    r = recruitment(personas)
    client = api_client(personas.board)
    payload = {"application": r.ann.pk, "criterion": r.essential.pk, "stage": "shortlisting", "score": 2}
    response = client.post("/api/assessments/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["panel_member"] == personas.board.pk

    managers = (
        api_client(personas.manager)
        .post("/api/assessments/", payload | {"application": r.ben.pk}, format="json")
        .json()
    )
    assert client.patch(f"/api/assessments/{managers['id']}/", {"score": 0}, format="json").status_code == 404
    assert client.delete(f"/api/assessments/{managers['id']}/").status_code == 404
    assert client.get(f"/api/assessments/{managers['id']}/").status_code == 200  # reading is fine

    forged = client.post(
        "/api/assessments/", payload | {"application": r.cat.pk, "panel_member": personas.manager.pk}, format="json"
    )
    assert forged.status_code == 400
    assert "only your own" in forged.json()["panel_member"][0]

    outsider = make_user("trustee@hub.test", roles.BOARD)
    refused = api_client(outsider).post("/api/assessments/", payload | {"application": r.cat.pk}, format="json")
    assert refused.status_code == 400
    assert "Only the panel" in refused.json()["panel_member"][0]


def test_the_api_refuses_a_score_outside_the_scale_and_a_criterion_of_another_stage(personas: Personas) -> None:
    r = recruitment(personas)
    client = api_client(personas.board)
    base = {"application": r.ann.pk, "criterion": r.essential.pk, "stage": "shortlisting"}
    assert client.post("/api/assessments/", base | {"score": 4}, format="json").status_code == 400
    wrong = client.post("/api/assessments/", base | {"criterion": r.test_only.pk, "score": 2}, format="json")
    assert wrong.status_code == 400
    assert "not assessed at application" in wrong.json()["criterion"][0]
    assert not Assessment.objects.exists()


def test_offers_are_not_typed_into_the_api(personas: Personas) -> None:
    application = ApplicationFactory()
    response = api_client(personas.manager).patch(
        f"/api/applications/{application.pk}/", {"stage": "appointed"}, format="json"
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.stage == "received"
