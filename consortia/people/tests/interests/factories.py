"""Factories for declared interests."""

from __future__ import annotations

from datetime import date

import factory

from consortia.directory.tests.factories import OrganisationFactory
from consortia.people.choices import InterestNature
from consortia.people.models import DeclaredInterest
from consortia.users.testing import make_user


class DeclaredInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclaredInterest

    person = factory.Sequence(lambda n: make_user(f"person{n}@hub.test"))
    organisation = factory.SubFactory(OrganisationFactory)
    nature = InterestNature.TRUSTEE
    declared_on = date(2025, 1, 6)
