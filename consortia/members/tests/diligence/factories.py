"""Factories and helpers for due-diligence tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.core.testing.uploads import PDF
from consortia.members.choices import EvidenceStatus, Rag, RequirementKind
from consortia.members.models import DueDiligenceReview, Evidence, Membership, Requirement


def pdf(name: str = "certificate.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    name = factory.Sequence(lambda n: f"Test requirement {n}")
    description = "A test requirement."
    kind = RequirementKind.ANSWER
    mandatory_full = True
    order = factory.Sequence(lambda n: 1000 + n)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    requirement = factory.SubFactory(RequirementFactory)
    answer = "Yes: every member of staff working with clients has an enhanced check."
    issued_on = date(2026, 1, 1)
    status = EvidenceStatus.SUBMITTED


class DueDiligenceReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DueDiligenceReview

    year = factory.Sequence(lambda n: 2000 + n)
    reviewed_on = date(2026, 6, 1)
    rag = Rag.GREEN
    reasons = "All the evidence is current and checked."


def member(organisation: Any, **extra: Any) -> Membership:
    membership, _ = Membership.objects.update_or_create(organisation=organisation, defaults=extra)
    return membership


def requirement(name: str) -> Requirement:
    return Requirement.objects.get(name=name)
