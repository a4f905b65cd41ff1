"""Reminders to the owners of follow-ups due within three days or overdue; each sent once."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.core.links import absolute_url
from consortia.relationships.choices import ReminderKind
from consortia.relationships.models import FollowUp, FollowUpReminder

DUE_SOON_DAYS = 3


def reminder_due(follow_up: FollowUp, today: date) -> str:
    """The reminder due for an open follow-up: overdue, due soon, or ''."""
    if follow_up.due_on < today:
        return ReminderKind.OVERDUE
    if follow_up.due_on <= today + timedelta(days=DUE_SOON_DAYS):
        return ReminderKind.DUE_SOON
    return ""


def _message(follow_up: FollowUp, kind: str) -> tuple[str, str]:
    interaction = follow_up.interaction
    due = f"{follow_up.due_on:%d/%m/%Y}"
    if kind == ReminderKind.OVERDUE:
        subject = f"Overdue follow-up for {interaction.commissioner}: {follow_up.description}"[:200]
        opening = f"This follow-up was due on {due} and is not marked done:"
    else:
        subject = f"Follow-up due {due} for {interaction.commissioner}: {follow_up.description}"[:200]
        opening = f"This follow-up is due on {due}:"
    body = (
        f"Hello {follow_up.owner.full_name or follow_up.owner.email},\n\n{opening}\n\n"
        f"  {follow_up.description}\n\nIt follows “{interaction}” with {interaction.commissioner} on "
        f"{interaction.date:%d/%m/%Y}.\n\nMark it done when it is, at:\n{absolute_url(follow_up.get_absolute_url())}\n"
    )
    return subject, body


def send_follow_up_reminders(today: date | None = None) -> dict[str, int]:
    """E-mail each open follow-up's owner when it is due within three days and again when it is
    overdue. A `FollowUpReminder` row (unique per follow-up, kind and due date) is written before
    the e-mail, so running this again, or after missed days, sends nothing twice."""
    today = today or timezone.localdate()
    counts = dict.fromkeys(ReminderKind.values, 0)
    counts["no_recipient"] = 0
    waiting = (
        FollowUp.objects.filter(done_on__isnull=True, due_on__lte=today + timedelta(days=DUE_SOON_DAYS))
        .select_related("owner", "interaction__commissioner")
        .prefetch_related("reminders")
        .order_by("due_on", "pk")
    )
    for follow_up in waiting:
        kind = reminder_due(follow_up, today)
        if not kind or any(sent.kind == kind and sent.due_on == follow_up.due_on for sent in follow_up.reminders.all()):
            continue
        if not follow_up.owner.is_active or not follow_up.owner.email:
            counts["no_recipient"] += 1
            continue
        subject, body = _message(follow_up, kind)
        try:
            with transaction.atomic():
                # The record first: if another run got there, the constraint stops a second e-mail.
                FollowUpReminder.objects.create(
                    follow_up=follow_up, kind=kind, due_on=follow_up.due_on, sent_to=follow_up.owner.email
                )
                send_mail(subject, body, None, [follow_up.owner.email])
        except IntegrityError:
            continue
        counts[kind] += 1
    return counts
