"""The demo hub's documents: what the set-up produced, built as the hub would have built them.

The board paper on the options appraisal, the service specification agreed with Red Rose CVS,
and the job description and person specification of each agreed job role, kept as generated
documents against their records. A document already built for a record is not built again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from consortia.demo.personas import DEMO_DOMAIN
from consortia.documents.builders import Built
from consortia.documents.choices import DocumentFormat
from consortia.documents.models import GeneratedDocument
from consortia.documents.services import store
from consortia.hub.models import Appraisal, ServiceAgreement
from consortia.hub.services.agreement import KIND as SPECIFICATION
from consortia.hub.services.agreement import build_service_specification
from consortia.hub.services.appraisal import build_appraisal_paper
from consortia.people.builders.roles import build_job_description, build_person_specification
from consortia.people.choices import RoleStatus
from consortia.people.models import JobRole
from consortia.users.models import User


def load() -> None:
    manager = User.objects.filter(email=f"manager@{DEMO_DOMAIN}").first()
    for appraisal in Appraisal.objects.all():
        _build("appraisal", appraisal, build_appraisal_paper, DocumentFormat.DOCX, manager)
    for agreement in ServiceAgreement.objects.all():
        _build(SPECIFICATION, agreement, build_service_specification, DocumentFormat.DOCX, manager)
    for role in JobRole.objects.filter(status=RoleStatus.AGREED):
        _build("job_description", role, build_job_description, DocumentFormat.DOCX, manager)
        _build("person_specification", role, build_person_specification, DocumentFormat.PDF, manager)


def _build(kind: str, source: models.Model, build: Callable[..., Built], fmt: DocumentFormat, user: Any) -> None:
    built_before = GeneratedDocument.objects.filter(
        kind=kind, source_type=ContentType.objects.get_for_model(source), source_id=source.pk
    ).exists()
    if not built_before:
        store(build(source, fmt), kind=kind, source=source, user=user)
