"""Reminders to the hub managers that board and committee terms are ending (90 and 30 days
ahead), and the dashboard's "Terms ending soon"."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from consortia.core.links import absolute_url
from consortia.governance.models import Appointment, TermAlert
from consortia.users import roles
from consortia.users.models import User

LEAD_DAYS = (90, 30)  # reminders this many days before a term ends


def ending_soon(appointments: Any, today: date | None = None, days: int = max(LEAD_DAYS)) -> list[Appointment]:
    """Appointments still running whose term ends within `days`, soonest first (one query)."""
    today = today or timezone.localdate()
    return list(
        appointments.filter(term_ends_on__range=(today, today + timedelta(days=days)))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related("person", "body")
        .order_by("term_ends_on", "person__full_name", "pk")
    )


def hub_managers() -> list[str]:
    return sorted(
        User.objects.filter(groups__name=roles.HUB_MANAGER, is_active=True, organisation__isnull=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _lead(appointment: Appointment, today: date) -> int:
    """The reminder due now: 30 days ahead once within 30 days, else 90."""
    assert appointment.term_ends_on is not None
    left = (appointment.term_ends_on - today).days
    return min(days for days in LEAD_DAYS if left <= days)


def send_term_alerts(today: date | None = None) -> dict[str, int]:
    """E-mail the hub managers each reminder due; each is sent once, ever (`TermAlert`).

    Returns counts: sent, already sent, and nobody to send to.
    """
    today = today or timezone.localdate()
    counts = {"sent": 0, "already": 0, "nobody": 0}
    due = ending_soon(Appointment.objects.all(), today)
    sent = set(
        TermAlert.objects.filter(appointment__in=[row.pk for row in due]).values_list(
            "appointment_id", "days", "term_ends_on"
        )
    )
    managers = hub_managers()
    for appointment in due:
        lead = _lead(appointment, today)
        assert appointment.term_ends_on is not None
        if (appointment.pk, lead, appointment.term_ends_on) in sent:
            counts["already"] += 1
            continue
        if not managers:
            counts["nobody"] += 1
            continue
        when = f"{appointment.term_ends_on:%d/%m/%Y}"
        left = (appointment.term_ends_on - today).days
        subject = f"{appointment.person}'s term on {appointment.body} ends on {when}"
        body = (
            f"{appointment.person}'s term as {appointment.get_role_display().lower()} on {appointment.body} "
            f"ends on {when}, in {left} days.\n\n"
            "Check the rules on terms of office, then either arrange the reappointment (a new appointment "
            "starting the day after) or plan the recruitment of a successor, and tell the chair.\n\n"
            f"The appointment: {absolute_url(appointment.get_absolute_url())}\n"
        )
        try:
            with transaction.atomic():
                TermAlert.objects.create(
                    appointment=appointment,
                    days=lead,
                    term_ends_on=appointment.term_ends_on,
                    sent_to=", ".join(managers),
                )
                send_mail(subject, body, None, managers)
        except IntegrityError:  # another run sent it meanwhile
            counts["already"] += 1
            continue
        counts["sent"] += 1
    return counts
