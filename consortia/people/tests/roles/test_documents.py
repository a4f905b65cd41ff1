"""The job description and the person specification, as Word and PDF."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from consortia.documents.models import GeneratedDocument
from consortia.people.models import JobRole
from consortia.people.services import roles as services
from consortia.users.testing import Personas

ClientFor = Callable[..., Client]


@pytest.fixture
def role(personas: Personas, settings: pytest.FixtureRequest, tmp_path: object) -> JobRole:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    settings.CONSORTIUM_NAME = "Lancashire Community Partnership"  # type: ignore[attr-defined]
    services.create_from_template("consortium_manager", personas.manager)
    return services.create_from_template("bid_manager", personas.manager)


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    parts += [paragraph.text for paragraph in document.sections[0].header.paragraphs]
    return "\n".join(parts)


def pdf_text(content: bytes) -> str | None:
    """The PDF's text with pypdf where it is installed; otherwise (None) check WeasyPrint made pages."""
    assert content.startswith(b"%PDF")
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a development dependency
        assert re.search(rb"/Type\s*/Page[^s]", content), "WeasyPrint produced no pages"
        return None
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 1
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def fetch(client: Client, role: JobRole, kind: str, fmt: str) -> bytes:
    response = client.get(reverse(f"people:jobrole_{kind}", args=[role.pk]), {"format": fmt})
    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_job_description_in_word(role: JobRole, personas: Personas, client_for: ClientFor) -> None:
    text = docx_text(fetch(client_for(personas.manager), role, "job_description", "docx"))
    assert "Job description: Bid Manager" in text
    assert "Lancashire Community Partnership" in text
    assert "Consortium Manager" in text  # reports to
    assert "£34,000 to £38,000 a year full-time equivalent (£27,200 to £30,400 a year for 0.8 FTE)" in text
    assert "Purpose of the job" in text
    assert role.purpose in text
    assert "Managing bids" in text  # a heading of the responsibilities
    assert "Manage clarification questions and submit complete, compliant bids on time." in text
    for criterion in role.criteria.filter(requirement="essential"):
        assert criterion.text in text
    assert "draft, not yet agreed" in text


def test_person_specification_in_word(role: JobRole, personas: Personas, client_for: ClientFor) -> None:
    text = docx_text(fetch(client_for(personas.manager), role, "person_specification", "docx"))
    assert "Person specification: Bid Manager" in text
    assert "Skills and abilities" in text
    assert "Knowledge" in text
    for criterion in role.criteria.all():
        assert criterion.text in text
    assert "Application, Test" in text  # how written English is assessed
    assert "supporting statement" in text


def test_job_description_as_pdf(role: JobRole, personas: Personas, client_for: ClientFor) -> None:
    text = pdf_text(fetch(client_for(personas.manager), role, "job_description", "pdf"))
    if text is not None:
        assert "Job description: Bid Manager" in text
        assert normal("Manage clarification questions and submit complete, compliant bids on time.") in text
        essential = role.criteria.filter(requirement="essential").first()
        assert essential is not None
        assert normal(essential.text) in text


def test_person_specification_as_pdf(role: JobRole, personas: Personas, client_for: ClientFor) -> None:
    text = pdf_text(fetch(client_for(personas.manager), role, "person_specification", "pdf"))
    if text is not None:
        assert "Person specification: Bid Manager" in text
        for criterion in role.criteria.filter(requirement="essential"):
            assert normal(criterion.text) in text
        assert "Essential" in text
        assert "Desirable" in text


def test_documents_are_kept_and_need_the_right(role: JobRole, personas: Personas, client_for: ClientFor) -> None:
    fetch(client_for(personas.bid_writer), role, "job_description", "docx")  # hub staff may build documents
    document = GeneratedDocument.objects.get()
    assert (document.kind, document.source, document.created_by) == ("job_description", role, personas.bid_writer)
    url = reverse("people:jobrole_person_specification", args=[role.pk])
    assert client_for(personas.auditor).get(url, {"format": "pdf"}).status_code == 403
    assert client_for(personas.nobody).get(url, {"format": "pdf"}).status_code == 403
    assert client_for(personas.member_a).get(url, {"format": "pdf"}).status_code in (403, 404)
    assert client_for(personas.manager).get(url, {"format": "xlsx"}).status_code == 404
    assert GeneratedDocument.objects.count() == 1
