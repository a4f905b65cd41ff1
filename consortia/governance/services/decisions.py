"""Recording a decision: only on a quorate item, with votes no more than those who may vote,
proposed and seconded by people with no conflict of interest; who was left out is recorded."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from consortia.governance.choices import Outcome
from consortia.governance.models import AgendaItem, Decision
from consortia.governance.services.quorum import item_quorum


def decision_blockers(item: AgendaItem, proposer: Any, seconder: Any, votes: int) -> dict[str, list[str]]:
    """What stops a decision on `item` being recorded, by field ("__all__" for the item's quorum)."""
    quorum = item_quorum(item)
    errors: dict[str, list[str]] = {}
    if not quorum.quorate:
        errors.setdefault("__all__", []).append(
            f"No decision can be recorded on item {item.number} because it is not quorate. {quorum.reason}"
        )
    excluded = {entry.person.pk: entry for entry in quorum.excluded}
    counting = {person.pk for person in quorum.counting}
    for name, person, label in (("proposer", proposer, "proposer"), ("seconder", seconder, "seconder")):
        if person is None:
            continue
        if person.pk in excluded:
            errors.setdefault(name, []).append(
                f"{person} cannot be the {label}: they have a conflict of interest on this item "
                f"({excluded[person.pk].reason}) and take no part in it."
            )
        elif person.pk not in counting:
            errors.setdefault(name, []).append(
                f"{person} cannot be the {label}: only voting members marked present on the register can."
            )
    if votes > quorum.count:
        errors.setdefault("votes_for", []).append(
            f"{votes} votes were entered (for, against and abstentions), but only {quorum.count} voting "
            f"member{'s' if quorum.count != 1 else ''} present can vote on this item"
            + (f" ({len(quorum.excluded)} left out for a conflict of interest)." if quorum.excluded else ".")
        )
    return errors


@transaction.atomic
def record_decision(
    item: AgendaItem,
    user: Any,
    resolution: str,
    *,
    proposer: Any = None,
    seconder: Any = None,
    votes_for: int = 0,
    votes_against: int = 0,
    votes_abstain: int = 0,
    outcome: str | None = None,
    hub_decision: Any = None,
    bid_decision: Any = None,
    subcontract: Any = None,
    instance: Decision | None = None,
) -> Decision:
    """Record (or correct) the decision on `item`, with who was left out and why as it stands now."""
    AgendaItem.objects.select_for_update().filter(pk=item.pk).first()  # one decision at a time per item
    errors = decision_blockers(item, proposer, seconder, votes_for + votes_against + votes_abstain)
    if errors:
        raise ValidationError(errors)
    if outcome is None:
        outcome = Outcome.CARRIED if votes_for > votes_against else Outcome.NOT_CARRIED
    quorum = item_quorum(item)
    decision = instance or Decision()
    decision.item = item
    decision.resolution = resolution
    decision.proposer = proposer
    decision.seconder = seconder
    decision.votes_for, decision.votes_against, decision.votes_abstain = votes_for, votes_against, votes_abstain
    decision.outcome = outcome
    decision.hub_decision, decision.bid_decision, decision.subcontract = hub_decision, bid_decision, subcontract
    decision.excluded = quorum.excluded_text
    decision.quorum_note = quorum.summary
    decision.full_clean()
    decision.stamp(user)
    decision.save()
    return decision
