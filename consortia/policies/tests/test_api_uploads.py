"""Policy versions uploaded through the API: checked as on the version's page, kept under a random
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
from consortia.core.testing.uploads import assert_api_refuses_bad_files, stored_files
from consortia.policies.choices import VersionStatus
from consortia.policies.models import PolicyVersion
from consortia.policies.tests import factories
from consortia.users.testing import Personas

URL = "/api/policy-versions/"


def upload(personas: Personas, name: str, content: bytes, user: Any = None) -> Any:
    data = {
        "policy": factories.policy(personas.manager).pk,
        "file": SimpleUploadedFile(name, content),
        "summary": "First version.",
    }
    return api_client(user or personas.manager).post(URL, data, format="multipart")


def test_a_version_uploaded_is_a_draft_kept_privately_and_downloaded_through_its_page(
    media: Path, personas: Personas, client_for: Callable[..., Client]
) -> None:
    response = upload(personas, "Safeguarding policy.pdf", factories.PDF)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert "/media/" not in response.content.decode()
    assert "file" not in body
    assert body["number"] == 1
    assert body["status"] == VersionStatus.DRAFT
    version = PolicyVersion.objects.get(pk=body["id"])
    assert version.created_by == personas.manager
    assert re.fullmatch(r"policies/\d{4}/[0-9a-f]{32}\.pdf", version.file.name)
    assert [path.name for path in stored_files(media)] == [Path(version.file.name).name]

    assert body["file_download"].endswith(reverse("policies:policyversion_file", args=[version.pk]))
    download = client_for(personas.manager).get(body["file_download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == factories.PDF  # type: ignore[attr-defined]

    again = api_client(personas.manager).get(f"{URL}{version.pk}/")
    assert again.json()["file_download"] == body["file_download"]
    assert "/media/" not in again.content.decode()


def test_bad_files_are_refused_and_nothing_is_kept(media: Path, personas: Personas) -> None:
    assert_api_refuses_bad_files(
        lambda name, content: upload(personas, name, content),
        PolicyVersion,
        media,
        name="policy",
        what="policy document",
        kinds="The policy document must be a PDF (.pdf), Word (.doc or .docx)",
    )


def test_a_version_needs_its_file(media: Path, personas: Personas) -> None:
    data = {"policy": factories.policy(personas.manager).pk, "summary": "No file."}
    response = api_client(personas.manager).post(URL, data, format="multipart")
    assert response.status_code == 400
    assert response.json() == {"file": ["No file was submitted."]}
    assert not PolicyVersion.objects.exists()


@pytest.mark.parametrize("persona", ["member_a", "auditor", "board"])
def test_those_who_only_read_policies_cannot_upload(media: Path, personas: Personas, persona: str) -> None:
    response = upload(personas, "policy.pdf", factories.PDF, user=getattr(personas, persona))
    assert response.status_code == 403
    assert not PolicyVersion.objects.exists()
    assert stored_files(media) == []


def test_someone_without_a_role_can_neither_upload_nor_download(
    media: Path, personas: Personas, client_for: Callable[..., Client]
) -> None:
    assert upload(personas, "policy.pdf", factories.PDF, user=personas.nobody).status_code == 403
    version = factories.version(factories.policy(personas.manager))
    assert client_for(personas.nobody).get(reverse("policies:policyversion_file", args=[version.pk])).status_code in (
        403,
        404,
    )


def test_a_member_gets_no_other_organisations_download(
    media: Path, personas: Personas, client_for: Callable[..., Client]
) -> None:
    theirs = factories.approved(factories.policy(personas.manager, members=[personas.org_b]), personas.manager)
    client = api_client(personas.member_a)
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert (
        client_for(personas.member_a).get(reverse("policies:policyversion_file", args=[theirs.pk])).status_code == 404
    )


def test_only_a_draft_is_changed_or_deleted(media: Path, personas: Personas) -> None:
    approved = factories.approved(factories.policy(personas.manager), personas.manager)
    client = api_client(personas.manager)
    refused = client.patch(
        f"{URL}{approved.pk}/", {"file": SimpleUploadedFile("new.pdf", factories.PDF)}, format="multipart"
    )
    assert refused.status_code == 400
    assert "its text is locked" in refused.json()["non_field_errors"][0]
    assert client.delete(f"{URL}{approved.pk}/").status_code == 400
    assert PolicyVersion.objects.filter(pk=approved.pk).exists()

    draft = factories.version(approved.policy)
    replaced = client.patch(
        f"{URL}{draft.pk}/", {"file": SimpleUploadedFile("new.txt", b"The new wording.")}, format="multipart"
    )
    assert replaced.status_code == 200, replaced.json()
    draft.refresh_from_db()
    assert re.fullmatch(r"policies/\d{4}/[0-9a-f]{32}\.txt", draft.file.name)
    other = factories.policy(personas.manager)
    moved = client.patch(f"{URL}{draft.pk}/", {"policy": other.pk}, format="json")
    assert moved.status_code == 400
    assert "stays with its policy" in moved.json()["policy"][0]


def test_a_full_change_without_a_file_keeps_the_stored_one(media: Path, personas: Personas) -> None:
    """A PUT of a draft's other fields leaves its document as it is, as the edit page does when no
    file is chosen; a PUT with a file replaces it."""
    created = upload(personas, "Safeguarding policy.pdf", factories.PDF)
    assert created.status_code == 201, created.json()
    body = created.json()
    version = PolicyVersion.objects.get(pk=body["id"])
    stored = version.file.name
    client = api_client(personas.manager)

    changed = client.put(
        f"{URL}{version.pk}/",
        {"policy": body["policy"], "summary": "Reworded the escalation steps.", "approval_minute": ""},
        format="multipart",
    )
    assert changed.status_code == 200, changed.json()
    version.refresh_from_db()
    assert version.summary == "Reworded the escalation steps."
    assert version.file.name == stored
    assert [path.name for path in stored_files(media)] == [Path(stored).name]
    assert changed.json()["file_download"] == body["file_download"]

    as_json = client.put(f"{URL}{version.pk}/", {"policy": body["policy"], "summary": "Once more."}, format="json")
    assert as_json.status_code == 200, as_json.json()
    version.refresh_from_db()
    assert (version.summary, version.file.name) == ("Once more.", stored)

    replaced = client.put(
        f"{URL}{version.pk}/",
        {"policy": body["policy"], "summary": "New text.", "file": SimpleUploadedFile("v2.txt", b"The new wording.")},
        format="multipart",
    )
    assert replaced.status_code == 200, replaced.json()
    version.refresh_from_db()
    assert version.file.name != stored
    assert version.file.read() == b"The new wording."
