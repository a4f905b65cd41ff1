"""Reminders to the hub about reports due to funders: 30 and 7 days before, and once overdue."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.core.links import absolute_url
from consortia.funding.choices import WITH_AWARD, ReminderKind
from consortia.funding.models import FundingReminder, ReportingRequirement

FIRST_DAYS = 30  # the first reminder, this many days before the report is due
SECOND_DAYS = 7  # and the second


def reminder_due(due_on: date, today: date) -> str:
    """The one reminder due for a report not yet sent: overdue, 7 days, 30 days, or ''."""
    days = (due_on - today).days
    if days < 0:
        return ReminderKind.OVERDUE
    if days <= SECOND_DAYS:
        return ReminderKind.DAYS_7
    if days <= FIRST_DAYS:
        return ReminderKind.DAYS_30
    return ""


def recipients() -> list[str]:
    """The hub's managers and finance staff (active hub users, not members')."""
    from consortia.users import roles
    from consortia.users.models import User

    return list(
        User.objects.filter(groups__name__in=[roles.HUB_MANAGER, roles.FINANCE], is_active=True, organisation=None)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def _message(requirement: ReportingRequirement, kind: str, today: date) -> tuple[str, str]:
    application = requirement.application
    funder = application.prospect.funder
    when = f"{requirement.due_on:%d/%m/%Y}"
    if kind == ReminderKind.OVERDUE:
        subject = f"Overdue: “{requirement.title}” for {funder} was due on {when}"
        lead = (
            f"The report “{requirement.title}” for {funder} under “{application}” was due on {when} and has not "
            "been recorded as sent. Late reports can put the award's payments, or the award itself, at risk."
        )
    else:
        days = (requirement.due_on - today).days
        subject = f"“{requirement.title}” for {funder} is due on {when}"
        lead = f"The report “{requirement.title}” for {funder} under “{application}” is due on {when}, in {days} days."
    body = f"{lead}\n\nWhen it has gone, record the date it was sent:\n{absolute_url(requirement.get_absolute_url())}\n"
    return subject, body


def send_funding_reminders(today: date | None = None) -> dict[str, int]:
    """E-mail the hub's managers and finance staff about reports due to funders within 30 days,
    within 7 days, and overdue. Only the nearest reminder due is sent, each kind once per report
    and due date (`FundingReminder`), so running it again, or after missed days, sends nothing
    twice; a report whose due date moves is reminded of afresh.

    Returns counts by kind, with `already` (sent before) and `no_recipient`.
    """
    today = today or timezone.localdate()
    counts = dict.fromkeys(ReminderKind.values, 0) | {"already": 0, "no_recipient": 0}
    waiting = list(
        ReportingRequirement.objects.filter(
            submitted_on=None,
            application__status__in=WITH_AWARD,
            due_on__lte=today + timedelta(days=FIRST_DAYS),
        )
        .select_related("application__prospect__funder")
        .order_by("due_on", "pk")
    )
    sent = set(
        FundingReminder.objects.filter(requirement__in=[row.pk for row in waiting]).values_list(
            "requirement_id", "kind", "due_on"
        )
    )
    to = recipients()
    for requirement in waiting:
        kind = reminder_due(requirement.due_on, today)
        if not kind:
            continue
        if (requirement.pk, kind, requirement.due_on) in sent:
            counts["already"] += 1
            continue
        if not to:
            counts["no_recipient"] += 1
            continue
        subject, body = _message(requirement, kind, today)
        try:
            with transaction.atomic():
                # The record first: if another run got there, nothing is sent twice.
                FundingReminder.objects.create(
                    requirement=requirement, kind=kind, due_on=requirement.due_on, sent_to=", ".join(to)[:500]
                )
                send_mail(subject, body, None, to)
        except IntegrityError:
            counts["already"] += 1
            continue
        counts[kind] += 1
    return counts
