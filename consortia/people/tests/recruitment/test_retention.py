"""`manage.py delete_expired_applicants`: unsuccessful applicants' personal data goes after the retention period."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from consortia.people.choices import ApplicationStage, VacancyStatus
from consortia.people.models import Application, Assessment
from consortia.people.services import recruitment as services
from consortia.people.tests.recruitment.conftest import PDF, stored_files
from consortia.people.tests.recruitment.factories import ApplicationFactory, VacancyFactory
from consortia.people.tests.roles.factories import CriterionFactory
from consortia.users.testing import Personas


def run(*args: str) -> str:
    out = StringIO()
    call_command("delete_expired_applicants", *args, stdout=out)
    return out.getvalue()


def with_files(application: Application) -> Application:
    application.cv.save("cv.pdf", ContentFile(PDF), save=False)
    application.supporting_statement.save("statement.txt", ContentFile(b"Why I want the job"), save=False)
    application.save()
    return application


@pytest.fixture
def expired(media: Path, personas: Personas) -> dict[str, Any]:
    today = timezone.localdate()
    old = VacancyFactory(
        reference="OLD-1",
        status=VacancyStatus.FILLED,
        opens_on=None,
        closing_date=today - timedelta(days=200),
        retention_months=6,
    )
    criterion = CriterionFactory(job_role=old.job_role)
    appointed = with_files(ApplicationFactory(vacancy=old, first_name="Keep", last_name="Appointed", stage="appointed"))
    unsuccessful = with_files(
        ApplicationFactory(
            vacancy=old, first_name="Gone", last_name="Soon", stage="unsuccessful", decision_notes="Weak"
        )
    )
    unsuccessful.first_name = "Gonna"  # a change, so the history holds two versions of the name
    unsuccessful.save()
    Assessment.objects.create(
        application=unsuccessful,
        criterion=criterion,
        panel_member=personas.manager,
        stage="shortlisting",
        score=1,
        comment="Gonna Soon's examples were thin.",
    )
    # Not yet: filled, but closed within its retention period; and one still open long after closing.
    recent = VacancyFactory(
        reference="NEW-1", status=VacancyStatus.FILLED, opens_on=None, closing_date=today - timedelta(days=90)
    )
    still_open = VacancyFactory(
        reference="OPEN-1", status=VacancyStatus.INTERVIEWING, opens_on=None, closing_date=today - timedelta(days=400)
    )
    waiting = with_files(ApplicationFactory(vacancy=recent, first_name="Recent", stage="unsuccessful"))
    ongoing = ApplicationFactory(vacancy=still_open, first_name="Ongoing")
    return {"appointed": appointed, "unsuccessful": unsuccessful, "waiting": waiting, "ongoing": ongoing}


def test_expired_applicants_lose_their_personal_data_and_files(expired: dict[str, Application], media: Path) -> None:
    gone = expired["unsuccessful"]
    gone_files = [media / gone.cv.name, media / gone.supporting_statement.name]
    assert all(path.exists() for path in gone_files)
    assert len(stored_files(media)) == 6

    dry = run("--dry-run")
    assert "OLD-1" in dry
    assert "would delete the personal data of 1 applicant" in dry
    assert len(stored_files(media)) == 6
    assert Application.objects.get(pk=gone.pk).first_name == "Gonna"

    output = run()
    assert f"{gone.vacancy}: deleted the personal data of 1 applicant." in output
    assert "Deleted the personal data of 1 applicant and 2 uploaded files." in output

    gone.refresh_from_db()
    assert str(gone) == f"Deleted applicant #{gone.pk}"
    assert (gone.email, gone.phone, gone.decision_notes, gone.cv.name, gone.supporting_statement.name) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert gone.personal_data_deleted_on == timezone.localdate()
    assert not any(path.exists() for path in gone_files)
    assert len(stored_files(media)) == 4  # the appointed applicant's and the recent vacancy's files stay

    # The history no longer holds the name: one version is left, the deleted one, saying why.
    history = list(gone.history.all())
    assert len(history) == 1
    assert history[0].first_name == "Deleted applicant"
    assert history[0].email == ""
    assert history[0].history_change_reason == services.DELETED_REASON
    assert not Application.history.filter(first_name__in=["Gone", "Gonna"]).exists()
    # Scores stay, anonymous; the panel's comments go, from the history too.
    score = Assessment.objects.get(application=gone)
    assert (score.score, score.comment) == (1, "")
    assert not Assessment.history.exclude(comment="").exists()

    for kept in ("appointed", "waiting", "ongoing"):
        row = Application.objects.get(pk=expired[kept].pk)
        assert row.personal_data_deleted_on is None, kept
        assert not row.first_name.startswith("Deleted"), kept


def test_running_again_changes_nothing(expired: dict[str, Application], media: Path) -> None:
    run()
    files = stored_files(media)
    versions = Application.history.count()
    assert run() == "No applicant's data is past its retention period; nothing to delete.\n"
    assert stored_files(media) == files
    assert Application.history.count() == versions


def test_the_retention_period_counts_whole_months() -> None:
    assert services.months_after(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert services.months_after(date(2025, 1, 15), 24) == date(2027, 1, 15)
    assert services.months_after(date(2025, 12, 1), 1) == date(2026, 1, 1)


def test_an_applicant_of_a_withdrawn_vacancy_is_deleted_too(media: Path, db: None) -> None:
    vacancy = VacancyFactory(
        status=VacancyStatus.WITHDRAWN,
        opens_on=None,
        closing_date=timezone.localdate() - timedelta(days=40),
        retention_months=1,
    )
    application = ApplicationFactory(vacancy=vacancy, stage=ApplicationStage.RECEIVED)
    assert "1 applicant" in run()
    application.refresh_from_db()
    assert application.personal_data_deleted_on is not None
