"""Factories for the pipeline."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import factory

from consortia.opportunities.choices import PipelineStage
from consortia.opportunities.models import Opportunity


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    title = factory.Sequence(lambda n: f"Community advice service {n}")
    description = "Advice on welfare benefits and debt across the county."
    value = Decimal("250000.00")
    submission_deadline = datetime(2026, 12, 14, 12, 0, tzinfo=UTC)
    stage = PipelineStage.IDENTIFIED
