"""The management fee (the top-slice): which rule applies to a subcontract and what it takes.

Money is `Decimal` throughout and the fee is rounded once, to the penny, half up
(`ROUND_HALF_UP`: £0.125 is £0.13), after every band has been added up; the net is the gross
less that rounded fee, so gross = fee + net exactly.

- **Percentage**: the gross × the percentage.
- **Flat**: the amount per payment, but never more than the payment itself (a payment is
  never made negative by the fee).
- **Tiered**: bands like income tax's: each band's percentage applies to the part of the
  payment between the band below's top and its own (`up_to`); a band with no top takes the rest.
  With bands "up to £5,000 at 10%" and "above at 5%", £8,000 pays £500 + £150 = £650.

A rule on a subcontract overrides its contract's; with neither, no fee is taken.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from consortia.contracts.models import Subcontract
from consortia.finance.choices import FeeKind
from consortia.finance.models import FeeRule, FeeTier

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


def to_penny(amount: Decimal) -> Decimal:
    """Rounded to the penny, half up (the rounding every figure in this app uses)."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Fee:
    """A rule reduced to what the arithmetic needs, so a payment run reads the rules once."""

    kind: str
    percentage: Decimal | None = None
    flat_amount: Decimal | None = None
    tiers: tuple[tuple[Decimal | None, Decimal], ...] = ()  # (up_to, percentage), lowest band first

    @classmethod
    def of(cls, rule: FeeRule, tiers: Iterable[tuple[Decimal | None, Decimal]] | None = None) -> Fee:
        if tiers is None:
            tiers = [(tier.up_to, tier.percentage) for tier in rule.tiers.all()]
        bands = sorted(tiers, key=lambda band: (band[0] is None, band[0] or ZERO))
        return cls(rule.kind, rule.percentage, rule.flat_amount, tuple(bands))

    def on(self, gross: Decimal) -> Decimal:
        """The fee on a payment of `gross`, to the penny."""
        if gross <= 0:
            return ZERO
        if self.kind == FeeKind.PERCENT:
            fee = gross * (self.percentage or ZERO) / 100
        elif self.kind == FeeKind.FLAT:
            fee = min(self.flat_amount or ZERO, gross)
        else:
            fee = tiered(gross, self.tiers)
        return min(to_penny(fee), gross)


NO_FEE = Fee(FeeKind.FLAT, flat_amount=ZERO)


def tiered(gross: Decimal, bands: Sequence[tuple[Decimal | None, Decimal]]) -> Decimal:
    """The unrounded fee on `gross` through marginal bands (see the module's docstring)."""
    fee = ZERO
    floor = ZERO
    for up_to, percentage in bands:
        top = gross if up_to is None else min(gross, up_to)
        if top > floor:
            fee += (top - floor) * percentage / 100
        if up_to is None or gross <= up_to:
            break
        floor = up_to
    return fee


def rule_for(subcontract: Subcontract) -> FeeRule | None:
    """The rule that applies to a subcontract: its own, else its contract's (two queries at most)."""
    own = FeeRule.objects.filter(subcontract=subcontract).first()
    if own is not None:
        return own
    return FeeRule.objects.filter(contract_id=subcontract.contract_id).first()


def fee_for(subcontract: Subcontract, gross: Decimal) -> Decimal:
    """The management fee the hub takes from a payment of `gross` under `subcontract`."""
    rule = rule_for(subcontract)
    return (Fee.of(rule) if rule is not None else NO_FEE).on(gross)


def fees_by_subcontract(subcontracts: Sequence[tuple[int, int]]) -> dict[int, Fee]:
    """{subcontract id: its Fee} for (subcontract id, contract id) pairs, in two queries."""
    subcontract_ids = [pk for pk, _ in subcontracts]
    contract_ids = {contract_id for _, contract_id in subcontracts}
    rules = list(
        FeeRule.objects.filter(Q(subcontract_id__in=subcontract_ids) | Q(contract_id__in=contract_ids)).order_by()
    )
    bands: dict[int, list[tuple[Decimal | None, Decimal]]] = {}
    tiered_ids = [rule.pk for rule in rules if rule.kind == FeeKind.TIERED]
    if tiered_ids:
        for rule_id, up_to, percentage in FeeTier.objects.filter(rule_id__in=tiered_ids).values_list(
            "rule_id", "up_to", "percentage"
        ):
            bands.setdefault(rule_id, []).append((up_to, percentage))
    by_subcontract = {r.subcontract_id: Fee.of(r, bands.get(r.pk, [])) for r in rules if r.subcontract_id}
    by_contract = {r.contract_id: Fee.of(r, bands.get(r.pk, [])) for r in rules if r.contract_id}
    return {pk: by_subcontract.get(pk) or by_contract.get(contract_id) or NO_FEE for pk, contract_id in subcontracts}
