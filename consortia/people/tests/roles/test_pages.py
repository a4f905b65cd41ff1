"""The job-role page, drawing responsibilities, agreeing a role and starting from a template."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from consortia.core.services import record_version
from consortia.core.testing.views import queries_for
from consortia.people.choices import Requirement, RoleStatus
from consortia.people.models import JobRole, PersonSpecCriterion
from consortia.people.tests.roles.factories import CriterionFactory, JobRoleFactory
from consortia.people.tests.roles.helpers import allocate
from consortia.users.testing import Personas

ClientFor = Callable[..., Client]


@pytest.fixture
def role(db: None) -> JobRole:
    role = JobRoleFactory(title="Bid Writer", purpose="To win work for the members.", responsibilities="Old line.")
    CriterionFactory(job_role=role, text="Has written winning bids", category="experience")
    CriterionFactory(
        job_role=role,
        text="Knows the Procurement Act",
        category="knowledge",
        requirement=Requirement.DESIRABLE,
        at_interview=False,
        at_test=True,
    )
    allocate(role, "bidding", "Write bid answers", "R")
    allocate(role, "strategy", "Review the business plan", "I")
    return role


def test_detail_page_shows_job_description_person_specification_and_tasks(
    role: JobRole, personas: Personas, client_for: ClientFor
) -> None:
    page = client_for(personas.bid_writer).get(role.get_absolute_url()).content.decode()
    assert "To win work for the members." in page
    assert "37.5 hours a week (full time)" in page
    assert "£30,000 to £33,000 a year" in page
    assert "Old line." in page
    # The person specification, by category, with how each criterion is assessed.
    assert "Experience</caption>" in page
    assert "Knowledge</caption>" in page
    assert (
        "Has written winning bids</a></td>\n                <td>Essential</td>\n                <td>Application, Interview</td>"
        in page
    )
    assert "<td>Desirable</td>\n                <td>Application, Test</td>" in page
    # The hub tasks allocated to the role, with RACI.
    assert "Write bid answers" in page
    assert "Review the business plan" in page
    assert '<abbr title="Responsible (does the work)">R</abbr>' in page
    # A read-only role sees no buttons that change anything.
    assert "Draw responsibilities from the tasks allocated to this role" not in page
    assert "Mark as agreed" not in page
    assert "Job description (Word)" in page  # the bid team may build documents


def test_detail_page_costs_a_fixed_number_of_queries(role: JobRole, personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.manager)
    client.get(role.get_absolute_url())
    few = queries_for(client, role.get_absolute_url())
    for index in range(5):
        CriterionFactory(job_role=role, text=f"More criterion {index}")
        allocate(role, "contracts", f"More task {index}", "C")
    assert queries_for(client, role.get_absolute_url()) == few


def test_manager_sees_the_buttons(role: JobRole, personas: Personas, client_for: ClientFor) -> None:
    page = client_for(personas.manager).get(role.get_absolute_url()).content.decode()
    assert "Draw responsibilities from the tasks allocated to this role" in page
    assert "Mark as agreed" in page
    assert f"/people/person-specification-criteria/add/?job_role={role.pk}" in page


def test_drawing_responsibilities_needs_confirmation(role: JobRole, personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.manager)
    url = reverse("people:jobrole_draft_responsibilities", args=[role.pk])
    page = client.get(url).content.decode()
    assert "Write bid answers." in page
    assert "Kept informed of: Review the business plan." in page
    assert "Old line." in page  # the current text, side by side

    client.post(url, {"_version": record_version(role)})  # not confirmed
    role.refresh_from_db()
    assert role.responsibilities == "Old line."

    response = client.post(url, {"_version": record_version(role), "confirm": "yes"})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.responsibilities.splitlines()[:2] == ["Scope for and bid for contracts:", "Write bid answers."]
    history = client.get(reverse("people:jobrole_history", args=[role.pk])).content.decode()
    assert "Old line." in history


def test_drawing_responsibilities_refuses_a_stale_page(
    role: JobRole, personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.manager)
    seen = record_version(role)
    JobRole.objects.filter(pk=role.pk).update(responsibilities="Someone else's edit.")
    url = reverse("people:jobrole_draft_responsibilities", args=[role.pk])
    client.post(url, {"_version": seen, "confirm": "yes"})
    role.refresh_from_db()
    assert role.responsibilities == "Someone else's edit."


def test_agreeing_needs_an_essential_criterion(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.manager)
    role = JobRoleFactory()
    CriterionFactory(job_role=role, requirement=Requirement.DESIRABLE)
    response = client.post(reverse("people:jobrole_agree", args=[role.pk]), follow=True)
    assert "at least one essential criterion" in response.content.decode()
    role.refresh_from_db()
    assert role.status == RoleStatus.DRAFT

    CriterionFactory(job_role=role, requirement=Requirement.ESSENTIAL)
    client.post(reverse("people:jobrole_agree", args=[role.pk]))
    role.refresh_from_db()
    assert role.status == RoleStatus.AGREED


def test_the_edit_form_refuses_agreed_without_an_essential_criterion(personas: Personas, client_for: ClientFor) -> None:
    role = JobRoleFactory(title="No Criteria Role")
    data = {
        "title": role.title,
        "purpose": role.purpose,
        "status": "agreed",
        "hours_per_week": "37.5",
        "fte": "1",
        "contract_type": "permanent",
        "_version": record_version(role),
    }
    response = client_for(personas.manager).post(reverse("people:jobrole_edit", args=[role.pk]), data)
    assert response.status_code == 200
    assert (
        "cannot be agreed until its person specification has at least one essential criterion"
        in response.content.decode()
    )
    role.refresh_from_db()
    assert role.status == RoleStatus.DRAFT
    assert role.history.count() == 1


def test_role_pages_refuse_users_without_the_right(role: JobRole, personas: Personas, client_for: ClientFor) -> None:
    pages = [
        ("get", reverse("people:jobrole_draft_responsibilities", args=[role.pk])),
        ("post", reverse("people:jobrole_draft_responsibilities", args=[role.pk])),
        ("post", reverse("people:jobrole_agree", args=[role.pk])),
        ("get", reverse("people:jobrole_from_template")),
        ("post", reverse("people:jobrole_from_template")),
    ]
    for persona in (personas.nobody, personas.member_a, personas.auditor, personas.board, personas.bid_writer):
        client = client_for(persona)
        for method, url in pages:
            data = {"confirm": "yes", "template": "bid_manager", "_version": record_version(role)}
            response = getattr(client, method)(url, data) if method == "post" else client.get(url)
            assert response.status_code in (403, 404), (persona, method, url)
    role.refresh_from_db()
    assert role.responsibilities == "Old line."
    assert role.status == RoleStatus.DRAFT
    assert JobRole.objects.count() == 1


def test_start_from_a_template(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.manager)
    listing = client.get(reverse("people:jobrole_list")).content.decode()
    assert "Start from a template" in listing
    add = client.get(reverse("people:jobrole_add")).content.decode()
    assert "Start from a template" in add
    assert "Hub Administrator: " in add
    page = client.get(reverse("people:jobrole_from_template")).content.decode()
    assert "Contracts and Performance Officer" in page

    response = client.post(reverse("people:jobrole_from_template"), {"template": "hub_administrator"})
    role = JobRole.objects.get(title="Hub Administrator")
    assert response["Location"] == role.get_absolute_url()
    assert role.criteria.count() == 10

    response = client.post(reverse("people:jobrole_from_template"), {"template": "nonsense"})
    assert response.status_code == 422
    assert JobRole.objects.count() == 1


def test_read_only_users_see_no_template_choice(personas: Personas, client_for: ClientFor) -> None:
    listing = client_for(personas.auditor).get(reverse("people:jobrole_list")).content.decode()
    assert "Start from a template" not in listing


def test_the_only_essential_criterion_of_an_agreed_role_cannot_be_deleted(
    personas: Personas, client_for: ClientFor
) -> None:
    role = JobRoleFactory(status=RoleStatus.AGREED)
    only = CriterionFactory(job_role=role, requirement=Requirement.ESSENTIAL)
    response = client_for(personas.manager).post(reverse("people:personspeccriterion_delete", args=[only.pk]))
    assert response.status_code == 409
    assert "only essential criterion" in response.content.decode()
    assert PersonSpecCriterion.objects.filter(pk=only.pk).exists()


def test_a_role_with_allocated_tasks_cannot_be_deleted(
    role: JobRole, personas: Personas, client_for: ClientFor
) -> None:
    response = client_for(personas.manager).post(reverse("people:jobrole_delete", args=[role.pk]))
    assert response.status_code == 409
    assert "hub task allocations name this role" in response.content.decode()
    assert JobRole.objects.filter(pk=role.pk).exists()
