"""Organisations, their contacts, and the areas they work in."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel
from consortia.directory import identifiers
from consortia.directory.choices import (
    AreaKind,
    CharityRegister,
    ConsentSource,
    LegalForm,
    OrganisationRoleCode,
    PreferredContact,
)


class Area(BaseModel):
    """A UK country, region, ITL1 region, county or local authority, with its ONS code.

    Reference data loaded from `directory/data/areas.csv` by a migration; not edited in the app.
    """

    organisation_field: ClassVar[str | None] = None
    shared_reference: ClassVar[bool] = True

    code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=AreaKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationRole(models.Model):
    """A role an organisation plays for the consortium (member, commissioner, funder…)."""

    code = models.CharField(max_length=20, unique=True, choices=OrganisationRoleCode.choices)
    name = models.CharField(max_length=50)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Organisation(BaseModel):
    """Any organisation the consortium deals with: one record whatever roles it plays.

    Identifier fields are a little longer than the values they store so that "sc 123456" can
    be typed and then normalised by clean(), rather than refused for its spaces.
    """

    name = models.CharField(max_length=255, db_index=True)
    other_names = models.TextField(
        "other names", blank=True, help_text="Former names, trading names or abbreviations, one per line."
    )
    legal_form = models.CharField("legal form", max_length=20, choices=LegalForm.choices, blank=True)
    charity_number = models.CharField("charity number", max_length=12, blank=True)
    charity_register = models.CharField(
        "charity register",
        max_length=4,
        choices=CharityRegister.choices,
        blank=True,
        help_text="Which regulator the charity number belongs to.",
    )
    company_number = models.CharField("company number", max_length=12, blank=True)
    ppon = models.CharField(
        "PPON", max_length=20, blank=True, help_text="Public Procurement Organisation Number (Procurement Act 2023)."
    )
    org_id = models.CharField(
        "org-id",
        max_length=40,
        blank=True,
        editable=False,
        help_text="Worked out from the charity, company or PPON number, e.g. GB-CHC-1234567.",
    )
    address_line_1 = models.CharField("address line 1", max_length=200, blank=True)
    address_line_2 = models.CharField("address line 2", max_length=200, blank=True)
    town = models.CharField("town or city", max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=16, blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name="local authority area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    website = models.URLField(blank=True)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField(max_length=30, blank=True)
    roles = models.ManyToManyField(
        OrganisationRole,
        blank=True,
        related_name="organisations",
        help_text="What it is to the consortium; it can be several.",
    )
    notes = models.TextField(blank=True)

    organisation_field: ClassVar[str | None] = "pk"

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["charity_register", "charity_number"],
                condition=~Q(charity_number=""),
                name="directory_org_unique_charity",
                violation_error_message="Another organisation already has this charity number.",
            ),
            models.UniqueConstraint(
                fields=["company_number"],
                condition=~Q(company_number=""),
                name="directory_org_unique_company",
                violation_error_message="Another organisation already has this company number.",
            ),
            models.UniqueConstraint(
                fields=["ppon"],
                condition=~Q(ppon=""),
                name="directory_org_unique_ppon",
                violation_error_message="Another organisation already has this PPON.",
            ),
        ]
        indexes = [models.Index(fields=["org_id"]), models.Index(fields=["postcode"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.charity_number and not self.charity_register:
            self.charity_register = guess_register(self.charity_number)
        for field, check in (
            ("postcode", identifiers.normalise_postcode),
            ("company_number", identifiers.normalise_company_number),
            ("ppon", identifiers.normalise_ppon),
        ):
            try:
                setattr(self, field, check(getattr(self, field)))
            except ValidationError as error:
                errors[field] = error.messages[0]
        try:
            self.charity_number = identifiers.normalise_charity_number(self.charity_number, self.charity_register)
        except ValidationError as error:
            errors["charity_number"] = error.messages[0]
        if self.charity_register and not self.charity_number:
            self.charity_register = ""
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        # org_id is derived, never typed; keeping it stored lets imports match on it with an index.
        self.org_id = identifiers.org_id(self.charity_number, self.charity_register, self.company_number, self.ppon)
        super().save(*args, **kwargs)


def guess_register(number: str) -> str:
    compact = number.strip().upper()
    if compact.startswith("SC"):
        return CharityRegister.SCOTLAND
    if compact.startswith("NIC"):
        return CharityRegister.NORTHERN_IRELAND
    return CharityRegister.ENGLAND_WALES


class Contact(BaseModel):
    """A person at an organisation, with their consent to be contacted."""

    first_name = models.CharField("first name", max_length=100)
    last_name = models.CharField("last name", max_length=100)
    job_title = models.CharField("job title", max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contacts")
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField(max_length=30, blank=True)
    preferred_contact = models.CharField(
        "preferred way to contact", max_length=10, choices=PreferredContact.choices, default=PreferredContact.EMAIL
    )
    consent = models.BooleanField("consents to be contacted", default=False)
    consent_date = models.DateField("date consent given", null=True, blank=True)
    consent_source = models.CharField("how consent was given", max_length=20, choices=ConsentSource.choices, blank=True)
    notes = models.TextField(blank=True)

    organisation_field: ClassVar[str | None] = "organisation"

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        indexes = [models.Index(fields=["last_name", "first_name"]), models.Index(fields=["email"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self) -> None:
        super().clean()
        if self.consent:
            errors = {}
            if not self.consent_date:
                errors["consent_date"] = "Say when consent was given."
            if not self.consent_source:
                errors["consent_source"] = "Say how consent was given."
            if errors:
                raise ValidationError(errors)
        if self.preferred_contact == PreferredContact.EMAIL and not self.email and self.consent:
            raise ValidationError({"email": "E-mail is the preferred way to contact them, so give an address."})
