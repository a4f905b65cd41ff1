"""Weighted scoring, shared by every decision scored against weighted criteria.

Weights need not add up to 100: each counts as its share of the total. When every weight is 0
the criteria count equally. A score is a whole number on a 0-to-top scale; a scorer's weighted
total is on the same scale, and as a percentage of the top.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

HUNDRED = Decimal(100)
Key = TypeVar("Key", bound=Hashable)


def shares(weights: Mapping[Key, Decimal]) -> dict[Key, Decimal]:
    """Each weight as its share (0 to 1) of the total; equal shares when the total is 0."""
    total = sum(weights.values(), Decimal(0))
    if not weights:
        return {}
    if total == 0:
        return {key: Decimal(1) / len(weights) for key in weights}
    return {key: weight / total for key, weight in weights.items()}


def weights_note(total: Decimal) -> str:
    """What the page should say about weights that do not add up to 100."""
    if total == 0:
        return "Every weight is 0, so each criterion counts equally."
    if total != HUNDRED:
        return f"Weights add up to {total.normalize():f}; each is shown as its share of 100%."
    return ""


def weighted_total(share: Mapping[Key, Decimal], scores: Mapping[Key, int]) -> Decimal | None:
    """A scorer's weighted total, or None unless they scored every criterion."""
    if not share or any(key not in scores for key in share):
        return None
    return sum((share[key] * Decimal(scores[key]) for key in share), Decimal(0))


def percent(value: Decimal, top: int) -> Decimal:
    """A total on the 0-to-`top` scale as a percentage, to one decimal place."""
    return (value * HUNDRED / top).quantize(Decimal("0.1"), ROUND_HALF_UP)
