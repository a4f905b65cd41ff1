"""Uploads are judged by their content, limited in size, stored under random names."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.core import uploads

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def test_a_document_of_an_accepted_kind_passes() -> None:
    uploads.check_upload(SimpleUploadedFile("Insurance 2026.PDF", PDF), "certificate", uploads.EVIDENCE)
    uploads.check_upload(SimpleUploadedFile("photo.png", PNG), "certificate", uploads.EVIDENCE)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 60, "“setup.pdf” does not look like a PDF file"),
        ("setup.exe", b"MZ\x90\x00", "must be a PDF (.pdf), Word (.doc or .docx)"),
        ("photo.png", PDF, "does not look like a PNG image file"),
        ("empty.pdf", b"", "“empty.pdf” is empty"),
        ("notes.txt", b"a\x00b", "does not look like a plain text file"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(SimpleUploadedFile(name, content), "certificate", uploads.EVIDENCE)
    assert message in refused.value.messages[0]


def test_a_huge_file_is_refused_by_its_size() -> None:
    huge = SimpleUploadedFile("accounts.pdf", PDF)
    huge.size = 200 * 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(huge, "accounts", uploads.EVIDENCE)
    assert refused.value.messages == ["“accounts.pdf” is 200.0 MB; the accounts can be up to 10 MB."]


def test_stored_names_are_random_and_keep_only_the_extension() -> None:
    upload = SimpleUploadedFile("../../Safeguarding policy (Pendle).PDF", PDF)
    uploads.private_name(upload)
    assert upload.name is not None
    assert upload.name.endswith(".pdf")
    assert "Pendle" not in upload.name
    assert "/" not in upload.name
    assert len(upload.name) == 32 + 4
