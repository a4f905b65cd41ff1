"""Factories for workplan items."""

from __future__ import annotations

from datetime import date

import factory

from consortia.hub.models import WorkplanItem
from consortia.hub.tests.standards.factories import hub_function


class WorkplanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkplanItem

    function = factory.LazyFunction(lambda: hub_function("membership"))
    activity = factory.Sequence(lambda n: f"Recruit the first members, round {n}")
    start_month = date(2026, 4, 1)
    end_month = date(2026, 6, 1)
    milestone = "Twenty members signed up"
    success_measure = "Due diligence complete for each"
