"""Factories for the business plan and its parts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from consortia.hub.choices import Comparison, Period, PlanStatus, Unit
from consortia.hub.models import BusinessPlan, PlanIndicator, PlanIndicatorReading, PlanObjective, PlanReview


class BusinessPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessPlan

    title = factory.Sequence(lambda n: f"Business plan 2026 to 2029 ({n})")
    period_start = date(2026, 4, 1)
    period_end = date(2029, 3, 31)
    status = PlanStatus.DRAFT


class PlanObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanObjective

    plan = factory.SubFactory(BusinessPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Win more contracts for members ({n})")
    description = "Bid as one for the public contracts no member could win alone."


class PlanIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanIndicator

    objective = factory.SubFactory(PlanObjectiveFactory)
    name = factory.Sequence(lambda n: f"Contracts won ({n})")
    unit = Unit.COUNT
    baseline = Decimal(0)
    target = Decimal(6)
    direction = Comparison.AT_LEAST
    tolerance = Decimal(2)
    target_date = date(2027, 3, 31)
    period = Period.QUARTER


class PlanIndicatorReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanIndicatorReading

    indicator = factory.SubFactory(PlanIndicatorFactory)
    date = factory.Sequence(lambda n: date(2026, 6, 30).replace(day=1 + n % 28))
    value = Decimal(3)


class PlanReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanReview

    plan = factory.SubFactory(BusinessPlanFactory)
    reviewed_on = date(2026, 9, 15)
    reviewed_by = "The board, at its meeting of 15/09/2026"
    summary = "Good progress on bidding; membership behind target."
    minute_reference = "B26/41"
