"""Applicants' CVs and supporting statements: what is accepted, where it is kept, who may download it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from consortia.core.services import record_version
from consortia.core.testing.api import api_client
from consortia.people.forms.recruitment import MAX_UPLOAD_BYTES, check_upload
from consortia.people.models import Application
from consortia.people.tests.recruitment.conftest import DOCX, PDF, stored_files
from consortia.people.tests.recruitment.factories import VacancyFactory
from consortia.users.testing import Personas

ClientFor = Callable[..., Client]


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cv.pdf", PDF),
        ("cv.DOCX", DOCX),
        ("cv.odt", DOCX),
        ("cv.doc", b"\xd0\xcf\x11\xe0rest"),
        ("cv.rtf", b"{\\rtf1 hi}"),
        ("cv.txt", "Plain text, with a £ sign.".encode()),
    ],
)
def test_accepted_kinds(name: str, content: bytes) -> None:
    check_upload(upload(name, content), "CV")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "cv.exe",
            b"MZ",
            "The CV must be a PDF (.pdf), Word (.doc or .docx), OpenDocument (.odt), rich text (.rtf) or plain text (.txt) file; “cv.exe” is not.",
        ),
        ("cv", PDF, "The CV must be a PDF"),
        ("cv.pdf", b"MZ\x90\x00 not a pdf", "“cv.pdf” does not look like a PDF file."),
        ("cv.docx", PDF, "“cv.docx” does not look like a Word file."),
        ("cv.txt", b"binary\x00stuff", "“cv.txt” does not look like a plain text file."),
        ("cv.pdf", b"", "“cv.pdf” is empty."),
    ],
)
def test_refused_kinds_say_why(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        check_upload(upload(name, content), "CV")
    assert raised.value.messages[0].startswith(message)


def test_files_over_10_mb_are_refused() -> None:
    big = upload("statement.pdf", PDF + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(
        ValidationError, match=r"“statement.pdf” is 10.0 MB; the supporting statement can be up to 10 MB."
    ):
        check_upload(big, "supporting statement")


def application_data(vacancy_pk: int, **files: SimpleUploadedFile) -> dict[str, object]:
    return {
        "vacancy": str(vacancy_pk),
        "first_name": "Jo",
        "last_name": "Bloggs",
        "email": "jo@example.org.uk",
        "received_on": "2026-01-22",
        "stage": "received",
        **files,
    }


def add_application(client: Client, **files: SimpleUploadedFile) -> Application:
    from consortia.core.testing.views import form_token

    vacancy = VacancyFactory()
    url = reverse("people:application_add")
    response = client.post(url, application_data(vacancy.pk, **files) | {"_token": form_token(client, url)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Application.objects.get(first_name="Jo")


def test_uploads_are_kept_under_random_names_and_downloaded_through_a_checked_page(
    media: Path, personas: Personas, client_for: ClientFor
) -> None:
    manager = client_for(personas.manager)
    application = add_application(
        manager, cv=upload("Jo Bloggs CV.pdf", PDF), supporting_statement=upload("why.docx", DOCX)
    )
    paths = stored_files(media)
    assert len(paths) == 2
    assert all("Bloggs" not in str(path) and "why" not in str(path) for path in paths)
    assert application.cv.name.startswith("recruitment/")

    page = manager.get(application.get_absolute_url()).content.decode()
    assert "/media/" not in page
    assert application.cv.name not in page
    cv_url = reverse("people:application_file", args=[application.pk, "cv"])
    assert f'href="{cv_url}"' in page

    response = manager.get(cv_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="CV - Jo Bloggs.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    statement = manager.get(reverse("people:application_file", args=[application.pk, "supporting-statement"]))
    assert statement["Content-Disposition"].endswith('.docx"')

    # Read-only roles may read the application, so may read its documents; nobody else may.
    assert client_for(personas.auditor).get(cv_url).status_code == 200
    assert client_for(personas.nobody).get(cv_url).status_code == 403
    assert client_for(personas.member_a).get(cv_url).status_code in (403, 404)
    assert (
        client_for(personas.manager).get(reverse("people:application_file", args=[application.pk, "other"])).status_code
        == 404
    )


def test_a_bad_upload_is_refused_with_the_reason(media: Path, personas: Personas, client_for: ClientFor) -> None:
    from consortia.core.testing.views import form_token

    client = client_for(personas.manager)
    vacancy = VacancyFactory()
    url = reverse("people:application_add")
    data = application_data(vacancy.pk, cv=upload("cv.exe", b"MZ")) | {"_token": form_token(client, url)}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The CV must be a PDF (.pdf), Word (.doc or .docx)" in response.content.decode()
    assert not Application.objects.exists()
    assert stored_files(media) == []


def test_replacing_a_file_deletes_the_old_one(
    media: Path, personas: Personas, client_for: ClientFor, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    client = client_for(personas.manager)
    application = add_application(client, cv=upload("first.pdf", PDF))
    old = stored_files(media)
    data = application_data(application.vacancy_id, cv=upload("second.txt", b"My new CV")) | {
        "_version": record_version(application)
    }
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(reverse("people:application_edit", args=[application.pk]), data)
    assert response.status_code == 302
    now = stored_files(media)
    assert len(now) == 1
    assert now != old
    assert now[0].read_bytes() == b"My new CV"


def test_deleting_an_application_deletes_its_files(
    media: Path, personas: Personas, client_for: ClientFor, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    client = client_for(personas.manager)
    application = add_application(client, cv=upload("cv.pdf", PDF), supporting_statement=upload("s.rtf", b"{\\rtf1}"))
    assert len(stored_files(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):  # the files go once the deletion is committed
        response = client.post(reverse("people:application_delete", args=[application.pk]))
    assert response.status_code == 302
    assert stored_files(media) == []


def test_the_api_takes_uploads_and_gives_only_the_checked_download(
    media: Path, personas: Personas, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    vacancy = VacancyFactory()
    client = api_client(personas.manager)
    data = application_data(vacancy.pk, cv=upload("cv.pdf", PDF))
    response = client.post("/api/applications/", data, format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert "cv" not in body
    assert body["cv_download"].endswith(reverse("people:application_file", args=[body["id"], "cv"]))
    assert body["supporting_statement_download"] is None
    assert "/media/" not in response.content.decode()

    bad = client.post(
        "/api/applications/", application_data(vacancy.pk, cv=upload("cv.pdf", b"nope")), format="multipart"
    )
    assert bad.status_code == 400
    assert "does not look like a PDF file" in bad.json()["cv"][0]

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert client.delete(f"/api/applications/{body['id']}/").status_code == 204
    assert stored_files(media) == []
