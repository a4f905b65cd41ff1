"""Reminders about expiring evidence: the nearest one due, each sent once, ever."""

from __future__ import annotations

from datetime import date, timedelta

from django.core import mail
from django.core.management import call_command

from consortia.directory.models import Organisation
from consortia.members.choices import EvidenceStatus
from consortia.members.models import Evidence, ReminderSent
from consortia.members.services.diligence import send_reminders, upload_path
from consortia.members.tests.diligence.factories import EvidenceFactory, requirement
from consortia.users.testing import Personas

TODAY = date(2026, 11, 26)


def expiring(org: Organisation, days: int, **extra: object) -> Evidence:
    values: dict[str, object] = {"status": EvidenceStatus.VERIFIED} | extra
    return EvidenceFactory(
        organisation=org,
        requirement=requirement("Public liability insurance"),
        expires_on=TODAY + timedelta(days=days),
        **values,
    )


def test_only_the_nearest_reminder_is_sent_and_only_once(personas: Personas) -> None:
    evidence = expiring(personas.org_a, 5)  # the 60- and 30-day reminders were missed
    counts = send_reminders(TODAY)
    assert counts["7"] == 1
    assert counts["60"] == counts["30"] == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["user@alpha.test"]
    assert "Public liability insurance" in message.body
    assert "01/12/2026" in message.body
    assert upload_path(evidence.requirement) in message.body
    assert "/evidence/" in upload_path(evidence.requirement)
    assert list(ReminderSent.objects.values_list("evidence", "kind")) == [(evidence.pk, "7")]
    again = send_reminders(TODAY)
    assert again["7"] == 0
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 1


def test_reminders_at_60_30_and_7_days(personas: Personas) -> None:
    evidence = expiring(personas.org_a, 61)
    assert sum(send_reminders(TODAY).values()) == 0  # not yet
    assert send_reminders(TODAY + timedelta(days=1))["60"] == 1
    assert send_reminders(TODAY + timedelta(days=2))["60"] == 0  # once
    assert send_reminders(TODAY + timedelta(days=31))["30"] == 1
    assert send_reminders(TODAY + timedelta(days=54))["7"] == 1
    assert sum(send_reminders(TODAY + timedelta(days=60)).values()) == 0
    assert sorted(ReminderSent.objects.filter(evidence=evidence).values_list("kind", flat=True)) == ["30", "60", "7"]
    assert len(mail.outbox) == 3


def test_expired_evidence_is_reported_to_the_hub(personas: Personas) -> None:
    evidence = expiring(personas.org_a, -1)
    counts = send_reminders(TODAY)
    assert counts["expired"] == 1
    [message] = mail.outbox
    assert message.to == ["manager@hub.test"]
    assert "Alpha Advice Centre" in message.subject
    assert "25/11/2026" in message.body
    assert evidence.get_absolute_url() in message.body
    call_command("send_evidence_reminders", "--date", TODAY.isoformat())
    assert len(mail.outbox) == 1


def test_replaced_and_rejected_evidence_gets_no_reminder(personas: Personas) -> None:
    old = expiring(personas.org_a, 5)
    newer = expiring(personas.org_a, 400)
    old.superseded_by = newer
    old.save()
    expiring(personas.org_b, 5, status=EvidenceStatus.REJECTED)
    assert sum(send_reminders(TODAY).values()) == 0
    assert mail.outbox == []


def test_organisation_without_users_is_written_to_at_its_address(personas: Personas) -> None:
    org = Organisation.objects.create(name="Gamma Group", email="office@gamma.test")
    expiring(org, 20)
    assert send_reminders(TODAY)["30"] == 1
    assert mail.outbox[0].to == ["office@gamma.test"]
    silent = Organisation.objects.create(name="Delta Trust")
    expiring(silent, 20)
    counts = send_reminders(TODAY)
    assert counts["no_recipient"] == 1
    assert len(mail.outbox) == 1


def test_the_command_reports_what_it_sent(personas: Personas, capsys: object) -> None:
    expiring(personas.org_a, 50)
    call_command("send_evidence_reminders", "--date", TODAY.isoformat())
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "Sent 1 60-day, 0 30-day and 0 7-day reminders" in out
    assert len(mail.outbox) == 1
