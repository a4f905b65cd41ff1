"""The evidence pages beyond the generic ones: the file, checking, and the compliance dashboard."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consortia.core.testing.api import api_client
from consortia.core.testing.views import form_token, queries_for
from consortia.directory.tests.factories import OrganisationFactory
from consortia.members.choices import EvidenceStatus, Rag, Tier
from consortia.members.models import DueDiligenceReview, Evidence
from consortia.members.services import diligence as services
from consortia.members.tests.diligence.conftest import stored_files
from consortia.members.tests.diligence.factories import PDF, EvidenceFactory, member, pdf, requirement
from consortia.users.testing import Personas

ClientFor = Callable[..., Client]


def uploaded(personas: Personas) -> Evidence:
    return services.submit_evidence(
        personas.org_a,
        requirement("Safeguarding policy"),
        personas.member_a,
        file=pdf("Safeguarding policy 2026.pdf"),
    )


def test_the_file_is_sent_only_to_those_who_may_see_the_evidence(personas: Personas, client_for: ClientFor) -> None:
    evidence = uploaded(personas)
    url = reverse("members:evidence_file", args=[evidence.pk])
    own = client_for(personas.member_a).get(url)
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == PDF
    assert 'filename="Safeguarding policy 2026.pdf"' in own["Content-Disposition"]
    assert own["Cache-Control"] == "private, no-store"
    assert client_for(personas.manager).get(url).status_code == 200
    assert client_for(personas.member_b).get(url).status_code == 404  # another member's file
    assert client_for(personas.nobody).get(url).status_code == 403
    assert Client().get(url).status_code == 302  # sign in first
    assert evidence.file.url not in client_for(personas.member_a).get(evidence.get_absolute_url()).content.decode()


def test_deleting_evidence_deletes_its_file(
    personas: Personas, client_for: ClientFor, media: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    evidence = uploaded(personas)
    assert len(stored_files(media)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        refused = client_for(personas.member_a).post(reverse("members:evidence_delete", args=[evidence.pk]))
    assert refused.status_code == 403
    assert len(stored_files(media)) == 1
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the deletion is committed
        response = client_for(personas.manager).post(reverse("members:evidence_delete", args=[evidence.pk]))
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert stored_files(media) == []


def test_deleting_replacing_evidence_through_the_api_deletes_its_file_and_keeps_the_one_it_replaced(
    personas: Personas, media: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    earlier = uploaded(personas)
    newer = uploaded(personas)
    earlier.refresh_from_db()
    assert earlier.superseded_by == newer
    assert len(stored_files(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert api_client(personas.manager).delete(f"/api/evidence/{newer.pk}/").status_code == 204
    assert stored_files(media) == [media / earlier.file.name]


def test_a_member_uploads_evidence_through_the_form(personas: Personas, client_for: ClientFor, media: Path) -> None:
    earlier = uploaded(personas)
    client = client_for(personas.member_a)
    add = reverse("members:evidence_add")
    data = {
        "_token": form_token(client, add),
        "organisation": personas.org_a.pk,
        "requirement": requirement("Public liability insurance").pk,
        "file": pdf("PL 2026.pdf"),
        "issued_on": "01/04/2026",
        "expires_on": "31/03/2027",
        "cover_amount": "10000000",
    }
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Evidence.objects.get(requirement__name="Public liability insurance")
    assert created.original_filename == "PL 2026.pdf"
    assert "PL" not in created.file.name
    assert created.cover_amount == Decimal("10000000")
    # A newer safeguarding policy replaces the earlier one.
    data = {
        "_token": form_token(client, add),
        "organisation": personas.org_a.pk,
        "requirement": requirement("Safeguarding policy").pk,
        "file": pdf("Safeguarding policy 2027.pdf"),
    }
    assert client.post(add, data).status_code == 302
    earlier.refresh_from_db()
    assert earlier.superseded_by == Evidence.objects.get(original_filename="Safeguarding policy 2027.pdf")
    assert len(stored_files(media)) == 3


def test_the_form_refuses_a_renamed_program_and_a_missing_expiry(
    personas: Personas, client_for: ClientFor, media: Path
) -> None:
    client = client_for(personas.member_a)
    add = reverse("members:evidence_add")
    data = {
        "_token": form_token(client, add),
        "organisation": personas.org_a.pk,
        "requirement": requirement("Public liability insurance").pk,
        "file": SimpleUploadedFile("certificate.pdf", b"MZ\x90\x00" + b"\x00" * 64),
        "cover_amount": "5000000",
    }
    response = client.post(add, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "does not look like a PDF file" in page
    assert "Give the expiry date of the public liability insurance." in page
    assert not Evidence.objects.exists()
    assert stored_files(media) == []


def test_a_member_cannot_give_evidence_for_another_organisation(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.member_a)
    add = reverse("members:evidence_add")
    data = {
        "_token": form_token(client, add),
        "organisation": personas.org_b.pk,
        "requirement": requirement("Quality marks held").pk,
        "answer": "None.",
    }
    assert client.post(add, data).status_code == 200
    assert not Evidence.objects.exists()


def test_the_hub_verifies_and_rejects(personas: Personas, client_for: ClientFor) -> None:
    evidence = uploaded(personas)
    verify = reverse("members:evidence_verify", args=[evidence.pk])
    reject = reverse("members:evidence_reject", args=[evidence.pk])
    member_page = client_for(personas.member_a).get(evidence.get_absolute_url()).content.decode()
    assert "Accept (verify)" not in member_page
    assert client_for(personas.member_a).post(verify).status_code == 403
    assert client_for(personas.board).post(verify).status_code == 403
    assert client_for(personas.nobody).post(verify).status_code == 403
    assert client_for(personas.member_b).post(verify).status_code == 403
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.SUBMITTED

    manager = client_for(personas.manager)
    page = manager.get(evidence.get_absolute_url()).content.decode()
    assert "Accept (verify)" in page
    assert "Waiting to be checked" in page
    assert manager.post(verify).status_code == 302
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.VERIFIED
    assert evidence.verified_by == personas.manager
    # Checked evidence is kept as it was: the member adds new evidence instead.
    assert client_for(personas.member_a).get(reverse("members:evidence_edit", args=[evidence.pk])).status_code == 409

    manager.post(reject, {"reason": ""})
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.VERIFIED  # no reason, no rejection
    manager.post(reject, {"reason": "This is last year's policy."})
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.REJECTED
    assert (
        "This is last year&#x27;s policy."
        in client_for(personas.member_a).get(evidence.get_absolute_url()).content.decode()
    )


def test_the_api_verifies_only_for_the_hub(personas: Personas) -> None:
    evidence = uploaded(personas)
    url = reverse("api:evidence-verify", args=[evidence.pk])
    assert api_client(personas.member_a).post(url).status_code == 403
    response = api_client(personas.manager).post(url)
    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    assert response.json()["file_download"].endswith(reverse("members:evidence_file", args=[evidence.pk]))
    reject = reverse("api:evidence-reject", args=[evidence.pk])
    assert api_client(personas.manager).post(reject, {}, format="json").status_code == 400
    assert api_client(personas.manager).post(reject, {"reason": "Unsigned."}, format="json").json()["status"] == (
        "rejected"
    )


def test_the_api_refuses_evidence_for_another_organisation_and_a_bad_file(personas: Personas) -> None:
    client = api_client(personas.member_a)
    url = reverse("api:evidence-list")
    response = client.post(
        url, {"organisation": personas.org_b.pk, "requirement": requirement("Quality marks held").pk, "answer": "x"}
    )
    assert response.status_code == 400
    response = client.post(
        url,
        {
            "organisation": personas.org_a.pk,
            "requirement": requirement("Safeguarding policy").pk,
            "file": SimpleUploadedFile("policy.pdf", b"MZ" + b"\x00" * 64),
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert "does not look like a PDF file" in str(response.json()["file"])
    response = client.post(
        url,
        {"organisation": personas.org_a.pk, "requirement": requirement("Safeguarding policy").pk, "file": pdf("p.pdf")},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert Evidence.objects.get().original_filename == "p.pdf"


# -- the compliance dashboard ---------------------------------------------------------------------


def populate(personas: Personas, count: int) -> None:
    today = timezone.localdate()
    for index in range(count):
        org = OrganisationFactory(name=f"Member {index:02}")
        member(org, tier=Tier.FULL if index % 2 else Tier.ASSOCIATE)
        EvidenceFactory(
            organisation=org,
            requirement=requirement("Public liability insurance"),
            status=EvidenceStatus.VERIFIED,
            expires_on=today + timedelta(days=20),
        )
        EvidenceFactory(
            organisation=org,
            requirement=requirement("Employer's liability insurance"),
            status=EvidenceStatus.VERIFIED,
            expires_on=today - timedelta(days=3),
        )
        EvidenceFactory(organisation=org, requirement=requirement("Safeguarding policy"), issued_on=today)
        DueDiligenceReview.objects.create(
            organisation=org, year=today.year, reviewed_on=today, rag=Rag.AMBER, reasons="R", action_plan="P"
        )


def test_compliance_page_permissions(personas: Personas, client_for: ClientFor) -> None:
    url = reverse("members:compliance")
    assert client_for(personas.nobody).get(url).status_code == 403
    assert client_for(personas.member_a).get(url).status_code == 403
    assert client_for(personas.board).get(url).status_code == 200
    assert client_for(personas.auditor).get(url).status_code == 200
    assert "Due diligence compliance" in client_for(personas.manager).get(reverse("core:home")).content.decode()
    assert "Due diligence compliance" not in client_for(personas.member_a).get(reverse("core:home")).content.decode()


def test_compliance_page_lists_what_needs_doing(personas: Personas, client_for: ClientFor) -> None:
    populate(personas, 2)
    org = OrganisationFactory(name="Red Review Trust")
    member(org)
    DueDiligenceReview.objects.create(
        organisation=org, year=date.today().year, reviewed_on=timezone.localdate(), rag=Rag.RED, reasons="No insurance."
    )
    page = client_for(personas.board).get(reverse("members:compliance")).content.decode()
    assert re.search(r'id="count-expiring">2<', page)
    assert re.search(r'id="count-expired">2<', page)
    assert re.search(r'id="count-waiting">2<', page)
    assert "Member 00" in page
    assert "Red Review Trust" in page
    assert ">Amber<" in page
    assert ">Red<" in page
    safeguarding = Evidence.objects.filter(requirement__name="Safeguarding policy").first()
    assert safeguarding is not None
    assert f'href="{safeguarding.get_absolute_url()}"' in page
    assert "Add evidence" in page  # the missing mandatory requirements


def test_compliance_page_shows_a_page_of_members_and_counts_them_all(
    personas: Personas, client_for: ClientFor, settings: object
) -> None:
    settings.LIST_PAGE_SIZE = 2  # type: ignore[attr-defined]
    populate(personas, 3)
    client = client_for(personas.board)
    page = client.get(reverse("members:compliance")).content.decode()
    assert re.search(r'id="count-expiring">3<', page)  # all members, not only this page's
    assert "3 members, 1 to 2 shown here" in page
    assert "Member 00" in page
    assert "Member 02" not in page
    assert "Page 1 of 2" in page
    page = client.get(reverse("members:compliance"), {"page": 2}).content.decode()
    assert re.search(r'id="count-expiring">3<', page)
    assert "Member 02" in page
    assert "Member 00" not in page  # neither in the table nor in the lists below it


def test_compliance_page_costs_a_fixed_number_of_queries(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.manager)
    url = reverse("members:compliance")
    client.get(url)
    populate(personas, 2)
    few = queries_for(client, url)
    populate_more = [OrganisationFactory(name=f"Extra {index}") for index in range(10)]
    for org in populate_more:
        member(org)
        EvidenceFactory(organisation=org, requirement=requirement("Safeguarding policy"))
    many = queries_for(client, url)
    # session, user, permissions (2); the totals: requirements, members by tier, the evidence
    # counted by state and mandatory evidence held (one pass); the page of members:
    # organisations with memberships, requirements, evidence; review grades, eligible organisations
    assert (few, many) == (12, 12)
