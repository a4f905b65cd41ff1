"""Reminders ahead of a contract's end and extension decision, and the dashboard's panel."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consortia.contracts.models import ContractAlert
from consortia.contracts.services.contracts import agree_variation
from consortia.contracts.tests import factories
from consortia.users.testing import Personas


def run(today: str = "") -> str:
    out = StringIO()
    call_command("send_contract_alerts", *(["--date", today] if today else []), stdout=out)
    return out.getvalue()


def test_alerts_are_sent_once_and_again_for_a_moved_date(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    ending = factories.contract(
        reference="END-1",
        start_date=today - timedelta(days=400),
        end_date=today + timedelta(days=80),
        manager=personas.contracts_officer,
    )
    deciding = factories.contract(
        reference="EXT-1",
        start_date=today - timedelta(days=100),
        end_date=today + timedelta(days=700),
        extension_decision_by=today + timedelta(days=50),
        extension_options="One extension of 12 months.",
        manager=personas.manager,
    )
    factories.contract(reference="FAR-1", end_date=today + timedelta(days=400), start_date=today)  # not yet
    factories.contract(reference="NOONE-1", start_date=today, end_date=today + timedelta(days=10))  # no manager

    assert run() == "Sent 2 reminders; 0 had been sent before; 1 contracts have no manager to send to.\n"
    by_to = {message.to[0]: message for message in mail.outbox}
    assert set(by_to) == {personas.contracts_officer.email, personas.manager.email}
    assert by_to[personas.contracts_officer.email].subject == f"Contract END-1 ends on {ending.end_date:%d/%m/%Y}"
    assert "in 80 days" in by_to[personas.contracts_officer.email].body
    assert "One extension of 12 months." in by_to[personas.manager.email].body
    assert deciding.get_absolute_url() in by_to[personas.manager.email].body

    # A second run sends nothing.
    assert run().startswith("Sent 0 reminders; 2 had been sent before")
    assert len(mail.outbox) == 2
    assert ContractAlert.objects.count() == 2
    # An extension by variation moves the end: a new reminder when the new end comes near.
    agree_variation(ending, personas.manager, "Extended", 0, today, today + timedelta(days=85))
    assert run().startswith("Sent 1 reminders; 1 had been sent before")

    # The dashboard lists them for those who may see contracts; the member sees only their own.
    page = client_for(personas.contracts_officer).get(reverse("core:home")).content.decode()
    assert "ends and extension decisions coming up" in page
    page = page[page.index('id="contracts-panel"') :]
    page = page[: page.index("</section>")]
    assert "END-1" in page
    assert "EXT-1" in page
    assert "FAR-1" not in page
    page = client_for(personas.bid_writer).get(reverse("core:home")).content.decode()
    assert 'id="contracts-panel"' in page  # hub staff read every contract
