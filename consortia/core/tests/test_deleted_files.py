"""A deleted record's stored files go with it (`core/uploads.py`), however it is deleted: its
page, the API, or a cascade from the record it belongs to. They go once the deletion is
committed, not when it is refused or rolled back, and not while another row still names them.
The change history keeps the deleted file's name only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from consortia.core.history import history_model_of
from consortia.core.testing.api import api_client
from consortia.core.testing.uploads import stored_files
from consortia.policies.models import Policy, PolicyVersion
from consortia.policies.tests import factories
from consortia.users.testing import Personas

Capture = Callable[..., Any]


def draft(personas: Personas, policy: Policy | None = None) -> PolicyVersion:
    return factories.version(policy or factories.policy(personas.manager))


@transaction.atomic
def delete_then_fail(record: Any) -> None:
    record.delete()
    raise RuntimeError("something after the deletion failed")


def test_deleting_through_the_api_deletes_the_file_once_committed(
    media: Path, personas: Personas, django_capture_on_commit_callbacks: Capture
) -> None:
    version = draft(personas)
    kept = draft(personas)
    assert len(stored_files(media)) == 2
    with django_capture_on_commit_callbacks() as callbacks:
        response = api_client(personas.manager).delete(f"/api/policy-versions/{version.pk}/")
        assert response.status_code == 204
        assert not PolicyVersion.objects.filter(pk=version.pk).exists()
        assert len(stored_files(media)) == 2  # not before the deletion is committed
    for callback in callbacks:
        callback()
    assert stored_files(media) == [media / kept.file.name]


def test_deleting_on_the_page_deletes_the_file(
    media: Path, personas: Personas, client_for: Callable[..., Client], django_capture_on_commit_callbacks: Capture
) -> None:
    version = draft(personas)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.manager).post(reverse("policies:policyversion_delete", args=[version.pk]))
    assert response.status_code == 302
    assert stored_files(media) == []


def test_a_refused_or_rolled_back_deletion_keeps_the_file(
    media: Path, personas: Personas, django_capture_on_commit_callbacks: Capture
) -> None:
    approved = factories.approved(factories.policy(personas.manager), personas.manager)
    version = draft(personas)
    ids, names = [approved.pk, version.pk], sorted([media / approved.file.name, media / version.file.name])
    with django_capture_on_commit_callbacks(execute=True):
        refused = api_client(personas.manager).delete(f"/api/policy-versions/{approved.pk}/")
    assert refused.status_code == 400
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        delete_then_fail(version)
    assert callbacks == []
    assert PolicyVersion.objects.filter(pk__in=ids).count() == 2
    assert stored_files(media) == names


def test_records_deleted_with_the_one_they_belong_to_take_their_files(
    media: Path, personas: Personas, django_capture_on_commit_callbacks: Capture
) -> None:
    policy = factories.policy(personas.manager)
    draft(personas, policy)
    draft(personas, policy)
    other = draft(personas)
    assert len(stored_files(media)) == 3
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client(personas.manager).delete(f"/api/policies/{policy.pk}/")
    assert response.status_code == 204
    assert not PolicyVersion.objects.filter(policy_id=policy.pk).exists()
    assert stored_files(media) == [media / other.file.name]


def test_a_file_another_row_still_names_is_kept_until_that_row_goes_too(
    media: Path, personas: Personas, django_capture_on_commit_callbacks: Capture
) -> None:
    first = draft(personas)
    second = draft(personas)
    unused = second.file.name
    PolicyVersion.objects.filter(pk=second.pk).update(file=first.file.name)  # one file, two rows
    (media / unused).unlink()
    client = api_client(personas.manager)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/api/policy-versions/{first.pk}/").status_code == 204
    assert stored_files(media) == [media / first.file.name]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/api/policy-versions/{second.pk}/").status_code == 204
    assert stored_files(media) == []


def test_the_history_keeps_the_name_of_a_deleted_file_not_the_file(
    media: Path, personas: Personas, django_capture_on_commit_callbacks: Capture
) -> None:
    version = draft(personas)
    name = version.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert api_client(personas.manager).delete(f"/api/policy-versions/{version.pk}/").status_code == 204
    deleted = history_model_of(PolicyVersion).objects.get(id=version.pk, history_type="-")
    assert deleted.file == name
    assert stored_files(media) == []


def test_a_file_replaced_through_the_api_goes_once_the_change_is_committed(
    media: Path, personas: Personas, django_capture_on_commit_callbacks: Capture
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    version = draft(personas)
    old = media / version.file.name
    client = api_client(personas.manager)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.put(
            f"/api/policy-versions/{version.pk}/",
            {"policy": version.policy_id, "summary": "New wording.", "file": SimpleUploadedFile("v2.txt", b"v2")},
            format="multipart",
        )
        assert response.status_code == 200, response.json()
        assert old.exists()  # not before the change is committed
    for callback in callbacks:
        callback()
    version.refresh_from_db()
    assert stored_files(media) == [media / version.file.name]
    assert version.file.read() == b"v2"

    with django_capture_on_commit_callbacks(execute=True):
        kept = client.put(f"/api/policy-versions/{version.pk}/", {"policy": version.policy_id, "summary": "Again."})
    assert kept.status_code == 200, kept.json()
    assert stored_files(media) == [media / version.file.name]  # no file sent: the stored one stays


def test_a_file_replaced_on_the_edit_page_goes_and_one_left_alone_stays(
    media: Path, personas: Personas, client_for: Callable[..., Client], django_capture_on_commit_callbacks: Capture
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from consortia.core.testing.uploads import PDF

    version = draft(personas)
    old = media / version.file.name
    client = client_for(personas.manager)
    url = reverse("policies:policyversion_edit", args=[version.pk])
    with django_capture_on_commit_callbacks(execute=True):
        unchanged = client.post(url, {"policy": version.policy_id, "summary": "Only the summary."})
    assert unchanged.status_code == 302, unchanged.content.decode()[:2000]
    assert stored_files(media) == [old]

    with django_capture_on_commit_callbacks(execute=True):
        replaced = client.post(
            url,
            {"policy": version.policy_id, "summary": "New file.", "file": SimpleUploadedFile("v2.pdf", PDF)},
        )
    assert replaced.status_code == 302, replaced.content.decode()[:2000]
    version.refresh_from_db()
    assert not old.exists()
    assert stored_files(media) == [media / version.file.name]


def test_a_rolled_back_change_keeps_the_file_it_would_have_replaced(media: Path, personas: Personas) -> None:
    from django.core.files.base import ContentFile

    version = draft(personas)
    old = media / version.file.name

    @transaction.atomic
    def replace_then_fail() -> None:
        version.file.save("v2.pdf", ContentFile(b"%PDF-1.4 v2"), save=True)
        raise RuntimeError("something after the change failed")

    with pytest.raises(RuntimeError):
        replace_then_fail()
    assert old.exists()


def test_saving_other_fields_only_leaves_the_file_alone(
    media: Path, personas: Personas, django_capture_on_commit_callbacks: Capture
) -> None:
    version = draft(personas)
    version.file.name = "somewhere/else.pdf"  # not saved: update_fields leaves it out
    version.summary = "Changed."
    with django_capture_on_commit_callbacks(execute=True):
        version.save(update_fields=["summary"])
    assert len(stored_files(media)) == 1
