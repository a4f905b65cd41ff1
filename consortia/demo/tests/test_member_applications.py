"""The demo's eligibility questions and membership applications."""

from __future__ import annotations

import pytest

from consortia.demo import member_applications
from consortia.demo.services import load_demo
from consortia.directory.models import Organisation
from consortia.members.choices import ApplicationStatus
from consortia.members.models import EligibilityQuestion, MembershipApplication
from consortia.members.services.applications import answers_against_questions

pytestmark = pytest.mark.django_db

MODELS = (EligibilityQuestion, MembershipApplication)


def snapshot() -> dict[str, tuple[int, int]]:
    """Rows and history entries of each record type."""
    return {model.__name__: (model.objects.count(), model.history.count()) for model in MODELS}  # type: ignore[attr-defined]


def test_loads_the_questions_and_an_application_in_each_state() -> None:
    load_demo(with_hub=False)
    member_applications.load()

    questions = EligibilityQuestion.objects.filter(active=True)
    assert questions.count() == 4
    assert set(questions.values_list("expected_answer", flat=True)) == {"Yes"}
    statuses = list(MembershipApplication.objects.values_list("status", flat=True))
    assert sorted(statuses) == sorted(
        [
            ApplicationStatus.DRAFT,
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.MORE_INFO,
            ApplicationStatus.REJECTED,
            ApplicationStatus.APPROVED,
        ]
    )
    rejected = MembershipApplication.objects.get(status=ApplicationStatus.REJECTED)
    assert rejected.decision_reason
    assert rejected.decided_by is not None
    approved = MembershipApplication.objects.get(status=ApplicationStatus.APPROVED)
    assert approved.organisation == Organisation.objects.get(name="Chorley Men's Shed")
    assert approved.organisation.roles.filter(code="member").exists()
    for application in MembershipApplication.objects.all():
        application.full_clean()
        assert application.contact_email.endswith(".example")
        assert application.areas.exists()
    flagged = MembershipApplication.objects.get(organisation_name="Rossendale Young Carers")
    assert [row["unexpected"] for row in answers_against_questions(flagged)] == [False, False, False, True]
    assert MembershipApplication.objects.get(status=ApplicationStatus.DRAFT).submitted_at is None


def test_running_it_again_changes_nothing() -> None:
    load_demo(with_hub=False)
    member_applications.load()
    before = snapshot()
    member_applications.load()
    assert snapshot() == before
