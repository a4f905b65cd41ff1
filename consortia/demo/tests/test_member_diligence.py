"""The demo's due diligence: what `member_diligence.load` makes, and that running it again changes nothing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from consortia.demo import member_diligence
from consortia.demo.services import load_demo
from consortia.members.choices import EvidenceStatus, Rag
from consortia.members.models import DueDiligenceReview, Evidence, Membership
from consortia.members.services import diligence as services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def snapshot() -> dict[str, tuple[int, int]]:
    return {
        model.__name__: (model.objects.count(), model.history.count())  # type: ignore[attr-defined]
        for model in (Evidence, DueDiligenceReview)
    }


def check_states() -> None:
    members = list(member_diligence.demo_members())
    assert len(members) >= 5
    results = services.compliance(members)
    states = [row.state for result in results for row in result.rows]
    for state in (services.EXPIRING, services.EXPIRED, services.WAITING, services.REJECTED, services.CURRENT):
        assert state in states, state
    assert any(result.missing_mandatory for result in results)
    assert Evidence.objects.filter(status=EvidenceStatus.REJECTED).count() == 1
    rags = set(DueDiligenceReview.objects.values_list("rag", flat=True))
    assert rags == {Rag.GREEN, Rag.AMBER, Rag.RED}
    assert all(review.action_plan for review in DueDiligenceReview.objects.filter(rag=Rag.AMBER))
    years = set(DueDiligenceReview.objects.values_list("year", flat=True))
    assert len(years) == 2
    document = Evidence.objects.exclude(file="").first()
    assert document is not None
    assert document.original_filename.endswith(".pdf")
    with document.file.open("rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert document.requirement.name in text


def test_loads_the_diligence_and_a_second_run_changes_nothing(media: Path) -> None:
    load_demo(with_hub=False)
    member_diligence.load()
    first = snapshot()
    files = sorted(media.rglob("*.pdf"))
    assert first["Evidence"][0] > 0
    check_states()
    member_diligence.load()
    assert snapshot() == first
    assert sorted(media.rglob("*.pdf")) == files


def test_uses_memberships_when_there_are_some(media: Path) -> None:
    load_demo(with_hub=False)
    from consortia.directory.models import Organisation

    chosen = list(Organisation.objects.filter(roles__code="member").order_by("name")[:6])
    for org in chosen:
        Membership.objects.get_or_create(organisation=org)
    assert list(member_diligence.demo_members()) == sorted(chosen, key=lambda org: (org.name, org.pk))
    member_diligence.load()
    assert set(Evidence.objects.values_list("organisation_id", flat=True)) == {org.pk for org in chosen}
    check_states()
