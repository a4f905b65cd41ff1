"""Values as people in the UK read them: one place for pounds, so every page writes money alike."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

PENNY = Decimal("0.01")


def pounds(value: Any, *, whole: bool = False, empty: str = "—") -> str:
    """1234.5 as "£1,234.50", -12 as "-£12.00"; with `whole`, "£1,250,000" when there are no pence.

    Nothing (None or "") is shown as `empty`.
    """
    if value is None or value == "":
        return empty
    amount = Decimal(str(value)).quantize(PENNY, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if whole and amount == amount.to_integral_value():
        return f"{sign}£{amount:,.0f}"
    return f"{sign}£{amount:,.2f}"
