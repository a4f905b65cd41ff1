"""Generated documents: the list, the download, and who may see them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.core.testing.views import RecordViewTests
from consortia.directory.models import Organisation
from consortia.documents.models import GeneratedDocument
from consortia.documents.services import documents_for
from consortia.documents.tests.factories import make_document
from consortia.documents.views import GeneratedDocumentViews
from consortia.users.testing import Personas


class TestGeneratedDocumentViews(RecordViewTests):
    record = GeneratedDocumentViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page (with its author)

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> GeneratedDocument:
        return make_document(title=f"Board paper {index}", user=personas.manager)


class TestGeneratedDocumentApi(RecordApiTests):
    basename = "generateddocument"
    model = GeneratedDocument
    writable = False
    member_can_view = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> GeneratedDocument:
        return make_document(title=f"Board paper {index}")


def test_download_sends_the_stored_file(personas: Personas, client_for: Callable[..., Client]) -> None:
    document = make_document(source=personas.org_a, user=personas.manager)
    url = reverse("documents:generateddocument_download", args=[document.pk])
    response = client_for(personas.auditor).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="board-paper-')
    assert b"".join(response.streaming_content).startswith(b"PK")  # a .docx is a zip
    assert client_for(personas.member_a).get(url).status_code == 403
    assert client_for(personas.nobody).get(url).status_code == 403


def test_documents_are_found_from_their_source(personas: Personas) -> None:
    own = make_document(source=personas.org_a)
    make_document(source=personas.org_b)
    assert list(documents_for(personas.org_a, personas.manager)) == [own]
    assert list(documents_for(personas.org_a, personas.member_a)) == []


def test_api_links_the_download(personas: Personas) -> None:
    document = make_document(source=personas.org_a)
    body: dict[str, Any] = api_client(personas.manager).get(f"/api/documents/{document.pk}/").json()
    assert body["download"].endswith(f"/documents/{document.pk}/download/")
    assert (body["source_type"], body["source_id"]) == ("organisation", personas.org_a.pk)
