"""Uploaded files are never public and never run in the browser: no address serves the media
folder, and a download is an attachment with its stored type and `nosniff`, never HTML."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404
from django.test import Client

from consortia.core import uploads
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db  # closing a response closes old database connections

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
DOCX = b"PK\x03\x04" + b"\x00" * 40


def stored(name: str, content: bytes) -> FieldFile:
    """A file saved in the real storage, as a model's file field holds it."""
    saved = default_storage.save(name, ContentFile(content))
    return FieldFile(None, FileField(), saved)


def download(name: str, content: bytes) -> Any:
    response = uploads.private_file_response(stored(name, content), "Insurance certificate")
    body = b"".join(response.streaming_content)
    response.close()
    return response, body


@pytest.fixture(autouse=True)
def empty_media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_no_address_serves_the_media_folder(personas: Personas, client_for: Any) -> None:
    name = stored("evidence/2026/0123456789abcdef0123456789abcdef.pdf", PDF).name
    assert default_storage.exists(name)
    for client in (Client(), client_for(personas.manager)):
        for url in (f"/media/{name}", f"/media/{name.rsplit('/', 1)[-1]}", f"/static/../media/{name}"):
            assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("a.png", PNG, "image/png"),
        ("a.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("a.txt", b"Plain notes\n", "text/plain"),
        ("a.json", b"{}", "application/json"),
        # Stored by some older route under a name we do not accept: still only bytes to save.
        ("a.html", HTML, "application/octet-stream"),
        (
            "a.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "application/octet-stream",
        ),
        ("noextension", HTML, "application/octet-stream"),
    ],
)
def test_a_download_is_an_attachment_of_its_stored_type_never_sniffed(
    name: str, content: bytes, content_type: str
) -> None:
    response, body = download(name, content)
    assert response.status_code == 200
    assert body == content
    assert response["Content-Type"] == content_type
    assert "html" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_the_download_name_keeps_the_stored_extension_only() -> None:
    response, _ = download("a.txt", b"notes")
    assert response["Content-Disposition"] == 'attachment; filename="Insurance certificate.txt"'


@pytest.mark.parametrize("name", ["page.pdf", "page.png", "page.docx", "page.html", "page.htm", "page.svg"])
def test_html_dressed_as_another_kind_is_refused(name: str) -> None:
    with pytest.raises(ValidationError):
        uploads.check_upload(SimpleUploadedFile(name, HTML), "certificate", uploads.EVIDENCE)


def test_html_named_as_text_is_only_ever_sent_as_a_plain_text_attachment() -> None:
    upload = SimpleUploadedFile("notes.txt", HTML)
    uploads.check_upload(upload, "notes", uploads.EVIDENCE)  # text is text, whatever it says
    uploads.private_name(upload)
    response, body = download(upload.name or "", HTML)
    assert body == HTML
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_file_is_404_not_an_error(db: None) -> None:
    with pytest.raises(Http404):
        uploads.private_file_response(FieldFile(None, FileField(), "evidence/gone.pdf"), "gone")
    with pytest.raises(Http404):
        uploads.private_file_response(FieldFile(None, FileField(), ""), "nothing")
