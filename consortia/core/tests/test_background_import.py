"""A big import runs in the background, on the real task queue, and its page shows the result."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client

from consortia.core.models import ImportJob
from consortia.directory.models import Organisation
from consortia.users.testing import Personas


def upload(text: str, name: str = "big.csv") -> io.BytesIO:
    handle = io.BytesIO(text.encode())
    handle.name = name
    return handle


def rows(count: int, bad_row: int | None = None) -> str:
    lines = ["Name,Charity number,Postcode"]
    for index in range(count):
        postcode = "NOWHERE" if index + 2 == bad_row else "PR1 2AA"
        lines.append(f"Background Trust {index},{1170000 + index},{postcode}")
    return "\n".join(lines) + "\n"


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


# The worker closes its database connection when it is done, as a real worker process does; the
# tests therefore run outside a wrapping transaction, so the upload's commit queues the task.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_big_file_is_imported_in_the_background(
    personas: Personas,
    client_for: Callable[..., Client],
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.IMPORT_INLINE_MAX_BYTES = 1000
    client = client_for(personas.manager)
    response = client.post("/directory/organisations/import/", {"file": upload(rows(300))})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.status, job.rows_total) == ("waiting", 300)
    waiting = client.get(job.get_absolute_url()).content.decode()
    assert "Waiting to start" in waiting
    assert 'hx-trigger="every 1s"' in waiting
    assert not Organisation.objects.filter(name__startswith="Background Trust").exists()

    run_worker()

    job.refresh_from_db()
    assert job.status == "done"
    assert job.result["created"] == 300
    assert Organisation.objects.filter(name__startswith="Background Trust").count() == 300
    assert not job.file  # the upload is not kept once read
    page = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="job-progress").content.decode()
    assert "Imported: 300 rows — 300 new" in page
    assert "every 1s" not in page  # finished: the page stops asking


def test_a_bad_row_in_a_big_file_writes_nothing_and_is_listed(
    personas: Personas,
    client_for: Callable[..., Client],
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.IMPORT_INLINE_MAX_BYTES = 1000
    client = client_for(personas.manager)
    client.post("/directory/organisations/import/", {"file": upload(rows(200, bad_row=150))})
    run_worker()
    job = ImportJob.objects.get()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Nothing was imported: 1 problem found." in page
    assert "<td>150</td><td>Postcode</td>" in page
    assert not Organisation.objects.filter(name__startswith="Background Trust").exists()


def test_someone_elses_import_is_not_found(
    personas: Personas,
    client_for: Callable[..., Client],
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.IMPORT_INLINE_MAX_BYTES = 1000
    client_for(personas.manager).post("/directory/organisations/import/", {"file": upload(rows(100))})
    job = ImportJob.objects.get()
    assert client_for(personas.bid_writer).get(job.get_absolute_url()).status_code == 404
    assert client_for(personas.member_a).get(job.get_absolute_url()).status_code == 404
