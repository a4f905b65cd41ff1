"""Importing a notice file from the browser, and the record of every import and fetch."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import RecordViewTests
from consortia.directory.models import Organisation
from consortia.opportunities.models import ImportedFile, IngestRun, Notice, Release
from consortia.opportunities.tests.ingest.conftest import FIXTURES, UK4
from consortia.opportunities.views.imports import IngestRunViews
from consortia.users.testing import Personas

URL = "/opportunities/notices/import-file/"


class TestIngestRunViews(RecordViewTests):
    record = IngestRunViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page (who started it joined)

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> IngestRun:
        return IngestRun.objects.create(source="file", files=f"file-{organisation.pk}-{index}.json")


class TestIngestRunApi(RecordApiTests):
    basename = "ingestrun"
    model = IngestRun
    member_can_view = False
    writable = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> IngestRun:
        return IngestRun.objects.create(source="file", files=f"file-{organisation.pk}-{index}.json")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_a_file_is_imported_once_and_the_run_says_what_happened(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    client = client_for(personas.manager)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"file": upload("uk4.json", UK4.read_bytes())})
    run = IngestRun.objects.get()
    assert response.url == run.get_absolute_url()
    assert (run.status, run.created_by) == ("done", personas.manager)
    notice = Notice.objects.get()
    assert notice.notice_type == "UK4"
    assert ImportedFile.objects.get().name == "uk4.json"
    page = client.get(run.get_absolute_url()).content.decode()
    assert "uk4.json" in page
    # The same file again: recognised, nothing written.
    client.post(URL, {"file": upload("again.json", UK4.read_bytes())})
    second = IngestRun.objects.order_by("-pk").first()
    assert second is not None
    assert second.releases_new == 0
    assert "the same file was imported whole" in second.messages
    assert Release.objects.count() == notice.release_count


def test_a_bad_file_is_refused_with_a_clear_message(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    renamed = client.post(URL, {"file": upload("notices.json", b"MZ\x90\x00\x03\x00\x00\x00binary")})
    assert renamed.status_code == 200
    assert "does not look like a JSON file" in renamed.content.decode()
    truncated = client.post(URL, {"file": upload("cut.json", UK4.read_bytes()[:300])})
    run = IngestRun.objects.get()
    assert truncated.url == run.get_absolute_url()
    assert run.status == "failed"
    assert "Nothing from this package was written" in run.messages
    assert not Notice.objects.exists()
    assert not ImportedFile.objects.exists()
    assert FIXTURES.is_dir()


def test_only_those_allowed_import(personas: Personas, client_for: Callable[..., Client]) -> None:
    for user in (personas.auditor, personas.board, personas.member_a, personas.nobody):
        client = client_for(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"file": upload("uk4.json", UK4.read_bytes())}).status_code == 403
    assert not Notice.objects.exists()
    assert reverse("opportunities:notice_import") == URL
