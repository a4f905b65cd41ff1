"""Factories for timesheets, their lines, recharges, and the hub functions they are spent on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from consortia.directory.tests.factories import OrganisationFactory
from consortia.hub.models import HubFunction, HubTask
from consortia.people.models import Recharge, Timesheet, TimesheetEntry
from consortia.people.tests.staff.factories import StaffMemberFactory

MONDAY = date(2025, 3, 3)


class HubFunctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubFunction
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-function-{n}")
    name = factory.Sequence(lambda n: f"Test function {n}")
    order = factory.Sequence(lambda n: 1000 + n)


class HubTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubTask

    function = factory.SubFactory(HubFunctionFactory)
    name = factory.Sequence(lambda n: f"Test task {n}")


class TimesheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Timesheet

    staff = factory.SubFactory(StaffMemberFactory)
    week_start = MONDAY


class TimesheetEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimesheetEntry

    timesheet = factory.SubFactory(TimesheetFactory)
    function = factory.SubFactory(HubFunctionFactory)
    mon = Decimal("7.5")


class RechargeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recharge

    employer = factory.SubFactory(OrganisationFactory)
    period_start = date(2025, 1, 1)
    period_end = date(2025, 3, 31)
    amount = Decimal("1000.00")
