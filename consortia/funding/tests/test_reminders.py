"""Reminders of reports due to funders: 30 and 7 days before and overdue, each sent once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from consortia.funding.choices import ApplicationStatus, ReminderKind
from consortia.funding.models import FundingReminder
from consortia.funding.services.reminders import reminder_due, send_funding_reminders
from consortia.funding.tests import factories
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("days", "kind"),
    [
        (31, ""),
        (30, ReminderKind.DAYS_30),
        (8, ReminderKind.DAYS_30),
        (7, ReminderKind.DAYS_7),
        (0, ReminderKind.DAYS_7),
        (-1, ReminderKind.OVERDUE),
    ],
)
def test_which_reminder_is_due(days: int, kind: str) -> None:
    assert reminder_due(TODAY + timedelta(days=days), TODAY) == kind


def test_each_reminder_is_sent_once(personas: Personas) -> None:
    award = factories.awarded(title="Core funding")
    report = factories.report(award, due_on=TODAY + timedelta(days=25), title="Six-month report")
    factories.report(award, due_on=TODAY + timedelta(days=90), title="Annual report")  # not yet
    factories.report(award, due_on=TODAY - timedelta(days=3), title="Sent already", submitted_on=TODAY)
    counts = send_funding_reminders(TODAY)
    assert (counts["days_30"], counts["days_7"], counts["overdue"]) == (1, 0, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Six-month report" in message.subject
    assert "in 25 days" in message.body
    assert report.get_absolute_url() in message.body
    # The hub's manager and finance staff, not members' users.
    assert set(message.to) == {personas.manager.email, personas.finance_officer.email}

    assert send_funding_reminders(TODAY)["already"] == 1  # the same day again: nothing new
    assert len(mail.outbox) == 1
    send_funding_reminders(TODAY + timedelta(days=20))  # 5 days to go
    send_funding_reminders(TODAY + timedelta(days=21))
    send_funding_reminders(TODAY + timedelta(days=26))  # a day late
    send_funding_reminders(TODAY + timedelta(days=40))
    kinds = list(FundingReminder.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [ReminderKind.DAYS_30, ReminderKind.DAYS_7, ReminderKind.OVERDUE]
    assert len(mail.outbox) == 3
    assert mail.outbox[2].subject.startswith("Overdue:")


def test_a_missed_run_sends_only_the_nearest_reminder(personas: Personas) -> None:
    factories.report(factories.awarded(), due_on=TODAY + timedelta(days=3))
    counts = send_funding_reminders(TODAY)
    assert (counts["days_30"], counts["days_7"]) == (0, 1)


def test_reports_of_applications_not_awarded_are_not_reminded(personas: Personas) -> None:
    award = factories.awarded()
    factories.report(award, due_on=TODAY + timedelta(days=5))
    from consortia.funding.services.applications import move_application

    move_application(award, personas.manager, ApplicationStatus.WITHDRAWN)
    assert send_funding_reminders(TODAY)["days_7"] == 0
    assert not mail.outbox


def test_the_record_allows_each_reminder_once(personas: Personas) -> None:
    report = factories.report(factories.awarded())
    FundingReminder.objects.create(requirement=report, kind=ReminderKind.OVERDUE, due_on=report.due_on, sent_to="a@b")
    with pytest.raises(IntegrityError):
        FundingReminder.objects.create(
            requirement=report, kind=ReminderKind.OVERDUE, due_on=report.due_on, sent_to="a@b"
        )


def test_the_command_is_idempotent(personas: Personas, capsys: pytest.CaptureFixture[str]) -> None:
    factories.report(factories.awarded(), due_on=TODAY - timedelta(days=1))
    call_command("send_funding_reminders", "--date", TODAY.isoformat())
    assert "Sent 0 30-day, 0 7-day and 1 overdue reminders (0 sent before)." in capsys.readouterr().out
    call_command("send_funding_reminders", "--date", TODAY.isoformat())
    assert "Sent 0 30-day, 0 7-day and 0 overdue reminders (1 sent before)." in capsys.readouterr().out
    assert len(mail.outbox) == 1
