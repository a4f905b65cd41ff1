"""Reminders ahead of terms ending, sent once each, and the dashboard's "Terms ending soon"."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consortia.governance.models import TermAlert
from consortia.governance.tests import factories
from consortia.users.testing import Personas


def run(today: str = "") -> str:
    out = StringIO()
    call_command("send_term_alerts", *(["--date", today] if today else []), stdout=out)
    return out.getvalue()


def test_term_alerts_are_sent_once_at_90_and_30_days(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    board = factories.body("The board")
    ending = factories.appoint(
        board,
        factories.director("Ann Ending"),
        appointed_on=today - timedelta(days=900),
        term_ends_on=today + timedelta(days=80),
    )
    factories.appoint(
        board, factories.director("Far Off"), appointed_on=today, term_ends_on=today + timedelta(days=400)
    )
    factories.appoint(
        board,
        factories.director("Stood Down"),
        appointed_on=today - timedelta(days=900),
        term_ends_on=today + timedelta(days=20),
        ended_on=today - timedelta(days=1),
    )

    assert run() == "Sent 1 reminders; 0 had been sent before.\n"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [personas.manager.email]
    assert message.subject == f"Ann Ending's term on The board ends on {ending.term_ends_on:%d/%m/%Y}"
    assert "in 80 days" in message.body
    assert ending.get_absolute_url() in message.body
    assert run() == "Sent 0 reminders; 1 had been sent before.\n"
    assert len(mail.outbox) == 1

    # 30 days before: the second reminder, once.
    later = (today + timedelta(days=55)).isoformat()
    assert run(later) == "Sent 1 reminders; 0 had been sent before.\n"
    assert run(later) == "Sent 0 reminders; 1 had been sent before.\n"
    assert sorted(TermAlert.objects.values_list("days", flat=True)) == [30, 90]

    # The dashboard: for those who may see appointments.
    page = client_for(personas.board).get(reverse("core:home")).content.decode()
    assert "Terms ending soon" in page
    panel = page[page.index('id="governance-panel"') :]
    panel = panel[: panel.index("</section>")]
    assert "Ann Ending" in panel
    assert "Far Off" not in panel
    assert "Stood Down" not in panel
    assert "Terms ending soon" not in client_for(personas.member_a).get(reverse("portal:home")).content.decode()
