"""Reminders about monitoring returns: due soon, late, and missing; each sent once per return."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from consortia.core.workdays import add_working_days
from consortia.performance.choices import MEMBER_EDITABLE, ReminderKind
from consortia.performance.models import MonitoringReturn, ReturnReminder

DUE_SOON_DAYS = 5  # calendar days before the due date
MISSING_WORKING_DAYS = 10  # working days after the due date, when the hub is told too


def reminder_due(monitoring_return: MonitoringReturn, today: date) -> str:
    """The one reminder due for a return the member has not sent: missing, late, due soon, or ''."""
    due_on = monitoring_return.period.due_on
    if today > add_working_days(due_on, MISSING_WORKING_DAYS):
        return ReminderKind.MISSING
    if today > due_on:
        return ReminderKind.LATE
    if today >= due_on - timedelta(days=DUE_SOON_DAYS) and today >= monitoring_return.period.opens_on:
        return ReminderKind.DUE_SOON
    return ""


def _link(monitoring_return: MonitoringReturn) -> str:
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{reverse('portal:return', args=[monitoring_return.pk])}"


def _message(monitoring_return: MonitoringReturn, kind: str) -> tuple[str, str]:
    period, due = monitoring_return.period, f"{monitoring_return.period.due_on:%d/%m/%Y}"
    contract = monitoring_return.subcontract.contract.title
    if kind == ReminderKind.DUE_SOON:
        subject = f"Monitoring return for {period} due on {due}"
        opening = f"Your monitoring return for {period} ({contract}) is due on {due}."
    elif kind == ReminderKind.LATE:
        subject = f"Late: monitoring return for {period}"
        opening = f"Your monitoring return for {period} ({contract}) was due on {due} and has not been submitted."
    else:
        subject = f"Missing: {monitoring_return.subcontract.organisation}'s monitoring return for {period}"
        opening = (
            f"{monitoring_return.subcontract.organisation}'s monitoring return for {period} ({contract}) was due on "
            f"{due} and is still missing. The hub has been told."
        )
    return subject, f"Hello,\n\n{opening}\n\nFill it in and submit it at:\n{_link(monitoring_return)}\n\nThank you.\n"


def send_return_reminders(today: date | None = None) -> dict[str, int]:
    """E-mail the member's users (or its address) about returns due within five days, late, or
    missing ten working days after the due date (the hub's contracts staff and managers are told
    then too). Only the nearest reminder due is sent, and each kind once per return
    (`ReturnReminder`), so running it again, or after missed days, sends nothing twice."""
    from consortia.users import roles
    from consortia.users.models import User

    today = today or timezone.localdate()
    counts = dict.fromkeys(ReminderKind.values, 0)
    counts["no_recipient"] = 0
    waiting = list(
        MonitoringReturn.objects.filter(
            status__in=MEMBER_EDITABLE, period__due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
        )
        .select_related("period", "subcontract__organisation", "subcontract__contract")
        .prefetch_related("reminders")
        .order_by("period__due_on", "pk")
    )
    member_emails: dict[int, list[str]] = defaultdict(list)
    for organisation_id, email in (
        User.objects.filter(organisation_id__in={r.subcontract.organisation_id for r in waiting}, is_active=True)
        .order_by("email")
        .values_list("organisation_id", "email")
    ):
        member_emails[organisation_id].append(email)
    hub_emails = list(
        User.objects.filter(
            groups__name__in=[roles.HUB_MANAGER, roles.CONTRACTS], is_active=True, organisation__isnull=True
        )
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    for monitoring_return in waiting:
        kind = reminder_due(monitoring_return, today)
        if not kind or any(sent.kind == kind for sent in monitoring_return.reminders.all()):
            continue
        organisation = monitoring_return.subcontract.organisation
        recipients = member_emails.get(organisation.pk) or (
            [organisation.email] if getattr(organisation, "email", "") else []
        )
        if kind == ReminderKind.MISSING:
            recipients = [*recipients, *hub_emails]
        if not recipients:
            counts["no_recipient"] += 1
            continue
        subject, body = _message(monitoring_return, kind)
        with transaction.atomic():
            # The record first: if another run got there, nothing is sent twice.
            ReturnReminder.objects.create(
                monitoring_return=monitoring_return, kind=kind, recipients=", ".join(recipients)[:500]
            )
            send_mail(subject, body, None, recipients)
        counts[kind] += 1
    return counts
