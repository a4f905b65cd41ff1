"""The offer, the applicant's answer and the appointment, as services and through the page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from consortia.people.choices import ApplicationStage, VacancyStatus
from consortia.people.models import Application, StaffMember
from consortia.people.services import recruitment as services
from consortia.people.tests.recruitment.factories import Recruitment, recruitment
from consortia.users.testing import Personas

ClientFor = Callable[..., Client]


@pytest.fixture
def r(personas: Personas) -> Recruitment:
    r = recruitment(personas)
    services.record_shortlisting(
        r.vacancy, {r.ann.pk: "shortlisted", r.ben.pk: "shortlisted", r.cat.pk: "not_shortlisted"}, personas.manager
    )
    for application in (r.ann, r.ben, r.cat):
        application.refresh_from_db()
    return r


def test_offer_acceptance_and_appointment(r: Recruitment, personas: Personas) -> None:
    with pytest.raises(ValidationError, match="only once they have accepted"):
        services.appoint(r.ann, personas.org_a, date(2026, 4, 1), Decimal("18.50"), Decimal("0.8"), personas.manager)
    services.make_offer(r.ann, date(2026, 3, 2), personas.manager)
    assert (r.ann.stage, r.ann.offered_on) == (ApplicationStage.OFFERED, date(2026, 3, 2))
    with pytest.raises(ValidationError):
        services.record_acceptance(r.ann, date(2026, 3, 1), personas.manager)  # before the offer
    services.record_acceptance(r.ann, date(2026, 3, 4), personas.manager)

    staff = services.appoint(
        r.ann,
        personas.org_a,
        date(2026, 4, 1),
        Decimal("18.50"),
        Decimal("0.8"),
        personas.manager,
        login=personas.bid_writer,
    )
    assert (staff.first_name, staff.last_name, staff.job_role, staff.employer) == (
        "Ann",
        "Able",
        r.vacancy.job_role,
        personas.org_a,
    )
    assert (staff.appointed_from, staff.user, staff.fte, staff.created_by) == (
        r.ann,
        personas.bid_writer,
        Decimal("0.8"),
        personas.manager,
    )
    stages = dict(Application.objects.values_list("first_name", "stage"))
    # Ben was still in the running; Cat had already been left off the shortlist, which says more.
    assert stages == {"Ann": "appointed", "Ben": "unsuccessful", "Cat": "not_shortlisted"}
    r.vacancy.refresh_from_db()
    assert r.vacancy.status == VacancyStatus.FILLED
    with pytest.raises(ValidationError):
        services.make_offer(r.ben, date(2026, 3, 10), personas.manager)  # the vacancy is filled


def test_an_offer_needs_a_shortlisted_applicant(r: Recruitment, personas: Personas) -> None:
    with pytest.raises(ValidationError, match="shortlisted or interviewed"):
        services.make_offer(r.cat, date(2026, 3, 2), personas.manager)
    r.cat.refresh_from_db()
    assert r.cat.stage == ApplicationStage.NOT_SHORTLISTED


def test_a_declined_offer_withdraws_the_applicant(r: Recruitment, personas: Personas) -> None:
    services.make_offer(r.ann, date(2026, 3, 2), personas.manager)
    services.record_declined(r.ann, date(2026, 3, 3), personas.manager)
    r.ann.refresh_from_db()
    assert r.ann.stage == ApplicationStage.WITHDRAWN
    assert "Offer declined on 03/03/2026." in r.ann.decision_notes
    services.make_offer(r.ben, date(2026, 3, 4), personas.manager)  # the vacancy stays open


def test_an_invalid_appointment_saves_nothing(r: Recruitment, personas: Personas) -> None:
    services.make_offer(r.ann, date(2026, 3, 2), personas.manager)
    services.record_acceptance(r.ann, date(2026, 3, 4), personas.manager)
    with pytest.raises(ValidationError):
        services.appoint(r.ann, personas.org_a, date(2026, 4, 1), Decimal("18.50"), Decimal("1.5"), personas.manager)
    assert not StaffMember.objects.exists()
    r.ann.refresh_from_db()
    assert r.ann.stage == ApplicationStage.OFFERED


def decide(client: Client, application: Application, **data: str) -> None:
    response = client.post(reverse("people:application_decision", args=[application.pk]), data)
    assert response.status_code == 302


def test_the_decision_through_the_application_page(r: Recruitment, personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.manager)
    page = client.get(r.ann.get_absolute_url()).content.decode()
    assert "Record the offer" in page
    decide(client, r.ann, step="offer", offered_on="2026-03-02")
    assert "Record their answer" in client.get(r.ann.get_absolute_url()).content.decode()
    decide(client, r.ann, step="answer", answer="accepted", answered_on="2026-03-03")
    assert "Appoint</button>" in client.get(r.ann.get_absolute_url()).content.decode()
    decide(
        client,
        r.ann,
        step="appoint",
        employer=str(personas.org_a.pk),
        start_date="2026-04-01",
        fte="0.8",
        cost_rate="18.50",
    )
    staff = StaffMember.objects.get()
    assert staff.appointed_from == r.ann
    assert "Staff record" in client.get(r.ann.get_absolute_url()).content.decode()


def test_a_bad_decision_explains_itself(r: Recruitment, personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.manager)
    response = client.post(
        reverse("people:application_decision", args=[r.cat.pk]),
        {"step": "offer", "offered_on": "2026-03-02"},
        follow=True,
    )
    assert "Nothing was saved." in response.content.decode()
    assert "shortlisted or interviewed" in response.content.decode()
    response = client.post(
        reverse("people:application_decision", args=[r.ann.pk]),
        {"step": "offer", "offered_on": "not a date"},
        follow=True,
    )
    assert "Offer made on: Enter a valid date." in response.content.decode()
    r.ann.refresh_from_db()
    assert r.ann.stage == ApplicationStage.SHORTLISTED


def test_only_the_hub_manager_decides(r: Recruitment, personas: Personas, client_for: ClientFor) -> None:
    url = reverse("people:application_decision", args=[r.ann.pk])
    for persona in (personas.nobody, personas.member_a, personas.auditor, personas.board, personas.bid_writer):
        client = client_for(persona)
        assert client.post(url, {"step": "offer", "offered_on": "2026-03-02"}).status_code in (403, 404)
        if persona in (personas.auditor, personas.board, personas.bid_writer):
            assert "Record the offer" not in client.get(r.ann.get_absolute_url()).content.decode()
    r.ann.refresh_from_db()
    assert r.ann.stage == ApplicationStage.SHORTLISTED
