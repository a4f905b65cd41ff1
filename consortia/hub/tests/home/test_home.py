"""The hub's home page: the set-up checklist, step by step, and who may see it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.test import Client

from consortia.core.testing.views import queries_for
from consortia.documents.models import GeneratedDocument
from consortia.hub.choices import AgreementStatus, Raci
from consortia.hub.models import HubTask, ServiceAgreement, ServiceStandard, TaskAllocation
from consortia.hub.services.home import setup_progress
from consortia.hub.tests.appraisal.factories import HubDecisionFactory, delivery_model
from consortia.hub.tests.delivery.factories import DelivererFactory, JobRoleFactory, function
from consortia.people.models import StaffMember
from consortia.users.testing import Personas

HOME = "/hub/"


def done(user=None) -> list[bool]:  # type: ignore[no-untyped-def]
    return [step.done for step in setup_progress(user)]


def allocate_every_task() -> None:
    doer = DelivererFactory(name="Consortium Manager")
    signer = DelivererFactory(name="The Board")
    for task in HubTask.objects.filter(retired=False):
        TaskAllocation.objects.create(task=task, deliverer=doer, raci=Raci.RESPONSIBLE)
        TaskAllocation.objects.create(task=task, deliverer=signer, raci=Raci.ACCOUNTABLE)


def document(kind: str, source=None) -> GeneratedDocument:  # type: ignore[no-untyped-def]
    return GeneratedDocument.objects.create(
        kind=kind,
        title=kind,
        format="docx",
        filename=f"{kind}.docx",
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
    )


def test_an_in_house_hub_goes_through_the_steps_in_order(personas: Personas) -> None:
    steps = setup_progress()
    assert [step.name for step in steps] == [
        "Decide the type of hub",
        "Give every task someone responsible and someone accountable",
        "Agree the hub's service standards",
        "Produce the service specification or job descriptions",
        "Recruit the hub's staff",
    ]
    assert done() == [False] * 5
    assert "tasks" in steps[1].detail

    HubDecisionFactory(chosen_model=delivery_model("central"))
    assert done() == [True, False, False, False, False]
    assert setup_progress()[3].name == "Produce job descriptions for the hub's staff"

    allocate_every_task()
    assert done()[1]
    # One task losing its accountable undoes the step.
    lost = TaskAllocation.objects.filter(raci=Raci.ACCOUNTABLE).first()
    assert lost is not None
    lost.delete()
    step = setup_progress()[1]
    assert not step.done
    assert step.detail.startswith("1 task of ")
    assert step.url == "/hub/raci/"
    TaskAllocation.objects.create(task=lost.task, deliverer=lost.deliverer, raci=Raci.ACCOUNTABLE)
    assert done()[1]

    standard = ServiceStandard.objects.create(
        function=function("performance"), name="Returns validated within 10 working days", target=Decimal(10)
    )
    assert not done()[2]  # a draft is not agreed
    standard.agreed_on = date(2023, 9, 1)
    standard.save()
    assert done()[2]

    manager_role = JobRoleFactory(title="Consortium Manager", status="agreed")
    JobRoleFactory(title="Draft role")  # drafts need no job description yet
    assert not done()[3]
    document("job_description", manager_role)
    assert done()[3]

    StaffMember.objects.create(
        first_name="Helen",
        last_name="Tattersall",
        employer=personas.org_a,
        fte=Decimal("1.00"),
        cost_rate=Decimal("21.50"),
        start_date=date(2023, 10, 2),
    )
    assert done() == [True] * 5


def test_an_outsourced_hub_needs_a_specification_and_its_provider_engaged(personas: Personas) -> None:
    decision = HubDecisionFactory(chosen_model=delivery_model("member"), provider=personas.org_a)
    steps = setup_progress()
    assert steps[0].done
    assert "delivered by Alpha Advice Centre" in steps[0].detail
    assert steps[3].name == "Produce the service specification"
    assert not steps[3].done
    document("service_specification")
    assert done()[3]
    assert setup_progress()[4].name == "Recruit staff or engage the provider"
    agreement = ServiceAgreement.objects.create(
        decision=decision, provider=personas.org_a, title="Hub services", start=date(2023, 10, 1), fee=Decimal(30000)
    )
    assert not done()[4]  # still a draft
    agreement.status = AgreementStatus.ACTIVE
    agreement.save()
    assert done()[4]


def test_the_page_shows_the_steps_and_progress(personas: Personas, client_for: Callable[..., Client]) -> None:
    HubDecisionFactory()
    page = client_for(personas.board).get(HOME).content.decode()
    assert "1 of 5 done" in page
    assert "Decide the type of hub" in page
    assert page.count(">Done<") == 1
    assert page.count(">Not done<") == 4
    assert 'href="/hub/raci/"' in page


def test_who_may_see_the_page(personas: Personas, client_for: Callable[..., Client]) -> None:
    assert client_for(personas.nobody).get(HOME).status_code == 403
    assert client_for(personas.member_a).get(HOME).status_code == 403
    assert client_for(personas.auditor).get(HOME).status_code == 200
    assert client_for(personas.manager).get(HOME).status_code == 200


def test_the_page_costs_a_fixed_number_of_queries(personas: Personas, client_for: Callable[..., Client]) -> None:
    HubDecisionFactory()
    client = client_for(personas.manager)
    client.get(HOME)
    few = queries_for(client, HOME)
    allocate_every_task()
    for index in range(5):
        document("job_description", JobRoleFactory(title=f"Role {index}", status="agreed"))
    many = queries_for(client, HOME)
    # session, user, 2 × permissions, the decision, tasks lacking R or A, agreed standards,
    # agreed job roles without a job description (or the specification), staff
    assert (few, many) == (9, 9)


def test_the_dashboard_shows_the_set_up_until_it_is_done(personas: Personas, client_for: Callable[..., Client]) -> None:
    HubDecisionFactory()
    page = client_for(personas.manager).get("/").content.decode()
    assert "Setting up the hub: 1 of 5 done" in page
    assert "Give every task someone responsible and someone accountable: <strong>not done</strong>" in page
    # Staff without the hub's records, and member users (sent to the portal), do not see it.
    assert "Setting up the hub" not in client_for(personas.nobody).get("/").content.decode()
    assert client_for(personas.member_a).get("/").status_code == 302
