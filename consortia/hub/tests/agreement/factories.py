"""Factories for service agreements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from consortia.directory.tests.factories import OrganisationFactory
from consortia.hub.choices import AgreementStatus, FeeBasis
from consortia.hub.models import ServiceAgreement


class ServiceAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAgreement

    provider = factory.SubFactory(
        OrganisationFactory, name=factory.Sequence(lambda n: f"Council for Voluntary Service {n}")
    )
    title = factory.Sequence(lambda n: f"Hub services agreement {n}")
    status = AgreementStatus.ACTIVE
    start = date(2023, 4, 1)
    fee = Decimal("38500.00")
    fee_basis = FeeBasis.ANNUAL
    payment_terms = "Invoiced monthly in arrears; paid within 30 days."
