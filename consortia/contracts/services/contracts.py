"""Contracts: made from a won bid, and changed in value only by agreed variations."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from consortia.bids.choices import BidStatus
from consortia.bids.models import Bid
from consortia.bids.services.workspace import bid_pricing
from consortia.contracts.choices import SubcontractStatus
from consortia.contracts.models import Contract, Subcontract, Variation
from consortia.core.formats import pounds

PENNY = Decimal("0.01")


def _validated(record: Any, label: str) -> None:
    """The model's own rules, with the record named in the message."""
    try:
        record.full_clean()
    except ValidationError as error:
        messages = (
            [message for messages in error.message_dict.values() for message in messages]
            if hasattr(error, "error_dict")
            else error.messages
        )
        raise ValidationError([f"{label}: {message}" for message in messages]) from None


def award_blockers(bid: Bid) -> list[str]:
    """Plain-English reasons a contract cannot be made from `bid` now."""
    if bid.status != BidStatus.WON:
        return [f"Only a won bid becomes a contract: “{bid}” is {bid.get_status_display().lower()}."]
    existing = Contract.objects.filter(bid=bid).first()
    if existing is not None:
        return [f"“{bid}” already has a contract: {existing.reference}."]
    if bid.opportunity.commissioner_id is None:
        return [f"Name the commissioner of the opportunity “{bid.opportunity}” before making its contract."]
    return []


@transaction.atomic
def award_contract(
    bid: Bid,
    user: Any,
    reference: str,
    start: date,
    end: date,
    *,
    title: str = "",
    manager: Any = None,
    extension_options: str = "",
    extension_decision_by: date | None = None,
    **fields: Any,
) -> Contract:
    """Make the contract for a won bid, with a draft subcontract for each of its partners.

    The commissioner comes from the bid's opportunity; the value is the bid's price (the
    partners' delivery costs plus the management fee). Each partner's subcontract carries its
    share of delivery and that share of the delivery value (the price less the fee).
    """
    bid = Bid.objects.select_for_update(of=("self",)).select_related("opportunity__commissioner").get(pk=bid.pk)
    reasons = award_blockers(bid)
    if reasons:
        raise ValidationError(reasons)
    price = bid_pricing(bid)
    contract = Contract(
        reference=reference,
        title=title or bid.opportunity.title,
        commissioner=bid.opportunity.commissioner,
        bid=bid,
        start_date=start,
        end_date=end,
        extension_options=extension_options,
        extension_decision_by=extension_decision_by,
        original_value=price.total,
        value=price.total,
        manager=manager or bid.manager,
        **fields,
    )
    _validated(contract, f"Contract {reference}")
    contract.stamp(user)
    contract.save()
    for line in price.lines:
        partner = line.partner
        share = partner.delivery_share
        subcontract = Subcontract(
            contract=contract,
            organisation=partner.organisation,
            status=SubcontractStatus.DRAFT,
            scope=f"{partner.get_role_display()} in delivering {contract.title}.",
            share=share,
            value=(price.delivery * share / 100).quantize(PENNY, rounding=ROUND_HALF_UP),
            payment_model=contract.payment_model,
            start_date=start,
            end_date=end,
        )
        _validated(subcontract, f"The subcontract for {partner.organisation}")
        subcontract.stamp(user)
        subcontract.save()
    return contract


@transaction.atomic
def agree_variation(
    contract: Contract,
    user: Any,
    description: str,
    value_change: Decimal,
    agreed_on: date,
    new_end_date: date | None = None,
) -> Variation:
    """Record an agreed variation: numbered next, the contract's value moved by `value_change`
    (the variation keeps the value after it), and its end moved to `new_end_date` if given."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    value_change = Decimal(value_change)
    if contract.value + value_change < 0:
        raise ValidationError(
            {
                "value_change": "This variation would make the contract's value negative: "
                f"{pounds(contract.value)} less {pounds(-value_change)}."
            }
        )
    last = contract.variations.order_by("-number").values_list("number", flat=True).first() or 0
    variation = Variation(
        contract=contract,
        number=last + 1,
        description=description,
        value_change=value_change,
        agreed_on=agreed_on,
        new_end_date=new_end_date,
        value_after=contract.value + value_change,
        end_date_before=contract.end_date,
    )
    _validated(variation, f"Variation {last + 1} to {contract.reference}")
    variation.stamp(user)
    variation.save()
    contract.value = variation.value_after
    if new_end_date:
        contract.end_date = new_end_date
    _validated(contract, f"Contract {contract.reference}")
    contract.stamp(user)
    contract.save()
    return variation


def withdraw_blockers(variation: Variation) -> list[str]:
    latest = variation.contract.variations.order_by("-number").values_list("number", flat=True).first()
    if latest is not None and variation.number != latest:
        return [
            f"Only the latest variation (number {latest}) can be removed: the values after the later ones "
            "were worked out from this one."
        ]
    return []


@transaction.atomic
def withdraw_variation(variation: Variation, user: Any) -> None:
    """Remove the latest variation (entered in error): the contract's value and end go back."""
    variation = Variation.objects.select_related("contract").get(pk=variation.pk)
    reasons = withdraw_blockers(variation)
    if reasons:
        raise ValidationError(reasons)
    contract = Contract.objects.select_for_update().get(pk=variation.contract_id)
    contract.value -= variation.value_change
    if variation.new_end_date and variation.end_date_before:
        contract.end_date = variation.end_date_before
    contract.stamp(user)
    contract.save()
    variation.delete()


def value_history(contract: Contract) -> list[dict[str, Any]]:
    """The contract's value, from signing through each variation, for its page."""
    rows: list[dict[str, Any]] = [
        {"label": "Signed", "date": contract.start_date, "change": None, "value": contract.original_value, "link": None}
    ]
    for variation in contract.variations.order_by("number"):
        rows.append(
            {
                "label": f"Variation {variation.number}: {variation.description}",
                "date": variation.agreed_on,
                "change": variation.value_change,
                "value": variation.value_after,
                "link": variation.get_absolute_url(),
            }
        )
    return rows
