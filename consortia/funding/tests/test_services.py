"""Applications' status moves: dated, in order, and refused with a plain message when they make no sense."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consortia.core.testing.api import api_client
from consortia.funding.choices import ApplicationStatus as Status
from consortia.funding.models import Application, FundingPayment, Prospect
from consortia.funding.services.applications import move_application
from consortia.funding.tests import factories
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def messages(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


def test_an_application_moves_from_drafting_to_completed_with_each_date(personas: Personas) -> None:
    application = factories.application()
    assert application.status == Status.DRAFTING
    application = move_application(application, personas.manager, Status.SUBMITTED, TODAY - timedelta(days=30))
    assert application.submitted_on == TODAY - timedelta(days=30)
    application = move_application(
        application,
        personas.manager,
        Status.AWARDED,
        TODAY - timedelta(days=10),
        award_amount=Decimal("15000"),
        conditions="Report quarterly.",
    )
    assert (application.status, application.award_amount) == (Status.AWARDED, Decimal("15000"))
    assert application.decision_date == TODAY - timedelta(days=10)
    assert application.conditions == "Report quarterly."
    application = move_application(application, personas.manager, Status.COMPLETED)
    assert (application.status, application.completed_on) == (Status.COMPLETED, TODAY)
    history = list(application.history.order_by("history_date").values_list("status", "history_user"))
    assert [status for status, _ in history] == ["drafting", "submitted", "awarded", "completed"]
    assert history[-1][1] == personas.manager.pk


def test_an_award_needs_a_decision_date_and_an_amount_no_more_than_asked(personas: Personas) -> None:
    application = factories.application(status=Status.SUBMITTED, ask_amount=Decimal("20000"))
    with pytest.raises(ValidationError) as error:
        move_application(application, personas.manager, Status.AWARDED, None, award_amount=Decimal("1000"))
    assert "An award needs the date of the funder's decision." in messages(error)
    with pytest.raises(ValidationError) as error:
        move_application(application, personas.manager, Status.AWARDED, TODAY)
    assert "Give the amount awarded." in messages(error)
    with pytest.raises(ValidationError) as error:
        move_application(application, personas.manager, Status.AWARDED, TODAY, award_amount=Decimal("25000"))
    assert "The amount awarded (£25,000.00) cannot be more than the amount asked for (£20,000.00)" in messages(error)
    with pytest.raises(ValidationError) as error:
        move_application(application, personas.manager, Status.AWARDED, TODAY, award_amount=Decimal("0"))
    assert "must be more than £0" in messages(error)
    with pytest.raises(ValidationError) as error:
        move_application(
            application, personas.manager, Status.AWARDED, TODAY + timedelta(days=1), award_amount=Decimal("100")
        )
    assert "cannot be still to come" in messages(error)
    with pytest.raises(ValidationError) as error:
        move_application(
            application, personas.manager, Status.AWARDED, TODAY - timedelta(days=365), award_amount=Decimal("100")
        )
    assert "The decision cannot come before the application was submitted." in messages(error)
    application.refresh_from_db()
    assert (application.status, application.award_amount, application.decision_date) == (Status.SUBMITTED, None, None)


def test_a_declined_application_has_no_award(personas: Personas) -> None:
    application = factories.application(status=Status.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        move_application(application, personas.manager, Status.DECLINED, TODAY, award_amount=Decimal("500"))
    assert "An application that is declined has no award amount" in messages(error)
    with pytest.raises(ValidationError) as error:
        move_application(application, personas.manager, Status.DECLINED, None)
    assert "A declined application needs the date of the funder's decision." in messages(error)
    declined = move_application(application, personas.manager, Status.DECLINED, TODAY)
    assert (declined.status, declined.decision_date, declined.award_amount) == (Status.DECLINED, TODAY, None)


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        (Status.DRAFTING, Status.AWARDED, "An application that is drafting can only become submitted or withdrawn"),
        (Status.DRAFTING, Status.COMPLETED, "can only become submitted or withdrawn, not completed"),
        (Status.SUBMITTED, Status.DRAFTING, "can only become awarded or declined or withdrawn, not drafting"),
        (Status.DECLINED, Status.AWARDED, "The application is declined: its status can no longer change."),
        (Status.COMPLETED, Status.WITHDRAWN, "The application is completed: its status can no longer change."),
        (Status.WITHDRAWN, Status.SUBMITTED, "The application is withdrawn: its status can no longer change."),
        (Status.SUBMITTED, "won", "“won” is not a status of an application."),
    ],
)
def test_moves_out_of_order_are_refused(personas: Personas, start: str, to: str, message: str) -> None:
    application = factories.application(status=start)
    with pytest.raises(ValidationError) as error:
        move_application(application, personas.manager, to, TODAY, award_amount=None)
    assert message in messages(error)
    application.refresh_from_db()
    assert application.status == start


def test_withdrawing_an_award_hands_it_back(personas: Personas) -> None:
    application = factories.awarded()
    withdrawn = move_application(application, personas.manager, Status.WITHDRAWN)
    assert (withdrawn.status, withdrawn.withdrawn_on, withdrawn.award_amount) == (Status.WITHDRAWN, TODAY, None)


def test_payments_and_reports_belong_to_an_award(personas: Personas, client_for: Callable[..., Client]) -> None:
    drafting = factories.application()
    payment = FundingPayment(application=drafting, due_on=TODAY, amount=Decimal(100))
    with pytest.raises(ValidationError, match="only on an application that has been awarded"):
        payment.full_clean()
    client = client_for(personas.finance_officer)
    page = client.get(reverse("funding:fundingpayment_add")).content.decode()
    assert f'value="{drafting.pk}"' not in page  # only awarded applications are offered


def test_the_move_form(personas: Personas, client_for: Callable[..., Client]) -> None:
    application = factories.application(status=Status.SUBMITTED, ask_amount=Decimal("8000"))
    url = reverse("funding:application_move", args=[application.pk])
    client = client_for(personas.finance_officer)
    detail = client.get(application.get_absolute_url()).content.decode()
    assert "Move the application on" in detail
    assert "A grant is outside the scope of VAT; it may be clawed back" in detail
    response = client.post(url, {"status": "awarded", "award_amount": "9000", "on": TODAY.isoformat()})
    assert response.status_code == 422
    assert "cannot be more than the amount asked for" in response.content.decode()
    response = client.post(url, {"status": "declined", "award_amount": "10", "on": TODAY.isoformat()})
    assert response.status_code == 422
    assert "has no award amount" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    response = client.post(url, {"status": "awarded", "award_amount": "7500", "on": TODAY.isoformat()})
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.award_amount) == (Status.AWARDED, Decimal("7500"))
    # The board reads but may not move; a member's user does not see the hub's fundraising at all.
    assert client_for(personas.board).post(url, {"status": "completed"}).status_code == 403
    assert client_for(personas.member_a).post(url, {"status": "completed"}).status_code == 403
    assert client_for(personas.member_a).get(application.get_absolute_url()).status_code == 403


def test_the_api_moves_through_the_service(personas: Personas) -> None:
    application = factories.application(status=Status.SUBMITTED)
    url = reverse("api:fundingapplication-move", args=[application.pk])
    client = api_client(personas.manager)
    response = client.post(url, {"status": "declined", "award_amount": "100", "on": TODAY.isoformat()}, format="json")
    assert response.status_code == 400
    assert "has no award amount" in str(response.json())
    response = client.post(url, {"status": "declined", "on": TODAY.isoformat()}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "declined"
    # The status cannot be written directly.
    response = client.patch(
        reverse("api:fundingapplication-detail", args=[application.pk]), {"status": "awarded"}, format="json"
    )
    application.refresh_from_db()
    assert application.status == Status.DECLINED
    assert api_client(personas.board).post(url, {"status": "withdrawn"}, format="json").status_code == 403


def test_a_prospect_range_and_fit_are_checked() -> None:
    prospect = Prospect(
        funder=factories.funder(), programme="X", amount_min=Decimal(10), amount_max=Decimal(5), fit_note="Good"
    )
    with pytest.raises(ValidationError) as error:
        prospect.full_clean()
    assert "The largest amount cannot be less than the smallest." in messages(error)
    prospect.amount_max, prospect.fit = Decimal(50), 6
    with pytest.raises(ValidationError, match=r"Fit is from 1 to 5\."):
        prospect.full_clean()


def test_an_awarded_application_is_not_deleted(personas: Personas, client_for: Callable[..., Client]) -> None:
    application = factories.awarded()
    client = client_for(personas.manager)
    response = client.post(reverse("funding:application_delete", args=[application.pk]))
    assert response.status_code == 409
    assert Application.objects.filter(pk=application.pk).exists()
