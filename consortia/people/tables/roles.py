"""Tables of job roles and person specification criteria."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.people.models import JobRole, PersonSpecCriterion


class JobRoleTable(BaseTable):
    title = tables.Column(linkify=True)
    reports_to = tables.Column(verbose_name="Reports to")
    hours_per_week = tables.Column(verbose_name="Hours a week")
    fte = tables.Column(verbose_name="FTE")
    contract_type = tables.Column(verbose_name="Contract")
    status = tables.Column()

    class Meta(BaseTable.Meta):
        model = JobRole
        fields = ("title", "reports_to", "hours_per_week", "fte", "contract_type", "status")


class PersonSpecCriterionTable(BaseTable):
    text = tables.Column(linkify=True, verbose_name="Criterion")
    job_role = tables.Column(linkify=True, verbose_name="Job role")
    category = tables.Column()
    requirement = tables.Column(verbose_name="Essential or desirable")
    at_application = tables.BooleanColumn(verbose_name="Application")
    at_test = tables.BooleanColumn(verbose_name="Test")
    at_interview = tables.BooleanColumn(verbose_name="Interview")

    class Meta(BaseTable.Meta):
        model = PersonSpecCriterion
        fields = ("text", "job_role", "category", "requirement", "at_application", "at_test", "at_interview")
