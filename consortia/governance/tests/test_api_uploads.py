"""Meeting papers uploaded through the API: checked as on the paper's page, kept under a random
name, read back only through the download page that checks who is asking."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from consortia.core.testing.api import api_client
from consortia.core.testing.uploads import EXECUTABLE, PDF, assert_api_refuses_bad_files, stored_files
from consortia.governance.models import AgendaPaper, Body
from consortia.governance.tests import factories
from consortia.users.testing import Personas

URL = "/api/governance-papers/"


def upload(name: str, content: bytes, user: Any) -> Any:
    data = {
        "item": factories.item(factories.meeting()).pk,
        "title": "Finance report",
        "file": SimpleUploadedFile(name, content),
    }
    return api_client(user).post(URL, data, format="multipart")


@pytest.mark.parametrize("persona", ["manager", "board"])
def test_a_paper_uploaded_is_kept_privately_and_downloaded_through_its_page(
    media: Path, personas: Personas, client_for: Callable[..., Client], persona: str
) -> None:
    user = getattr(personas, persona)
    response = upload("Finance report Q3.pdf", PDF, user)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert "/media/" not in response.content.decode()
    assert "file" not in body
    paper = AgendaPaper.objects.get(pk=body["id"])
    assert paper.created_by == user
    assert re.fullmatch(r"governance/\d{4}/[0-9a-f]{32}\.pdf", paper.file.name)
    assert [path.name for path in stored_files(media)] == [Path(paper.file.name).name]

    assert body["file_download"].endswith(reverse("governance:agendapaper_file", args=[paper.pk]))
    download = client_for(user).get(body["file_download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]

    listed = api_client(personas.auditor).get(URL)
    assert [row["file_download"] for row in listed.json()["results"]] == [body["file_download"]]
    assert "/media/" not in listed.content.decode()


def test_bad_files_are_refused_and_nothing_is_kept(media: Path, personas: Personas) -> None:
    assert_api_refuses_bad_files(
        lambda name, content: upload(name, content, personas.manager),
        AgendaPaper,
        media,
        name="paper",
        what="paper",
        kinds="The paper must be a PDF (.pdf)",
    )


@pytest.mark.parametrize("persona", ["member_a", "auditor", "nobody"])
def test_those_who_may_not_keep_papers_cannot_upload(media: Path, personas: Personas, persona: str) -> None:
    response = upload("paper.pdf", PDF, getattr(personas, persona))
    assert response.status_code == 403
    assert not AgendaPaper.objects.exists()
    assert stored_files(media) == []


def test_a_member_can_neither_see_nor_download_a_paper(
    media: Path, personas: Personas, client_for: Callable[..., Client]
) -> None:
    paper = AgendaPaper.objects.create(
        item=factories.item(factories.meeting()), title="Minutes", file=SimpleUploadedFile("m.pdf", PDF)
    )
    assert api_client(personas.member_a).get(f"{URL}{paper.pk}/").status_code in (403, 404)
    assert client_for(personas.member_a).get(reverse("governance:agendapaper_file", args=[paper.pk])).status_code in (
        403,
        404,
    )


def test_a_paper_can_be_replaced_and_keeps_a_private_name(media: Path, personas: Personas) -> None:
    created = upload("paper.pdf", PDF, personas.manager).json()
    client = api_client(personas.manager)
    replaced = client.patch(
        f"{URL}{created['id']}/", {"file": SimpleUploadedFile("Revised paper.txt", b"Revised.")}, format="multipart"
    )
    assert replaced.status_code == 200, replaced.json()
    assert re.fullmatch(r"governance/\d{4}/[0-9a-f]{32}\.txt", AgendaPaper.objects.get(pk=created["id"]).file.name)
    bad = client.patch(f"{URL}{created['id']}/", {"file": SimpleUploadedFile("x.txt", b"\x00\x01")}, format="multipart")
    assert bad.status_code == 400
    assert "does not look like a plain text file" in bad.json()["file"][0]


def test_a_bodys_terms_of_reference_are_uploaded_and_downloaded_through_their_page(
    media: Path, personas: Personas, client_for: Callable[..., Client]
) -> None:
    data = {"name": "Audit committee", "kind": "committee", "quorum_number": 2}
    refused = api_client(personas.manager).post(
        "/api/governance-bodies/",
        {**data, "terms_file": SimpleUploadedFile("terms.pdf", EXECUTABLE)},
        format="multipart",
    )
    assert refused.status_code == 400
    assert list(refused.json()) == ["terms_file"]
    assert not Body.objects.filter(name="Audit committee").exists()
    assert stored_files(media) == []

    response = api_client(personas.manager).post(
        "/api/governance-bodies/",
        {**data, "terms_file": SimpleUploadedFile("Terms of reference.pdf", PDF)},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert "/media/" not in response.content.decode()
    assert "terms_file" not in response.json()
    body = Body.objects.get(pk=response.json()["id"])
    assert re.fullmatch(r"governance/\d{4}/[0-9a-f]{32}\.pdf", body.terms_file.name)
    download = client_for(personas.manager).get(response.json()["terms_file_download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    # A body made without a file, as JSON, has no link.
    plain = api_client(personas.manager).post("/api/governance-bodies/", {**data, "name": "Board"}, format="json")
    assert plain.status_code == 201, plain.json()
    assert plain.json()["terms_file_download"] is None
