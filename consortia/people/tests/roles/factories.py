"""Factories for job roles and person specification criteria (factory-boy)."""

from __future__ import annotations

from decimal import Decimal

import factory

from consortia.people.choices import ContractType, CriterionCategory, Requirement
from consortia.people.models import JobRole, PersonSpecCriterion


class JobRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobRole

    title = factory.Sequence(lambda n: f"Hub Role {n}")
    purpose = "To help run the consortium's hub."
    hours_per_week = Decimal("37.5")
    fte = Decimal("1.00")
    salary_from = Decimal("30000")
    salary_to = Decimal("33000")
    contract_type = ContractType.PERMANENT
    location = "Preston"


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonSpecCriterion

    job_role = factory.SubFactory(JobRoleFactory)
    category = CriterionCategory.EXPERIENCE
    text = factory.Sequence(lambda n: f"Experience of consortium work, number {n}")
    requirement = Requirement.ESSENTIAL
    at_application = True
    at_test = False
    at_interview = True
    order = factory.Sequence(lambda n: n)
