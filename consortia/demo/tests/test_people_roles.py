"""The demo's job roles and recruitment: what `people_roles.load` makes, and that running it again changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from consortia.demo import people_roles
from consortia.demo.services import load_demo
from consortia.people.choices import ApplicationStage, RoleStatus, VacancyStatus
from consortia.people.models import (
    Application,
    Assessment,
    EqualOpportunitiesReturn,
    JobRole,
    PersonSpecCriterion,
    StaffMember,
    Vacancy,
)
from consortia.people.services import recruitment

pytestmark = pytest.mark.django_db

MODELS = (JobRole, PersonSpecCriterion, Vacancy, Application, Assessment, StaffMember)


def snapshot() -> dict[str, tuple[int, int]]:
    found = {model.__name__: (model.objects.count(), model.history.count()) for model in MODELS}  # type: ignore[attr-defined]
    found["EqualOpportunitiesReturn"] = (EqualOpportunitiesReturn.objects.count(), 0)
    return found


def test_loads_the_roles_and_the_recruitment_and_a_second_run_changes_nothing() -> None:
    load_demo(with_hub=False)
    people_roles.load()
    first = snapshot()
    people_roles.load()
    assert snapshot() == first

    titles = list(JobRole.objects.values_list("title", "status").order_by("title"))
    assert titles == [
        ("Bid Manager", RoleStatus.DRAFT),
        ("Consortium Manager", RoleStatus.AGREED),
        ("Contracts and Performance Officer", RoleStatus.DRAFT),
        ("Finance Officer", RoleStatus.AGREED),
        ("Hub Administrator", RoleStatus.DRAFT),
    ]
    manager_role = JobRole.objects.get(title="Consortium Manager")
    assert manager_role.reports_to_other == "The chair of the board"
    assert set(JobRole.objects.exclude(pk=manager_role.pk).values_list("reports_to", flat=True)) == {manager_role.pk}

    vacancy = Vacancy.objects.get(reference=people_roles.BID_VACANCY)
    assert (vacancy.status, vacancy.closing_date.year) == (VacancyStatus.FILLED, 2023)
    assert set(vacancy.panel.values_list("email", flat=True)) == {
        "manager@demo.consortia.example",
        "chair@demo.consortia.example",
    }
    stages = dict(vacancy.applications.values_list("last_name", "stage"))
    assert stages == {
        "Hussain": ApplicationStage.APPOINTED,
        "Whitworth": ApplicationStage.UNSUCCESSFUL,
        "Okafor": ApplicationStage.NOT_SHORTLISTED,
        "Brennan": ApplicationStage.UNSUCCESSFUL,
    }
    staff = StaffMember.objects.get(appointed_from__vacancy=vacancy)
    assert (str(staff), staff.job_role.title, staff.employer.name) == (
        "Imran Hussain",
        "Bid Manager",
        "Lancashire Community Partnership",
    )
    assert staff.user is not None
    assert staff.user.email == "bids@demo.consortia.example"
    assert staff.fte == Decimal("0.80")

    # Both panel members scored every applicant at shortlisting, and the shortlist at interview.
    shortlisting = Assessment.objects.filter(application__vacancy=vacancy, stage="shortlisting")
    assert shortlisting.count() == 4 * 2 * 8
    assert Assessment.objects.filter(application__vacancy=vacancy, stage="interview").count() == 3 * 2 * 9
    sheet = recruitment.score_sheet(
        vacancy,
        "shortlisting",
        vacancy.applications.order_by("last_name"),
        shortlisting.select_related("panel_member"),
        recruitment.criteria_for(vacancy, "shortlisting"),
        vacancy.panel.all(),
    )
    unmet = {row.application.last_name: [str(c) for c in row.unmet] for row in sheet.rows}
    assert unmet["Okafor"]
    assert not unmet["Hussain"]

    assert 3 <= EqualOpportunitiesReturn.objects.filter(vacancy=vacancy).count() <= 6
    assert recruitment.equal_opportunities_summary(vacancy).total == "fewer than 5"

    admin = Vacancy.objects.get(reference=people_roles.ADMIN_VACANCY)
    assert admin.job_role.title == "Hub Administrator"
    assert admin.status == VacancyStatus.OPEN
    assert admin.closing_date > admin.opens_on  # type: ignore[operator]
    assert not admin.applications.exists()


def test_everything_passes_the_uis_validation() -> None:
    load_demo(with_hub=False)
    people_roles.load()
    for model in (*MODELS, EqualOpportunitiesReturn):
        for record in model.objects.all():  # type: ignore[attr-defined]
            record.full_clean()
