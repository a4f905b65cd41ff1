"""`send_follow_up_reminders`: the owner hears of a follow-up due soon and once overdue, once each."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consortia.relationships.models import FollowUpReminder
from consortia.relationships.services.reminders import send_follow_up_reminders
from consortia.relationships.tests import factories
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db


def test_due_soon_and_overdue_reminders_are_sent_once(personas: Personas) -> None:
    today = timezone.localdate()
    meeting = factories.interaction(factories.council("Reminder Council"), today - timedelta(days=30))
    soon = factories.follow_up(meeting, personas.bid_writer, today + timedelta(days=3), description="Send the plan")
    late = factories.follow_up(meeting, personas.manager, today - timedelta(days=1), description="Book the visit")
    factories.follow_up(meeting, personas.manager, today + timedelta(days=10), description="Later")
    factories.follow_up(meeting, personas.manager, today - timedelta(days=9), description="Done", done_on=today)
    out = StringIO()
    call_command("send_follow_up_reminders", stdout=out)
    assert "Sent 1 due-soon and 1 overdue reminder(s)." in out.getvalue()
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {personas.bid_writer.email, personas.manager.email}
    assert "Send the plan" in sent[personas.bid_writer.email].body
    assert "Reminder Council" in sent[personas.bid_writer.email].subject
    assert "Overdue follow-up" in sent[personas.manager.email].subject
    assert late.get_absolute_url() in sent[personas.manager.email].body
    # Again the same day, and the next: nothing new.
    call_command("send_follow_up_reminders", stdout=StringIO())
    assert send_follow_up_reminders(today + timedelta(days=1)) == {"due_soon": 0, "overdue": 0, "no_recipient": 0}
    assert len(mail.outbox) == 2
    # Once the due-soon one is overdue, its owner hears once more; a new due date starts afresh.
    assert send_follow_up_reminders(today + timedelta(days=4))["overdue"] == 1
    late.due_on = today + timedelta(days=2)
    late.save()
    assert send_follow_up_reminders(today)["due_soon"] == 1
    assert FollowUpReminder.objects.filter(follow_up=soon).count() == 2
    assert len(mail.outbox) == 4
