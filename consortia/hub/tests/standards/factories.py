"""Factories for service standards, readings and procedures, and the hub records they lean on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from consortia.hub.choices import Comparison, DelivererKind, Period, ReviewCadence, Unit
from consortia.hub.models import Deliverer, HubFunction, PerformanceProcedure, ServiceStandard, StandardReading
from consortia.hub.reference import FUNCTIONS


def hub_function(code: str = "performance") -> HubFunction:
    """One of the ten functions (loaded by a migration; made here if a test database lacks it)."""
    names = dict(FUNCTIONS)
    order = [known for known, _ in FUNCTIONS].index(code) + 1
    function, _ = HubFunction.objects.get_or_create(code=code, defaults={"name": names[code], "order": order})
    return function


def deliverer(name: str = "The board", kind: str = DelivererKind.BOARD, organisation: Any = None) -> Deliverer:
    found, _ = Deliverer.objects.get_or_create(name=name, defaults={"kind": kind, "organisation": organisation})
    return found


class ServiceStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceStandard

    function = factory.LazyFunction(hub_function)
    name = factory.Sequence(lambda n: f"Monitoring returns validated within 10 working days ({n})")
    target = Decimal(10)
    comparison = Comparison.AT_MOST
    unit = Unit.WORKING_DAYS
    amber_margin = Decimal(2)
    period = Period.MONTH


class StandardReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardReading

    standard = factory.SubFactory(ServiceStandardFactory)
    period_start = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    value = Decimal("8.50")


class PerformanceProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerformanceProcedure

    name = factory.Sequence(lambda n: f"Quarterly performance review {n}")
    review_cadence = ReviewCadence.QUARTERLY
    reviewed_by = "The board"
    procedure = "The consortium manager reports every standard to the board each quarter."
    escalation = "A standard red for two periods goes to the chair."
    next_review = date(2026, 7, 14)
