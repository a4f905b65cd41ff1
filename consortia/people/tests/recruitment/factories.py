"""Factories and a worked set-up for recruitment tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import factory

from consortia.people.choices import Requirement, VacancyStatus
from consortia.people.models import Application, Assessment, PersonSpecCriterion, Vacancy
from consortia.people.tests.roles.factories import CriterionFactory, JobRoleFactory
from consortia.users.testing import Personas


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy
        skip_postgeneration_save = True

    job_role = factory.SubFactory(JobRoleFactory)
    reference = factory.Sequence(lambda n: f"VAC-{n:04d}")
    status = VacancyStatus.SHORTLISTING
    opens_on = date(2026, 1, 5)
    closing_date = date(2026, 2, 2)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    vacancy = factory.SubFactory(VacancyFactory)
    first_name = factory.Sequence(lambda n: f"Applicant{n}")
    last_name = factory.Sequence(lambda n: f"Surname{n}")
    email = factory.LazyAttribute(lambda application: f"{application.first_name.lower()}@example.org.uk")
    phone = "01632 960001"
    received_on = date(2026, 1, 20)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    application = factory.SubFactory(ApplicationFactory)
    criterion = factory.LazyAttribute(lambda row: CriterionFactory(job_role=row.application.vacancy.job_role))
    panel_member = None  # give one
    stage = "shortlisting"
    score = 2


@dataclass
class Recruitment:
    """A vacancy with three criteria, a panel of the manager and the chair, and three applicants."""

    vacancy: Vacancy
    essential: PersonSpecCriterion  # at application and interview
    desirable: PersonSpecCriterion  # at application only
    test_only: PersonSpecCriterion  # essential, by a test only
    ann: Application
    ben: Application
    cat: Application


def recruitment(personas: Personas, **vacancy: object) -> Recruitment:
    role = JobRoleFactory(title=f"Recruited Role {Vacancy.objects.count()}")
    essential = CriterionFactory(job_role=role, text="Has run a consortium hub", order=1)
    desirable = CriterionFactory(
        job_role=role,
        text="Knows Lancashire's commissioners",
        requirement=Requirement.DESIRABLE,
        at_interview=False,
        order=2,
    )
    test_only = CriterionFactory(
        job_role=role,
        text="Writes clearly under time pressure",
        at_application=False,
        at_interview=False,
        at_test=True,
        order=3,
    )
    vacancy_row = VacancyFactory(job_role=role, **vacancy)
    vacancy_row.panel.set([personas.manager, personas.board])
    return Recruitment(
        vacancy_row,
        essential,
        desirable,
        test_only,
        ApplicationFactory(vacancy=vacancy_row, first_name="Ann", last_name="Able"),
        ApplicationFactory(vacancy=vacancy_row, first_name="Ben", last_name="Brook"),
        ApplicationFactory(vacancy=vacancy_row, first_name="Cat", last_name="Cole"),
    )
