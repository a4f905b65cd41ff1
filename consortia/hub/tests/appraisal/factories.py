"""Factories for the options appraisal's records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import factory

from consortia.hub.models import Appraisal, AppraisalCriterion, AppraisalScore, DeliveryModel, HubDecision
from consortia.hub.services.appraisal import open_appraisal


def delivery_model(code: str = "central") -> DeliveryModel:
    """One of the four delivery models (loaded by a migration)."""
    return DeliveryModel.objects.get(code=code)


class DeliveryModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryModel

    code = factory.Sequence(lambda n: f"model-{n}")
    name = factory.Sequence(lambda n: f"Shared hub model {n}")
    summary = "Two consortia share one hub team."
    advantages = "Lower cost\nShared expertise"
    disadvantages = "Divided attention"
    order = 100


class AppraisalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appraisal
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"How should our hub be delivered? ({n})")
    purpose = "To recommend a hub model to the board."
    scale_max = 5

    @factory.post_generation
    def prepared(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            open_appraisal(self, None)

    @factory.post_generation
    def scorers(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.scorers.set(extracted)


class AppraisalCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppraisalCriterion

    appraisal = factory.SubFactory(AppraisalFactory)
    name = factory.Sequence(lambda n: f"Value for money {n}")
    weight = Decimal(2)


class AppraisalScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppraisalScore

    criterion = factory.SubFactory(AppraisalCriterionFactory)
    option = factory.LazyAttribute(lambda score: score.criterion.appraisal.options.order_by("order").first())
    score = 3


class HubDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubDecision

    chosen_model = factory.LazyFunction(lambda: delivery_model("central"))
    decided_on = date(2023, 6, 14)
    decided_by = "The board, at its meeting of 14/06/2023"
    minute_reference = factory.Sequence(lambda n: f"B/23/{n:02d}")
    rationale = "The board wants staff who work only for the consortium."
