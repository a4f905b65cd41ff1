"""Factories for directory records (factory-boy)."""

from __future__ import annotations

import factory

from consortia.directory.models import Contact, Organisation, OrganisationRole


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Community Organisation {n}")
    legal_form = "charity"
    charity_register = "ccew"
    charity_number = factory.Sequence(lambda n: str(1100000 + n))
    town = "Preston"
    postcode = "PR1 2AA"

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create:
            codes = extracted if extracted is not None else ["member"]
            self.roles.set(OrganisationRole.objects.filter(code__in=codes))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    first_name = factory.Sequence(lambda n: f"Sam{n}")
    last_name = factory.Sequence(lambda n: f"Jones{n}")
    job_title = "Services manager"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.LazyAttribute(lambda contact: f"{contact.first_name.lower()}@example.org.uk")
