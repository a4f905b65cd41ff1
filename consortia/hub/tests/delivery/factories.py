"""Factories for the hub's functions, tasks, deliverers and allocations."""

from __future__ import annotations

from decimal import Decimal

import factory

from consortia.hub.choices import DelivererKind, Raci
from consortia.hub.models import Deliverer, HubFunction, HubTask, TaskAllocation
from consortia.people.models import JobRole


def function(code: str = "bidding") -> HubFunction:
    """One of the ten functions (loaded by a migration)."""
    return HubFunction.objects.get(code=code)


class HubFunctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubFunction

    code = factory.Sequence(lambda n: f"extra-{n}")
    name = factory.Sequence(lambda n: f"Extra function {n}")
    purpose = "Work the guidance does not list."
    order = 200


class HubTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubTask

    function = factory.LazyFunction(function)
    name = factory.Sequence(lambda n: f"Chase missing bid answers {n}")
    order = 500


class JobRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobRole
        django_get_or_create = ("title",)

    title = factory.Sequence(lambda n: f"Hub Officer {n}")
    purpose = "Supports the consortium's members and bids."
    hours_per_week = Decimal(30)
    fte = Decimal("0.80")


class DelivererFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverer

    kind = DelivererKind.COMMITTEE
    name = factory.Sequence(lambda n: f"Working group {n}")
    hours_per_month = Decimal(10)


class TaskAllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskAllocation

    task = factory.SubFactory(HubTaskFactory)
    deliverer = factory.SubFactory(DelivererFactory)
    raci = Raci.RESPONSIBLE
    hours_per_month = Decimal(2)
