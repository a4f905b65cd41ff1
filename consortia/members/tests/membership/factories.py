"""Factories for memberships and development actions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.members.choices import MembershipStatus, Tier
from consortia.members.models import DevelopmentAction, Membership


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    tier = Tier.FULL
    status = MembershipStatus.ACTIVE
    joined_on = date(2024, 4, 1)
    renewal_due = date(2027, 4, 1)
    annual_fee = Decimal("150.00")
    fee_paid = True
    staff_count = 12
    volunteer_count = 40


def membership_for(organisation: Organisation, **values: object) -> Membership:
    """The organisation's membership (a membership is one an organisation): made if it has none."""
    existing = Membership.objects.filter(organisation=organisation).first()
    return existing or MembershipFactory(organisation=organisation, **values)


class DevelopmentActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentAction

    membership = factory.SubFactory(MembershipFactory)
    action = factory.Sequence(lambda n: f"Adopt a safeguarding policy ({n})")
    due_on = date(2026, 6, 30)
