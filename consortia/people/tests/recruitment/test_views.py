"""Vacancies, applications and assessments through the generic view tests."""

from __future__ import annotations

from typing import Any, ClassVar

from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.people.models import Application, Assessment, Vacancy
from consortia.people.tests.recruitment.factories import ApplicationFactory, AssessmentFactory, VacancyFactory
from consortia.people.tests.roles.factories import CriterionFactory, JobRoleFactory
from consortia.people.views.recruitment import ApplicationViews, AssessmentViews, VacancyViews
from consortia.users.testing import Personas


class TestVacancyViews(EditableRecordTests):
    record = VacancyViews
    member_can_view = False
    list_queries = (
        7  # session, user, 2 × permissions, job roles for the filter, count, page (role joined, applications counted)
    )
    concurrent_change: ClassVar[dict[str, Any]] = {"interview_dates": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Vacancy:
        return VacancyFactory(reference=f"REF-{organisation.pk}-{index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        role = JobRoleFactory()
        return {
            "job_role": str(role.pk),
            "reference": "LCP-2026-07",
            "status": "open",
            "opens_on": "2026-03-02",
            "closing_date": "2026-03-30",
            "panel": [str(personas.manager.pk), str(personas.board.pk)],
            "retention_months": "6",
        }


class TestApplicationViews(EditableRecordTests):
    record = ApplicationViews
    member_can_view = False
    list_queries = 7  # session, user, 2 × permissions, vacancies for the filter, count, page (vacancy and role joined)
    concurrent_change: ClassVar[dict[str, Any]] = {"phone": "01632 960999"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Application:
        return ApplicationFactory(first_name=f"Person{index}", last_name=f"Of{organisation.pk}x{index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        vacancy = Vacancy.objects.filter(reference="FORM-VAC").first() or VacancyFactory(reference="FORM-VAC")
        return {
            "vacancy": str(vacancy.pk),
            "first_name": "Jo",
            "last_name": "Bloggs",
            "email": "jo@example.org.uk",
            "received_on": "2026-01-22",
            "stage": "received",
        }


class TestAssessmentViews(EditableRecordTests):
    record = AssessmentViews
    member_can_view = False
    # Board members may record their own scores, so only the auditor is read-only here.
    read_only_personas = ("auditor",)
    list_queries = 7  # session, user, 2 × permissions, vacancies for the filter, count, page (all joined)
    concurrent_change: ClassVar[dict[str, Any]] = {"comment": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Assessment:
        application = ApplicationFactory(first_name=f"Scored{index}", last_name=f"Of{organisation.pk}")
        application.vacancy.panel.add(personas.board)
        return AssessmentFactory(application=application, panel_member=personas.manager, score=index % 4)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        application = Application.objects.filter(first_name="Formy").first() or ApplicationFactory(first_name="Formy")
        criterion = CriterionFactory(job_role=application.vacancy.job_role)
        return {
            "application": str(application.pk),
            "criterion": str(criterion.pk),
            "stage": "shortlisting",
            "panel_member": str(personas.manager.pk),
            "score": "2",
            "comment": "Good examples.",
        }
