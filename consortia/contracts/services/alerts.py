"""Reminders ahead of a contract's end and its extension decision, to its manager; and the
dashboard's list of contracts with either coming up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from consortia.contracts.choices import AlertKind, ContractStatus
from consortia.contracts.models import Contract, ContractAlert
from consortia.core.links import absolute_url

END_DAYS = 90  # the manager is told this many days before the contract ends
DECISION_DAYS = 60  # and this many before the commissioner's extension decision is due
RUNNING = (ContractStatus.MOBILISING, ContractStatus.LIVE)


@dataclass(frozen=True)
class Due:
    contract: Contract
    kind: str
    due_on: date

    @property
    def days(self) -> int:
        return (self.due_on - timezone.localdate()).days

    @property
    def label(self) -> str:
        return AlertKind(self.kind).label


def coming_up(
    contracts: Any, today: date | None = None, end_days: int = END_DAYS, decision_days: int = DECISION_DAYS
) -> list[Due]:
    """Ends within `end_days` and extension decisions within `decision_days` of running contracts,
    soonest first (overdue decisions are not reminded of again: they are past). One query."""
    today = today or timezone.localdate()
    rows = contracts.filter(status__in=RUNNING).filter(
        Q(end_date__range=(today, today + timedelta(days=end_days)))
        | Q(extension_decision_by__range=(today, today + timedelta(days=decision_days)))
    )
    due: list[Due] = []
    for contract in rows:
        if today <= contract.end_date <= today + timedelta(days=end_days):
            due.append(Due(contract, AlertKind.END, contract.end_date))
        decision = contract.extension_decision_by
        if decision and today <= decision <= today + timedelta(days=decision_days):
            due.append(Due(contract, AlertKind.EXTENSION, decision))
    return sorted(due, key=lambda item: (item.due_on, item.contract.reference))


def _message(item: Due) -> tuple[str, str]:
    contract = item.contract
    when = f"{item.due_on:%d/%m/%Y}"
    if item.kind == AlertKind.END:
        subject = f"Contract {contract.reference} ends on {when}"
        lead = f"The contract “{contract}” with {contract.commissioner} ends on {when}, in {item.days} days."
        ask = (
            "Plan the exit or the re-tender now: tell the members delivering under it, and check "
            "their last monitoring returns and payments are in hand."
        )
    else:
        subject = f"Extension decision on {contract.reference} due by {when}"
        lead = (
            f"{contract.commissioner} must decide by {when} (in {item.days} days) whether to extend "
            f"“{contract}”. Options: {contract.extension_options or 'not recorded'}."
        )
        ask = "Talk to the commissioner about the extension and tell the members delivering under it."
    body = f"{lead}\n\n{ask}\n\nThe contract: {absolute_url(contract.get_absolute_url())}\n"
    return subject, body


def send_alerts(today: date | None = None) -> dict[str, int]:
    """E-mail each contract's manager the reminders due; each is sent once, ever (`ContractAlert`).

    Returns counts: sent, already sent, and with no manager to send to.
    """
    today = today or timezone.localdate()
    counts = {"sent": 0, "already": 0, "no_manager": 0}
    contracts = Contract.objects.select_related("manager", "commissioner")
    items = coming_up(contracts, today)
    sent = set(
        ContractAlert.objects.filter(contract__in=[item.contract.pk for item in items]).values_list(
            "contract_id", "kind", "due_on"
        )
    )
    for item in items:
        if (item.contract.pk, item.kind, item.due_on) in sent:
            counts["already"] += 1
            continue
        manager = item.contract.manager
        if manager is None or not manager.email or not manager.is_active:
            counts["no_manager"] += 1
            continue
        subject, body = _message(item)
        try:
            with transaction.atomic():
                ContractAlert.objects.create(
                    contract=item.contract, kind=item.kind, due_on=item.due_on, sent_to=manager.email
                )
                send_mail(subject, body, None, [manager.email])
        except IntegrityError:  # another run sent it meanwhile
            counts["already"] += 1
            continue
        counts["sent"] += 1
    return counts
