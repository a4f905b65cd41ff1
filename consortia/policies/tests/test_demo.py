"""The demo's policy library and risk register: real PDFs, some reviews due soon, most members
acknowledged, a dozen risks with reviews and actions; loading again changes nothing."""

from __future__ import annotations

import io
from datetime import timedelta

from django.utils import timezone
from pypdf import PdfReader

from consortia.demo import policies as demo
from consortia.demo.personas import DEMO_DOMAIN
from consortia.directory.tests.factories import OrganisationFactory
from consortia.policies.models import Acknowledgement, Policy, PolicyVersion, Risk, RiskAction, RiskReview
from consortia.policies.services.policies import not_acknowledged
from consortia.policies.tests import factories
from consortia.users.testing import make_user


def test_demo_policies_and_risks(db: None) -> None:
    for name in ("manager", "contracts", "chair", "finance", "bids"):
        make_user(f"{name}@{DEMO_DOMAIN}")
    members = [factories.active_member(OrganisationFactory(name=f"Member {n}")) for n in range(5)]
    demo.load()
    counts = (
        Policy.objects.count(),
        PolicyVersion.objects.count(),
        Acknowledgement.objects.count(),
        Risk.objects.count(),
    )
    assert counts[0] == len(demo.POLICIES)
    assert counts[3] == len(demo.RISKS) == 12
    today = timezone.localdate()
    assert Policy.objects.filter(next_review_on__lte=today + timedelta(days=60)).count() >= 2
    assert not Policy.objects.filter(current_version__isnull=True).exists()
    version = PolicyVersion.objects.select_related("policy").filter(status="approved").first()
    assert version is not None
    with version.file.open("rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert version.policy.title.split()[0] in text
    outstanding = not_acknowledged(Policy.objects.all())
    assert 0 < len(outstanding) < counts[2]  # most, but not all, have acknowledged
    assert {row.organisation for row in outstanding} <= set(members)
    assert RiskReview.objects.count() > len(demo.RISKS)
    assert Risk.objects.exclude(trend="").exists()
    assert RiskAction.objects.exists()
    assert Risk.objects.filter(status="open", review_on__lt=today).exists()
    demo.load()
    assert (
        Policy.objects.count(),
        PolicyVersion.objects.count(),
        Acknowledgement.objects.count(),
        Risk.objects.count(),
    ) == counts
