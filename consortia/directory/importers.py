"""Importers for organisations and contacts (Consortia's own columns)."""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from consortia.core.imports import Importer
from consortia.directory import identifiers
from consortia.directory.choices import CharityRegister, LegalForm
from consortia.directory.forms import ContactForm, OrganisationForm
from consortia.directory.models import Area, Contact, Organisation, OrganisationRole, guess_register


class OrganisationImporter(Importer):
    """Organisations in Consortia's own columns; matched to existing ones by their identifiers."""

    name = "consortia"
    label = "Organisations in Consortia's columns (CSV or Excel)"
    model = Organisation
    form = OrganisationForm
    columns = {
        "name": "name",
        "other names": "other_names",
        "legal form": "legal_form",
        "roles": "roles",
        "charity number": "charity_number",
        "charity register": "charity_register",
        "company number": "company_number",
        "ppon": "ppon",
        "address line 1": "address_line_1",
        "address line 2": "address_line_2",
        "town": "town",
        "county": "county",
        "postcode": "postcode",
        "local authority": "area",
        "website": "website",
        "email": "email",
        "phone": "phone",
        "notes": "notes",
    }
    required_columns = {"name"}
    signature = {"name", "roles"}
    help_text = (
        "Roles are separated by semicolons (member; commissioner). Legal form, charity register and local "
        "authority can be given by name or code. Rows are matched to existing organisations by charity, "
        "company or PPON number."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roles = {code: pk for pk, code in OrganisationRole.objects.values_list("pk", "code")}
        self.roles.update({name.lower(): pk for pk, name in OrganisationRole.objects.values_list("pk", "name")})
        self.areas: dict[str, int] = {}
        for pk, code, name in Area.objects.values_list("pk", "code", "name"):
            self.areas[code.lower()] = pk
            self.areas.setdefault(name.lower(), pk)

    def transform(self, row: dict[str, str], number: int) -> dict[str, Any] | None:
        data: dict[str, Any] = super().transform(row, number) or {}
        if "roles" in data:
            names = [part.strip().lower() for part in data["roles"].replace(",", ";").split(";") if part.strip()]
            # An unknown role is passed through as text so the form reports it against the column.
            data["roles"] = [self.roles.get(name, name) for name in names]
        if "legal_form" in data:
            data["legal_form"] = _choice(LegalForm, data["legal_form"])
        if "charity_register" in data:
            data["charity_register"] = _choice(CharityRegister, data["charity_register"])
        if data.get("charity_number") and not data.get("charity_register"):
            data["charity_register"] = guess_register(data["charity_number"])
        if data.get("area"):
            data["area"] = self.areas.get(data["area"].lower(), data["area"])
        return data

    def keys(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        return organisation_keys(data)

    def index_existing(self) -> dict[str, models.Model]:
        return index_organisations(self.visible(Organisation.objects.all(), "change"))

    def taken_keys(self) -> dict[str, Any] | None:
        # Every organisation's numbers, visible to this user or not: a number is unique across
        # the directory. Only the key and id are read, and the row is told nothing more.
        taken: dict[str, Any] = {}
        numbers = Organisation.objects.exclude(charity_number="", company_number="", ppon="")
        for pk, register, charity, company, ppon in numbers.values_list(
            "pk", "charity_register", "charity_number", "company_number", "ppon"
        ):
            if charity:
                taken[f"charity:{register}:{charity}"] = pk
            if company:
                taken[f"company_number:{company}"] = pk
            if ppon:
                taken[f"ppon:{ppon}"] = pk
        return taken


def organisation_keys(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(column, key) for each identifier in the row, normalised as stored; bad values give none."""
    keys = []
    number = data.get("charity_number") or ""
    if number:
        register = data.get("charity_register") or guess_register(number)
        with contextlib.suppress(ValidationError):  # the form reports a bad number
            keys.append(
                ("charity number", f"charity:{register}:{identifiers.normalise_charity_number(number, register)}")
            )
    for column, field, normalise in (
        ("company number", "company_number", identifiers.normalise_company_number),
        ("ppon", "ppon", identifiers.normalise_ppon),
    ):
        if data.get(field):
            with contextlib.suppress(ValidationError):
                keys.append((column, f"{field}:{normalise(data[field])}"))
    if not keys and data.get("name"):
        # With no identifier to go on, the exact name is the best match there is.
        keys.append(("name", f"name:{data['name'].strip().lower()}"))
    return keys


def index_organisations(organisations: Any) -> dict[str, models.Model]:
    index: dict[str, models.Model] = {}
    for organisation in organisations:
        index.setdefault(f"name:{organisation.name.strip().lower()}", organisation)
        if organisation.charity_number:
            index[f"charity:{organisation.charity_register}:{organisation.charity_number}"] = organisation
        if organisation.company_number:
            index[f"company_number:{organisation.company_number}"] = organisation
        if organisation.ppon:
            index[f"ppon:{organisation.ppon}"] = organisation
    return index


def _choice(choices: type[models.TextChoices], value: str) -> str:
    wanted = value.strip().lower()
    for code, label in choices.choices:
        if wanted in (code, str(label).lower()):
            return code
    return value


class ContactImporter(Importer):
    """Contacts, each tied to an organisation named by its org-id, charity/company number or exact name."""

    name = "consortia"
    label = "Contacts in Consortia's columns (CSV or Excel)"
    model = Contact
    form = ContactForm
    columns = {
        "first name": "first_name",
        "last name": "last_name",
        "job title": "job_title",
        "organisation": "organisation",
        "email": "email",
        "phone": "phone",
        "preferred contact": "preferred_contact",
        "consent": "consent",
        "consent date": "consent_date",
        "consent source": "consent_source",
        "notes": "notes",
    }
    required_columns = {"first name", "last name", "organisation"}
    signature = {"first name", "last name", "organisation"}
    help_text = "Organisation is its org-id (GB-CHC-1234567), charity or company number, or exact name. Contacts are matched by e-mail address within their organisation."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations: dict[str, int] = {}
        for pk, name, org_id, charity, company in self.visible(Organisation.objects.all()).values_list(
            "pk", "name", "org_id", "charity_number", "company_number"
        ):
            for key in (name, org_id, charity, company):
                if key:
                    self.organisations.setdefault(key.lower(), pk)

    def transform(self, row: dict[str, str], number: int) -> dict[str, Any] | None:
        data: dict[str, Any] = super().transform(row, number) or {}
        if data.get("organisation"):
            data["organisation"] = self.organisations.get(data["organisation"].lower(), data["organisation"])
        if "consent" in data:
            data["consent"] = "on" if data["consent"].lower() in ("yes", "y", "true", "1") else ""
        if "preferred_contact" in data:
            data["preferred_contact"] = data["preferred_contact"].lower().replace("-", "") or "email"
        if "consent_source" in data:
            data["consent_source"] = data["consent_source"].lower()
        if "email" in data:
            data["email"] = data["email"].lower()
        return data

    def keys(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        if data.get("email"):
            return [("email", f"{data.get('organisation')}:{data['email']}")]
        return []

    def index_existing(self) -> dict[str, models.Model]:
        return {
            f"{contact.organisation_id}:{contact.email.lower()}": contact
            for contact in Contact.objects.exclude(email="")
        }
