"""The demo's fundraising: prospects, applications in every status with payments and reports, the
real 360Giving file; loading again changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from consortia.demo import funding as demo_funding
from consortia.demo.services import load_demo
from consortia.funding.choices import ApplicationStatus
from consortia.funding.models import Application, FundingPayment, GrantRecord, Prospect, ReportingRequirement
from consortia.funding.tests.factories import GRANT_COUNT


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def counts() -> dict[str, int]:
    models = (Prospect, Application, FundingPayment, ReportingRequirement, GrantRecord)
    return {model.__name__: model.objects.count() for model in models}


def test_demo_funding_is_made_once(db: None) -> None:
    load_demo(with_hub=False)  # the directory (with the funders) and the logins
    demo_funding.load()
    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)
    for application in Application.objects.filter(status__in=("awarded", "completed")):
        assert application.payments.exists()
        assert application.reports.exists()
        assert application.award_amount
        assert application.decision_date
    # The demo funders' programmes, and one found in the 360Giving research.
    assert Prospect.objects.count() == len(demo_funding.PROSPECTS) + 1
    assert Prospect.objects.filter(source_grant__isnull=False).count() == 1
    assert GrantRecord.objects.count() == GRANT_COUNT
    first = counts()
    demo_funding.load()
    assert counts() == first
    assert "360Giving grants for research" in demo_funding.summary()


def test_without_the_shared_data_the_demo_says_so(db: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(demo_funding, "GIVING_FOLDER", tmp_path / "absent")
    assert "no file at" in demo_funding.load_giving()
    assert not GrantRecord.objects.exists()
