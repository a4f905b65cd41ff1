"""Due-diligence evidence in the portal: states, uploading and replacing, downloads, bad files."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consortia.members.choices import EvidenceStatus, RequirementKind, Tier
from consortia.members.models import Evidence, Requirement
from consortia.portal.tests import factories
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def only_ours(db: None) -> None:
    """Only the requirements a test makes are asked for (the seeded list is set aside)."""
    Requirement.objects.update(active=False)


def upload_url(requirement: Requirement) -> str:
    return reverse("portal:evidence_upload", args=[requirement.pk])


def row_of(body: str, requirement: Requirement) -> str:
    match = re.search(rf'<tr id="requirement-{requirement.pk}">(.*?)</tr>', body, re.S)
    assert match, f"no row for {requirement}"
    return match.group(1)


def test_upload_then_replace_keeps_the_earlier_superseded(
    personas: Personas, client_for: Callable[..., Client], only_ours: None
) -> None:
    policy = factories.requirement("Safeguarding policy", kind=RequirementKind.DOCUMENT)
    factories.membership(personas.org_a)
    client = client_for(personas.member_a)
    before = row_of(client.get(reverse("portal:evidence")).content.decode(), policy)
    assert "Required" in before
    assert "Missing" in before
    assert ">Upload<" in before

    response = client.post(upload_url(policy), {"file": factories.pdf("Our safeguarding policy.pdf")})
    assert response.status_code == 302
    first = Evidence.objects.get()
    assert (first.organisation, first.requirement, first.status) == (personas.org_a, policy, EvidenceStatus.SUBMITTED)
    assert first.original_filename == "Our safeguarding policy.pdf"
    assert "safeguarding" not in first.file.name.lower()  # stored under a random name
    assert first.created_by == personas.member_a
    row = row_of(client.get(reverse("portal:evidence")).content.decode(), policy)
    assert "Waiting to be checked" in row
    assert "Our safeguarding policy.pdf" in row
    assert ">Replace<" in row

    assert client.post(upload_url(policy), {"file": factories.pdf("Policy 2026.pdf")}).status_code == 302
    second = Evidence.objects.exclude(pk=first.pk).get()
    first.refresh_from_db()
    assert first.superseded_by == second
    assert second.superseded_by is None
    row = row_of(client.get(reverse("portal:evidence")).content.decode(), policy)
    assert "Policy 2026.pdf" in row
    assert "Our safeguarding policy.pdf" not in row
    page = client.get(upload_url(policy)).content.decode()
    assert "Our safeguarding policy.pdf" in page
    assert "(replaced)" in page
    # The earlier file is still theirs to download.
    download = client.get(reverse("portal:evidence_download", args=[first.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == factories.PDF
    assert 'filename="Our safeguarding policy.pdf"' in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"


def test_another_organisations_evidence_is_not_found(personas: Personas, client_for: Callable[..., Client]) -> None:
    policy = factories.requirement("Safeguarding policy")
    theirs = factories.evidence(personas.org_b, policy)
    mine = factories.evidence(personas.org_a, policy)
    client = client_for(personas.member_a)
    assert client.get(reverse("portal:evidence_download", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("portal:evidence_download", args=[mine.pk])).status_code == 200
    # Uploading never touches another organisation's evidence.
    assert client.post(upload_url(policy), {"file": factories.pdf()}).status_code == 302
    theirs.refresh_from_db()
    assert theirs.superseded_by is None
    # Member B cannot download A's.
    assert client_for(personas.member_b).get(reverse("portal:evidence_download", args=[mine.pk])).status_code == 404


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("policy.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200), "does not look like a PDF"),
        (SimpleUploadedFile("policy.exe", b"MZ\x90\x00"), "is not"),
        (SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1)), "can be up to 10 MB"),
        (SimpleUploadedFile("empty.pdf", b""), "empty"),
    ],
)
def test_bad_files_are_refused_beside_the_field(
    personas: Personas, client_for: Callable[..., Client], upload: SimpleUploadedFile, message: str
) -> None:
    policy = factories.requirement("Safeguarding policy")
    client = client_for(personas.member_a)
    response = client.post(upload_url(policy), {"file": upload})
    assert response.status_code == 200
    body = response.content.decode()
    error = re.search(r'id="id_file_error">(.*?)</div>', body, re.S)
    assert error, "the message is beside the file field"
    assert message in error.group(1)
    assert not Evidence.objects.exists()


def test_dates_cover_and_dbs_level_as_the_requirement_asks(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    insurance = factories.requirement(
        "Public liability insurance", needs_expiry=True, needs_cover_amount=True, needs_dbs_level=True
    )
    client = client_for(personas.member_a)
    form = client.get(upload_url(insurance)).content.decode()
    for name in ("file", "issued_on", "expires_on", "cover_amount", "dbs_level"):
        assert f'name="{name}"' in form, name

    response = client.post(upload_url(insurance), {"file": factories.pdf()})
    body = response.content.decode()
    for name in ("expires_on", "cover_amount", "dbs_level"):
        assert f'id="id_{name}_error"' in body, name
    assert not Evidence.objects.exists()

    data = {
        "file": factories.pdf(),
        "issued_on": "2026-04-01",
        "expires_on": "2026-03-01",
        "cover_amount": "5000000",
        "dbs_level": "enhanced",
    }
    body = client.post(upload_url(insurance), data).content.decode()
    error = re.search(r'id="id_expires_on_error">(.*?)</div>', body, re.S)
    assert error
    assert "The expiry date is before the issue date." in error.group(1)
    assert not Evidence.objects.exists()

    # Every problem at once, each beside its field.
    fake = SimpleUploadedFile("certificate.pdf", b"MZ\x90\x00" * 64)
    body = client.post(upload_url(insurance), {**data, "file": fake, "cover_amount": ""}).content.decode()
    for name in ("file", "expires_on", "cover_amount"):
        assert f'id="id_{name}_error"' in body, name
    assert not Evidence.objects.exists()

    data = {**data, "file": factories.pdf(), "expires_on": "2027-03-31"}
    assert client.post(upload_url(insurance), data).status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.issued_on, evidence.expires_on) == (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))
    assert evidence.cover_amount == 5000000
    assert evidence.dbs_level == "enhanced"


def test_a_written_answer(personas: Personas, client_for: Callable[..., Client]) -> None:
    question = factories.requirement("Modern slavery statement", kind=RequirementKind.ANSWER)
    client = client_for(personas.member_a)
    form = client.get(upload_url(question)).content.decode()
    assert 'name="answer"' in form
    assert 'name="file"' not in form
    assert 'id="id_answer_error"' in client.post(upload_url(question), {"answer": " "}).content.decode()
    assert client.post(upload_url(question), {"answer": "We check our supply chain yearly."}).status_code == 302
    assert Evidence.objects.get().answer == "We check our supply chain yearly."


def test_states_and_the_summary(personas: Personas, client_for: Callable[..., Client], only_ours: None) -> None:
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=20)
    factories.membership(personas.org_a, tier=Tier.ASSOCIATE)
    required = {"mandatory_associate": True}
    missing = factories.requirement("Accounts", **required)
    optional = factories.requirement("Equality policy", mandatory_associate=False)
    waiting = factories.requirement("Safeguarding policy", **required)
    accepted = factories.requirement("Data protection policy", **required)
    expiring = factories.requirement("Insurance", needs_expiry=True, **required)
    expired = factories.requirement("DBS policy", needs_expiry=True, **required)
    rejected = factories.requirement("Health and safety policy", **required)
    inactive = factories.requirement("Old check", active=False)
    factories.evidence(personas.org_a, waiting)
    factories.evidence(personas.org_a, accepted, status=EvidenceStatus.VERIFIED, issued_on=today)
    factories.evidence(personas.org_a, expiring, status=EvidenceStatus.VERIFIED, issued_on=today, expires_on=soon)
    factories.evidence(
        personas.org_a,
        expired,
        status=EvidenceStatus.VERIFIED,
        issued_on=today - datetime.timedelta(days=400),
        expires_on=today - datetime.timedelta(days=1),
    )
    factories.evidence(personas.org_a, rejected, status=EvidenceStatus.REJECTED, rejection_reason="Not signed")
    client = client_for(personas.member_a)
    body = client.get(reverse("portal:evidence")).content.decode()
    expected = {
        missing: "Missing",
        waiting: "Waiting to be checked",
        accepted: "Accepted",
        expiring: f"Expires {soon:%d/%m/%Y}",
        expired: f"Expired on {today - datetime.timedelta(days=1):%d/%m/%Y}",
        rejected: "Not accepted: Not signed",
    }
    for requirement, label in expected.items():
        row = row_of(body, requirement)
        assert label in row, (requirement, label)
        assert "Required" in row
    assert "Optional" in row_of(body, optional)
    assert f'id="requirement-{inactive.pk}"' not in body
    assert client.get(upload_url(inactive)).status_code == 404

    home = client.get(reverse("portal:home")).content.decode()
    summary = re.search(r'<ul class="list-unstyled mb-0" id="diligence-summary">(.*?)</ul>', home, re.S)
    assert summary
    counts = {
        label.strip(): int(number) for number, label in re.findall(r">(\d+)</span>([^<]+)</li>", summary.group(1))
    }
    assert counts == {
        "required, missing": 1,
        "expired": 1,
        "expiring within 60 days": 1,
        "waiting to be checked": 1,
        "not accepted": 1,
    }
