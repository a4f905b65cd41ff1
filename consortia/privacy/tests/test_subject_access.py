"""The subject-access page: who may use it, what it lists, and the ZIP it sends."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from consortia.core.dates import add_months
from consortia.privacy.models import SubjectAccessRequest
from consortia.privacy.tests.conftest import EMAIL, Robin
from consortia.users.testing import Personas

ClientFor = Callable[..., Client]
PAGE = "/privacy/subject-access/"


def test_only_the_hub_manager_may_use_it(personas: Personas, client_for: ClientFor) -> None:
    assert reverse("privacy:subject_access") == PAGE
    for url in (PAGE, reverse("privacy:erase") + f"?email={EMAIL}", reverse("privacy:retention")):
        assert client_for(personas.manager).get(url).status_code in (200, 302)
        for persona in (personas.auditor, personas.board, personas.bid_writer, personas.nobody):
            assert client_for(persona).get(url).status_code == 403, (url, persona)
        assert client_for(personas.member_a).get(url).status_code == 404
        assert Client().get(url).status_code == 302
    assert client_for(personas.auditor).post(PAGE, {"email": EMAIL}).status_code == 403


def test_the_page_lists_what_is_held_per_record_type(robin: Robin, personas: Personas, client_for: ClientFor) -> None:
    page = client_for(personas.manager).get(PAGE, {"email": EMAIL, "name": "Robin Reed"}).content.decode()
    for title in ("User accounts", "Directory contacts", "Job applications", "Timesheets", "Meeting attendance"):
        assert title in page
    assert "Download (ZIP)" in page
    assert robin.token.key not in page  # an API key is named by its date, never shown
    nothing = client_for(personas.manager).get(PAGE, {"email": "nobody.known@example.org"}).content.decode()
    assert "Nothing is held about this person." in nothing


def test_the_download_holds_everything_and_records_the_request(
    robin: Robin, personas: Personas, client_for: ClientFor
) -> None:
    response = client_for(personas.manager).post(
        PAGE, {"email": EMAIL, "name": "Robin Reed", "requested_by": "Their solicitor", "received_on": "02/11/2026"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(bundle.namelist()) == ["subject-access.json", "subject-access.xlsx"]
    data = json.loads(bundle.read("subject-access.json"))
    kinds = {kind["record_type"]: kind for kind in data["record_types"]}
    assert kinds["Directory contacts"]["records"][0]["phone"] == "01632 960123"
    # The contact's history: created as Robin, then renamed Robyn.
    assert [row["first_name"] for row in kinds["Directory contacts"]["history"]] == ["Robin", "Robyn"]
    assert kinds["Timesheets"]["records"][0]["notes"] == "Working from home on Tuesday"
    assert "password" not in kinds["User accounts"]["records"][0]
    assert "key" not in kinds["API keys"]["records"][0]  # secrets are not sent
    assert "Other" not in json.dumps(kinds["Directory contacts"])  # the namesake is someone else
    book = load_workbook(io.BytesIO(bundle.read("subject-access.xlsx")))
    assert "Directory contacts" in book.sheetnames
    assert "Directory contacts history" in book.sheetnames
    assert book["Directory contacts"].max_row == 2  # the heading and Robin's row

    request = SubjectAccessRequest.objects.get()
    assert request.subject_email == EMAIL
    assert request.requested_by == "Their solicitor"
    assert request.received_on == date(2026, 11, 2)
    assert request.due_on == add_months(date(2026, 11, 2), 1)
    assert request.fulfilled_by == personas.manager
    assert request.fulfilled_on is not None
    assert request.record_counts["Directory contacts"] == 1


def test_an_open_request_is_answered_by_the_download(robin: Robin, personas: Personas, client_for: ClientFor) -> None:
    open_request = SubjectAccessRequest.objects.create(subject_email=EMAIL, received_on=date(2026, 1, 31))
    assert open_request.due_on == date(2026, 2, 28)  # a month, or the month's last day
    client = client_for(personas.manager)
    assert str(open_request) in client.get(PAGE, {"email": EMAIL}).content.decode()
    client.post(PAGE, {"email": EMAIL, "request": open_request.pk})
    open_request.refresh_from_db()
    assert open_request.fulfilled_on is not None
    assert SubjectAccessRequest.objects.count() == 1
