"""Factories for the capabilities area."""

from __future__ import annotations

from datetime import date

import factory

from consortia.directory.tests.factories import OrganisationFactory
from consortia.members.models import Capability, CaseStudy, ClientGroup, QualityMark, ServiceCategory


class ServiceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCategory

    name = factory.Sequence(lambda n: f"Test service {n}")
    code = factory.Sequence(lambda n: f"test-service-{n}")
    cpv_codes = "85320000-8"
    order = 900


class ClientGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientGroup

    name = factory.Sequence(lambda n: f"Test group {n}")
    order = 900


class CapabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Capability
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    category = factory.SubFactory(ServiceCategoryFactory)
    description = "Drop-in and outreach."
    clients_per_year = 200

    @factory.post_generation
    def client_groups(self, create: bool, extracted: list[ClientGroup] | None, **kwargs: object) -> None:
        if create and extracted:
            self.client_groups.set(extracted)

    @factory.post_generation
    def areas(self, create: bool, extracted: list[object] | None, **kwargs: object) -> None:
        if create and extracted:
            self.areas.set(extracted)


class QualityMarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualityMark

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Trusted Charity {n}")
    awarded_on = date(2024, 1, 1)
    expires_on = date(2030, 1, 1)


class CaseStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseStudy

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Getting people back to work {n}")
    year = 2025
    summary = "We supported 120 people into work."
