"""Factories for staff members."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from consortia.directory.tests.factories import OrganisationFactory
from consortia.people.models import StaffMember


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    first_name = factory.Sequence(lambda n: f"Alex{n}")
    last_name = factory.Sequence(lambda n: f"Worker{n}")
    employer = factory.SubFactory(OrganisationFactory)
    fte = Decimal("0.6")
    cost_rate = Decimal("20.00")
    start_date = date(2024, 4, 1)
