"""Rows for the portal's tests: a member's membership, capabilities and evidence."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.directory.models import Organisation
from consortia.members.choices import EvidenceStatus, Tier
from consortia.members.models import (
    Capability,
    CaseStudy,
    ClientGroup,
    Evidence,
    Membership,
    QualityMark,
    Requirement,
    ServiceCategory,
)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf(name: str = "policy.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def membership(organisation: Organisation, tier: str = Tier.FULL, **fields: Any) -> Membership:
    defaults: dict[str, Any] = {
        "joined_on": datetime.date(2024, 4, 1),
        "renewal_due": datetime.date(2027, 4, 1),
        "annual_fee": 250,
    }
    return Membership.objects.create(organisation=organisation, tier=tier, **{**defaults, **fields})


def requirement(name: str, **fields: Any) -> Requirement:
    fields.setdefault("active", True)
    return Requirement.objects.update_or_create(name=name, defaults=fields)[0]


def category(name: str = "Debt advice") -> ServiceCategory:
    return ServiceCategory.objects.get_or_create(name=name, defaults={"code": name.lower().replace(" ", "-")})[0]


def client_group(name: str = "Older people") -> ClientGroup:
    return ClientGroup.objects.get_or_create(name=name)[0]


def capability(organisation: Organisation, name: str = "Debt advice") -> Capability:
    return Capability.objects.create(organisation=organisation, category=category(name), clients_per_year=120)


def quality_mark(organisation: Organisation, name: str = "Trusted Charity") -> QualityMark:
    return QualityMark.objects.create(organisation=organisation, name=name, reference="TC-1")


def case_study(organisation: Organisation, title: str = "Winter warmth") -> CaseStudy:
    return CaseStudy.objects.create(organisation=organisation, title=title, summary="What we did.", year=2025)


def evidence(
    organisation: Organisation, requirement: Requirement, status: str = EvidenceStatus.SUBMITTED, **fields: Any
) -> Evidence:
    item = Evidence(organisation=organisation, requirement=requirement, status=status, **fields)
    if requirement.kind == "document":
        item.original_filename = fields.get("original_filename") or f"{organisation.name} policy.pdf"
        item.file.save("0123456789abcdef.pdf", ContentFile(PDF), save=False)
    item.save()
    return item
