"""Reference data of the opportunities app: the bid/no-bid criteria a new consortium starts with.

Loaded by a migration; the hub edits them afterwards. Idempotent: creates what is missing and
never overwrites edits.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from consortia.core.reference import reference_data

# (name, what a high score means, weight)
BID_CRITERIA: list[tuple[str, str, Decimal]] = [
    (
        "Strategic fit",
        "The service is central to what the consortium and its members exist to do, in places they work.",
        Decimal(20),
    ),
    (
        "Member capability and capacity",
        "Eligible members can deliver every part of it, with room to take it on (see the matched members).",
        Decimal(20),
    ),
    (
        "Commissioner relationship",
        "We know the commissioner, they know our members' work, and we understand what they want.",
        Decimal(10),
    ),
    (
        "Competition",
        "Few strong competitors, or a clear edge over them (local reach, specialist members, track record).",
        Decimal(10),
    ),
    (
        "Contract value against bid cost",
        "The contract is worth the time and money a bid takes, with a management fee that covers the hub.",
        Decimal(15),
    ),
    (
        "Risk",
        "Manageable risk: payment by results members' cash flow can carry, TUPE understood, fair terms.",
        Decimal(15),
    ),
    (
        "Timescale",
        "Enough time to form the partnership, gather evidence and write a good bid before the deadline.",
        Decimal(10),
    ),
]


@reference_data("opportunities.BidCriterion")
def load_bid_criteria(apps: Any) -> int:
    """Create the criteria that are missing (by name); returns how many were created."""
    model = apps.get_model("opportunities", "BidCriterion")
    created = 0
    for order, (name, description, weight) in enumerate(BID_CRITERIA, start=1):
        _, made = model.objects.get_or_create(
            name=name, defaults={"description": description, "weight": weight, "order": order * 10}
        )
        created += made
    return created
