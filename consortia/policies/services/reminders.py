"""Reminders to policies' owners: the review due in 60 days, in 14 days, and overdue; each sent once."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from consortia.policies.choices import ReminderKind
from consortia.policies.models import Policy, PolicyReminder

FIRST_DAYS = 60
SECOND_DAYS = 14


def reminder_due(policy: Policy, today: date) -> str:
    """The one reminder due for the policy's review: overdue, in 14 days, in 60 days, or ''."""
    due_on = policy.next_review_on
    if due_on is None:
        return ""
    if today > due_on:
        return ReminderKind.OVERDUE
    if today >= due_on - timedelta(days=SECOND_DAYS):
        return ReminderKind.FOURTEEN_DAYS
    if today >= due_on - timedelta(days=FIRST_DAYS):
        return ReminderKind.SIXTY_DAYS
    return ""


def _message(policy: Policy, kind: str) -> tuple[str, str]:
    due = f"{policy.next_review_on:%d/%m/%Y}"
    if kind == ReminderKind.OVERDUE:
        subject = f"Overdue: review of the {policy.get_kind_display().lower()} “{policy.title}”"
        opening = f"The review of “{policy.title}” was due on {due} and no new version has been approved."
    else:
        days = FIRST_DAYS if kind == ReminderKind.SIXTY_DAYS else SECOND_DAYS
        subject = f"Review of “{policy.title}” due on {due}"
        opening = (
            f"The {policy.get_kind_display().lower()} “{policy.title}” is due for review on {due}, in {days} days."
        )
    link = f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{policy.get_absolute_url()}"
    body = (
        f"Hello {policy.owner.full_name or ''},\n\n{opening}\n\nYou are its owner. Review it, upload the new "
        f"version and take it to the board for approval:\n{link}\n\nThank you.\n"
    )
    return subject, body


def send_policy_reminders(today: date | None = None) -> dict[str, int]:
    """E-mail each policy's owner 60 and 14 days before its review and when it is overdue. Only the
    nearest reminder due is sent, each kind once per review date (`PolicyReminder`), so running it
    again, or after missed days, sends nothing twice; a new review date gets reminders of its own."""
    today = today or timezone.localdate()
    counts = dict.fromkeys(ReminderKind.values, 0)
    counts["no_recipient"] = 0
    policies = (
        Policy.objects.filter(
            active=True, next_review_on__isnull=False, next_review_on__lte=today + timedelta(days=FIRST_DAYS)
        )
        .select_related("owner")
        .prefetch_related("reminders")
        .order_by("next_review_on", "pk")
    )
    for policy in policies:
        kind = reminder_due(policy, today)
        if not kind or any(
            sent.kind == kind and sent.due_on == policy.next_review_on for sent in policy.reminders.all()
        ):
            continue
        if not policy.owner.email or not policy.owner.is_active:
            counts["no_recipient"] += 1
            continue
        subject, body = _message(policy, kind)
        assert policy.next_review_on is not None
        with transaction.atomic():
            # The record first: if another run got there, the unique constraint stops a second e-mail.
            PolicyReminder.objects.create(
                policy=policy, kind=kind, due_on=policy.next_review_on, sent_to=policy.owner.email
            )
            send_mail(subject, body, None, [policy.owner.email])
        counts[kind] += 1
    return counts
