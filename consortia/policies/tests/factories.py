"""Factories for the policy library and the risk register."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from consortia.directory.models import Organisation
from consortia.members.choices import MembershipStatus
from consortia.members.models import Membership
from consortia.policies.choices import Audience, RiskCategory
from consortia.policies.models import Policy, PolicyArea, PolicyVersion, Risk, RiskAction
from consortia.policies.services.policies import approve_version
from consortia.users.models import User

_numbers = itertools.count(1)

# A small but real PDF (one empty page): enough for the upload check, which reads the content.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def active_member(organisation: Organisation) -> Organisation:
    Membership.objects.update_or_create(organisation=organisation, defaults={"status": MembershipStatus.ACTIVE})
    return organisation


def area(name: str = "Safeguarding") -> PolicyArea:
    return PolicyArea.objects.get_or_create(name=name)[0]


def policy(owner: User, *, members: list[Organisation] | None = None, **fields: Any) -> Policy:
    """A policy; with `members`, one those organisations must acknowledge."""
    number = next(_numbers)
    fields.setdefault("title", f"Policy number {number}")
    fields.setdefault("area", area())
    if members is not None:
        fields.setdefault("acknowledgement_required", True)
        fields.setdefault("audience", Audience.CHOSEN)
    made = Policy.objects.create(owner=owner, **fields)
    if members:
        made.members.set(members)
    return made


def version(on: Policy, **fields: Any) -> PolicyVersion:
    made = PolicyVersion(policy=on, **fields)
    made.file.save("policy.pdf", ContentFile(PDF), save=False)
    made.save()
    return made


def approved(on: Policy, user: User, approved_on: date | None = None) -> PolicyVersion:
    return approve_version(version(on), user, approved_on or timezone.localdate())


def risk(owner: User, likelihood: int = 3, impact: int = 4, **fields: Any) -> Risk:
    number = next(_numbers)
    fields.setdefault("title", f"Risk number {number}")
    fields.setdefault("category", RiskCategory.FINANCIAL)
    fields.setdefault("inherent_likelihood", 5)
    fields.setdefault("inherent_impact", 5)
    fields.setdefault("review_on", timezone.localdate() + timedelta(days=30))
    return Risk.objects.create(owner=owner, residual_likelihood=likelihood, residual_impact=impact, **fields)


def action(on: Risk, owner: User, **fields: Any) -> RiskAction:
    fields.setdefault("description", f"Action number {next(_numbers)}")
    fields.setdefault("due_on", timezone.localdate() + timedelta(days=14))
    return RiskAction.objects.create(risk=on, owner=owner, **fields)
