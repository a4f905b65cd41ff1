"""Tables of vacancies, applications and assessments."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.people.models import Application, Assessment, Vacancy


class VacancyTable(BaseTable):
    vacancy = tables.Column(linkify=True, accessor="reference", order_by=("reference",), verbose_name="Vacancy")
    status = tables.Column()
    opens_on = tables.DateColumn(verbose_name="Opens")
    closing_date = tables.DateColumn(verbose_name="Closes")
    application_count = tables.Column(verbose_name="Applications")

    class Meta(BaseTable.Meta):
        model = Vacancy
        fields = ("vacancy", "status", "opens_on", "closing_date", "application_count")

    def render_vacancy(self, record: Vacancy) -> str:
        return str(record)

    def value_vacancy(self, record: Vacancy) -> str:
        return str(record)


class ApplicationTable(BaseTable):
    name = tables.Column(
        linkify=True, accessor="last_name", order_by=("last_name", "first_name"), verbose_name="Applicant"
    )
    vacancy = tables.Column(linkify=True)
    received_on = tables.DateColumn(verbose_name="Received")
    stage = tables.Column()
    email = tables.EmailColumn()

    class Meta(BaseTable.Meta):
        model = Application
        fields = ("name", "vacancy", "received_on", "stage", "email")

    def render_name(self, record: Application) -> str:
        return str(record)

    def value_name(self, record: Application) -> str:
        return str(record)


class AssessmentTable(BaseTable):
    assessment = tables.Column(
        linkify=True, accessor="pk", order_by=("application__last_name", "criterion__order"), verbose_name="Assessment"
    )
    stage = tables.Column()
    panel_member = tables.Column(verbose_name="Panel member")
    score = tables.Column()

    class Meta(BaseTable.Meta):
        model = Assessment
        fields = ("assessment", "stage", "panel_member", "score")

    def render_assessment(self, record: Any) -> str:
        return str(record)

    def value_assessment(self, record: Any) -> str:
        return str(record)
