"""Factories for eligibility questions and membership applications."""

from __future__ import annotations

import factory
from django.utils import timezone

from consortia.members.choices import ApplicationStatus, QuestionKind, Tier
from consortia.members.models import EligibilityQuestion, MembershipApplication


class EligibilityQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityQuestion

    text = factory.Sequence(lambda n: f"Do you work in Lancashire (question {n})?")
    kind = QuestionKind.YES_NO
    required = True
    expected_answer = "Yes"
    active = True
    order = factory.Sequence(lambda n: n)


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipApplication

    status = ApplicationStatus.SUBMITTED
    organisation_name = factory.Sequence(lambda n: f"Ribble Valley Befriending {n}")
    legal_form = "cio"
    charity_number = factory.Sequence(lambda n: str(1190000 + n))
    address = "1 Church Street\nClitheroe"
    postcode = "BB7 2DD"
    contact_name = "Priya Shah"
    contact_email = factory.Sequence(lambda n: f"priya{n}@befriending.example")
    services = "Befriending for older people living alone."
    tier_requested = Tier.FULL
    submitted_at = factory.LazyFunction(timezone.now)
