"""`send_policy_reminders`: the owner is told 60 and 14 days before a review and when it is overdue, once each."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consortia.policies.choices import ReminderKind
from consortia.policies.models import PolicyReminder
from consortia.policies.services.reminders import send_policy_reminders
from consortia.policies.tests import factories
from consortia.users.testing import Personas

TODAY = timezone.localdate()


def test_reminders_at_sixty_and_fourteen_days_and_when_overdue(personas: Personas) -> None:
    policy = factories.policy(personas.manager, title="Whistleblowing", next_review_on=TODAY + timedelta(days=60))
    factories.policy(personas.manager, title="Far off", next_review_on=TODAY + timedelta(days=200))
    assert send_policy_reminders(TODAY)["60_days"] == 1
    assert mail.outbox[-1].to == [personas.manager.email]
    assert "Whistleblowing" in mail.outbox[-1].subject
    assert policy.get_absolute_url() in mail.outbox[-1].body
    assert send_policy_reminders(TODAY + timedelta(days=46))["14_days"] == 1
    counts = send_policy_reminders(TODAY + timedelta(days=61))
    assert counts["overdue"] == 1
    assert mail.outbox[-1].subject.startswith("Overdue")
    assert len(mail.outbox) == 3
    assert set(PolicyReminder.objects.values_list("kind", flat=True)) == set(ReminderKind.values)


def test_running_again_sends_nothing_twice(personas: Personas) -> None:
    factories.policy(personas.manager, next_review_on=TODAY + timedelta(days=10))
    first = io.StringIO()
    call_command("send_policy_reminders", stdout=first)
    assert "Sent 0 60-day, 1 14-day and 0 overdue reminders." in first.getvalue()
    second = io.StringIO()
    call_command("send_policy_reminders", stdout=second)
    assert "Sent 0 60-day, 0 14-day and 0 overdue reminders." in second.getvalue()
    assert len(mail.outbox) == 1
    assert PolicyReminder.objects.count() == 1


def test_a_new_review_date_gets_reminders_of_its_own(personas: Personas) -> None:
    policy = factories.policy(personas.manager, next_review_on=TODAY + timedelta(days=5))
    send_policy_reminders(TODAY)
    factories.approved(policy, personas.manager)  # reviewed and approved: due again in 12 months
    policy.refresh_from_db()
    assert policy.next_review_on is not None
    assert send_policy_reminders(policy.next_review_on - timedelta(days=14))["14_days"] == 1
    assert len(mail.outbox) == 2


def test_policies_not_in_use_or_not_yet_approved_are_left_alone(personas: Personas) -> None:
    factories.policy(personas.manager, next_review_on=TODAY - timedelta(days=5), active=False)
    factories.policy(personas.manager)  # no approved version, so no review date
    assert sum(send_policy_reminders(TODAY).values()) == 0
    assert not mail.outbox
