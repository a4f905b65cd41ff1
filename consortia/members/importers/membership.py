"""Members and their capabilities from the spreadsheet a consortium keeps today.

One row a member: the organisation (matched to the directory, never created here), its tier,
status, dates and fee, and what it delivers (service categories by name or code), for whom
(client groups) and where (local authority areas), each list separated by semicolons.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from consortia.core.imports import Importer
from consortia.directory import identifiers
from consortia.directory.models import Area, Organisation, guess_register
from consortia.members.choices import MembershipStatus, Tier
from consortia.members.forms.membership import MembershipForm
from consortia.members.models import Capability, ClientGroup, Membership, ServiceCategory

NO_ORGANISATION = (
    "No organisation in the directory matches this row's charity number, company number, or name and "
    "postcode. Add the organisation to the directory first: this import does not create organisations."
)


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace("\n", ";").split(";") if part.strip()]


def _lookup(text: str, known: dict[str, Any], what: str) -> list[Any]:
    found, unknown = [], []
    for part in _split(text):
        item = known.get(part.lower())
        if item is None:
            unknown.append(part)
        elif item not in found:
            found.append(item)
    if unknown:
        raise ValidationError(f"Unknown {what}: {', '.join(unknown)}.")
    return found


class MembershipImportForm(MembershipForm):
    """A membership row, plus its capabilities: written in save_m2m() after the membership."""

    services = forms.CharField(required=False)
    client_groups = forms.CharField(required=False)
    areas = forms.CharField(required=False)

    class Meta(MembershipForm.Meta):
        error_messages = {"organisation": {"required": NO_ORGANISATION, "invalid_choice": NO_ORGANISATION}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories: dict[str, ServiceCategory] = {}
        for category in ServiceCategory.objects.all():
            self.categories[category.code.lower()] = category
            self.categories[category.name.lower()] = category
        self.groups = {group.name.lower(): group for group in ClientGroup.objects.all()}
        self.places: dict[str, Area] = {}
        for area in Area.objects.all():
            self.places[area.code.lower()] = area
            self.places.setdefault(area.name.lower(), area)

    def clean_services(self) -> list[ServiceCategory]:
        return _lookup(self.cleaned_data.get("services", ""), self.categories, "service category")

    def clean_client_groups(self) -> list[ClientGroup]:
        return _lookup(self.cleaned_data.get("client_groups", ""), self.groups, "client group")

    def clean_areas(self) -> list[Area]:
        return _lookup(self.cleaned_data.get("areas", ""), self.places, "area")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("client_groups") or data.get("areas")) and not data.get("services") and "services" in self.fields:
            self.add_error("services", "Name the services the client groups and areas are for.")
        return data

    def _wanted(self) -> list[tuple[ServiceCategory, set[int] | None, set[int] | None]]:
        groups = {g.pk for g in self.cleaned_data["client_groups"]} if "client_groups" in self.fields else None
        areas = {a.pk for a in self.cleaned_data["areas"]} if "areas" in self.fields else None
        return [(category, groups, areas) for category in self.cleaned_data.get("services") or []]

    def has_related_changes(self) -> bool:
        organisation = self.cleaned_data.get("organisation")
        if organisation is None:
            return False
        existing = {
            c.category_id: c
            for c in Capability.objects.filter(organisation=organisation).prefetch_related("client_groups", "areas")
        }
        for category, groups, areas in self._wanted():
            capability = existing.get(category.pk)
            if capability is None:
                return True
            if groups is not None and groups != {g.pk for g in capability.client_groups.all()}:
                return True
            if areas is not None and areas != {a.pk for a in capability.areas.all()}:
                return True
        return False

    def _save_m2m(self) -> None:
        super()._save_m2m()  # type: ignore[misc]
        organisation = self.instance.organisation
        for category, groups, areas in self._wanted():
            capability = Capability.objects.filter(organisation=organisation, category=category).first()
            if capability is None:
                capability = Capability(organisation=organisation, category=category)
                capability.stamp(self.user)
                capability.save()
            if groups is not None:
                capability.client_groups.set(groups)
            if areas is not None:
                capability.areas.set(areas)


def _choice(choices: type[models.TextChoices], value: str) -> str:
    wanted = value.strip().lower()
    for code, label in choices.choices:
        if wanted in (code, str(label).lower()) or str(label).lower().startswith(wanted + " "):
            return code
    return value


class MembershipImporter(Importer):
    """Members (and their capabilities), matched to the directory by charity number, company number,
    or name and postcode."""

    name = "members"
    label = "Members and their services (CSV or Excel)"
    model = Membership
    form = MembershipImportForm
    columns = {
        "organisation": "organisation",
        "charity number": "charity_number",
        "company number": "company_number",
        "postcode": "postcode",
        "tier": "tier",
        "status": "status",
        "joined": "joined_on",
        "renewal due": "renewal_due",
        "left": "left_on",
        "annual fee": "annual_fee",
        "fee paid": "fee_paid",
        "paid staff": "staff_count",
        "volunteers": "volunteer_count",
        "languages": "languages",
        "services": "services",
        "client groups": "client_groups",
        "areas": "areas",
    }
    required_columns = {"organisation"}
    signature = {"organisation", "tier"}
    help_text = (
        "One row a member. The organisation must already be in the directory: it is matched by charity "
        "number, company number, or name and postcode. Tier (full, associate, partner) and status (active, "
        "suspended, lapsed, left) by name. Dates as DD/MM/YYYY. Fee paid is yes or no. Services (service "
        "categories by name or code), client groups and areas (local authorities by name or code) are "
        "separated by semicolons; each service gets the row's client groups and areas."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations: dict[str, int] = {}
        for pk, name, postcode, register, charity, company in self.visible(Organisation.objects.all()).values_list(
            "pk", "name", "postcode", "charity_register", "charity_number", "company_number"
        ):
            if charity:
                self.organisations[f"charity:{register}:{charity}"] = pk
            if company:
                self.organisations[f"company:{company}"] = pk
            self.organisations.setdefault(f"name:{name.strip().lower()}:{_postcode(postcode)}", pk)

    def find_organisation(self, data: dict[str, Any]) -> int | None:
        charity = data.pop("charity_number", "")
        company = data.pop("company_number", "")
        postcode = data.pop("postcode", "")
        name = data.get("organisation", "")
        if charity:
            with contextlib.suppress(ValidationError):
                register = guess_register(charity)
                number = identifiers.normalise_charity_number(charity, register)
                if f"charity:{register}:{number}" in self.organisations:
                    return self.organisations[f"charity:{register}:{number}"]
        if company:
            with contextlib.suppress(ValidationError):
                key = f"company:{identifiers.normalise_company_number(company)}"
                if key in self.organisations:
                    return self.organisations[key]
        return self.organisations.get(f"name:{name.strip().lower()}:{_postcode(postcode)}")

    def transform(self, row: dict[str, str], number: int) -> dict[str, Any] | None:
        data: dict[str, Any] = super().transform(row, number) or {}
        found = self.find_organisation(data)
        data["organisation"] = found or ""
        if "tier" in data:
            data["tier"] = _choice(Tier, data["tier"]) if data["tier"] else Tier.FULL
        if "status" in data:
            data["status"] = _choice(MembershipStatus, data["status"]) if data["status"] else MembershipStatus.ACTIVE
        if "fee_paid" in data:
            data["fee_paid"] = "on" if data["fee_paid"].lower() in ("yes", "y", "true", "1", "paid") else ""
        if "annual_fee" in data:
            data["annual_fee"] = data["annual_fee"].replace("£", "").replace(",", "").strip() or "0"
        return data

    def keys(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        if data.get("organisation"):
            return [("organisation", f"organisation:{data['organisation']}")]
        return []

    def index_existing(self) -> dict[str, models.Model]:
        return {
            f"organisation:{membership.organisation_id}": membership
            for membership in self.visible(Membership.objects.all(), "change")
        }


def _postcode(value: str) -> str:
    return "".join((value or "").split()).upper()
