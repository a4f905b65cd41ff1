"""Drawing responsibilities from the task allocation, agreeing a role, and the templates of hub roles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from consortia.people import role_templates
from consortia.people.choices import Requirement, RoleStatus
from consortia.people.models import JobRole
from consortia.people.services import roles as services
from consortia.people.tests.roles.factories import CriterionFactory, JobRoleFactory
from consortia.people.tests.roles.helpers import allocate
from consortia.users.testing import Personas


@pytest.fixture
def bid_role(db: None) -> JobRole:
    role = JobRoleFactory(title="Bid Writer", responsibilities="Old line one.\nOld line two.")
    # Finance comes late in the hub's order of functions, but the role leads a task there.
    allocate(role, "bidding", "Write bid answers", "R", order=2)
    allocate(role, "bidding", "Sign off bid submissions", "A", order=1)
    allocate(role, "bidding", "Price bids", "C", order=0)
    allocate(role, "finance", "Cost bids with the finance officer", "R")
    allocate(role, "strategy", "Review the business plan", "I")
    allocate(role, "bidding", "An old task", "R", retired=True)
    return role


def test_responsibilities_are_grouped_by_function_with_r_and_a_first(bid_role: JobRole) -> None:
    text = services.responsibilities_from_tasks(services.allocations_for(bid_role))
    lines = text.splitlines()
    bidding = "Scope for and bid for contracts:"
    finance = "Finance management:"
    strategy = "Lead the strategic and business planning:"
    assert lines == [
        bidding,
        "Write bid answers.",
        "Accountable for: Sign off bid submissions.",
        "Consulted on: Price bids.",
        finance,
        "Cost bids with the finance officer.",
        # Only kept informed here, so after the functions where the role does or answers for the work.
        strategy,
        "Kept informed of: Review the business plan.",
    ]
    assert "An old task" not in text  # retired tasks are left out


def test_responsibility_groups_read_headings_and_lines() -> None:
    groups = services.responsibility_groups("Loose line\nHeading:\n- first\n• second\n\nEmpty heading:\n")
    assert [(group.heading, group.items) for group in groups] == [
        ("", ["Loose line"]),
        ("Heading", ["first", "second"]),
    ]


def test_draft_responsibilities_replaces_the_text_and_keeps_the_old_in_history(
    bid_role: JobRole, personas: Personas
) -> None:
    services.draft_responsibilities(bid_role, personas.manager)
    bid_role.refresh_from_db()
    assert bid_role.responsibilities.startswith("Scope for and bid for contracts:\nWrite bid answers.")
    assert bid_role.updated_by == personas.manager
    latest, previous = bid_role.history.order_by("-history_id")[:2]
    assert previous.responsibilities == "Old line one.\nOld line two."
    assert latest.history_change_reason == services.DRAWN_REASON


def test_draft_responsibilities_without_tasks_changes_nothing(personas: Personas) -> None:
    role = JobRoleFactory(responsibilities="Keep me.")
    with pytest.raises(ValidationError, match="No hub tasks are allocated"):
        services.draft_responsibilities(role, personas.manager)
    role.refresh_from_db()
    assert role.responsibilities == "Keep me."
    assert role.history.count() == 1


def test_a_role_cannot_be_agreed_without_an_essential_criterion(personas: Personas) -> None:
    role = JobRoleFactory()
    CriterionFactory(job_role=role, requirement=Requirement.DESIRABLE)
    with pytest.raises(ValidationError) as raised:
        services.agree_job_role(role, personas.manager)
    assert "at least one essential criterion" in raised.value.message_dict["status"][0]
    assert role.status == RoleStatus.DRAFT
    role.refresh_from_db()
    assert role.status == RoleStatus.DRAFT

    CriterionFactory(job_role=role, requirement=Requirement.ESSENTIAL)
    services.agree_job_role(role, personas.manager)
    role.refresh_from_db()
    assert (role.status, role.updated_by) == (RoleStatus.AGREED, personas.manager)


@pytest.mark.parametrize("template", role_templates.TEMPLATES, ids=lambda template: template.code)
def test_each_template_makes_a_complete_draft_role(template: role_templates.RoleTemplate, personas: Personas) -> None:
    role = services.create_from_template(template.code, personas.manager)
    assert role.title == template.title
    assert role.status == RoleStatus.DRAFT
    assert role.created_by == personas.manager
    assert role.purpose
    assert role.location
    assert role.hours_per_week > 0
    assert len(services.responsibility_groups(role.responsibilities)) >= 3
    criteria = list(role.criteria.all())
    assert 8 <= len(criteria) <= 12
    requirements = {criterion.requirement for criterion in criteria}
    assert requirements == {Requirement.ESSENTIAL, Requirement.DESIRABLE}
    assert len({criterion.category for criterion in criteria}) >= 3
    assert any(criterion.at_application for criterion in criteria)
    assert any(criterion.at_interview or criterion.at_test for criterion in criteria)
    # Complete enough to be agreed straight away.
    services.agree_job_role(role, personas.manager)


def test_template_roles_report_to_the_consortium_manager_once_there_is_one(personas: Personas) -> None:
    before = services.create_from_template("bid_manager", personas.manager)
    assert before.reports_to is None
    assert before.reports_to_other == "Consortium Manager"
    manager = services.create_from_template("consortium_manager", personas.manager)
    assert manager.reports_to_other == "The chair of the board"
    again = services.create_from_template("bid_manager", personas.manager)
    assert again.title == "Bid Manager (2)"  # titles are unique: the second copy is numbered
    assert again.reports_to == manager


def test_an_unknown_template_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="no job-role template"):
        services.create_from_template("chief_juggler", personas.manager)
    assert not JobRole.objects.exists()


def test_pay_reads_as_an_advert_gives_it() -> None:
    part_time = JobRole(
        salary_from=Decimal("34000"), salary_to=Decimal("38000"), fte=Decimal("0.80"), hours_per_week=Decimal(30)
    )
    assert services.pay_text(part_time) == (
        "£34,000 to £38,000 a year full-time equivalent (£27,200 to £30,400 a year for 0.8 FTE)"
    )
    assert services.hours_text(part_time) == "30 hours a week (0.8 FTE)"
    consultant = JobRole(day_rate=Decimal("350"), fte=Decimal("0.2"), hours_per_week=Decimal("7.5"))
    assert services.pay_text(consultant) == "£350 a day"
    assert services.pay_text(JobRole(fte=Decimal(1), hours_per_week=Decimal("37.5"))) == "To be agreed"
