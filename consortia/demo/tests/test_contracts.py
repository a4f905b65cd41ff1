"""The demo's contracts: one awarded from the won bid, one entered by hand; loaded once."""

from __future__ import annotations

from decimal import Decimal

from consortia.contracts.choices import SubcontractStatus
from consortia.contracts.models import Contract, Subcontract, Variation
from consortia.demo import contracts as demo_contracts
from consortia.demo.services import load_demo
from consortia.members.services.diligence import is_eligible


def test_demo_contracts_are_made_once(db: None) -> None:
    load_demo()
    awarded, by_hand = demo_contracts.load_contracts()
    assert awarded.bid is not None
    assert awarded.bid.status == "won"
    assert awarded.commissioner == awarded.bid.opportunity.commissioner
    assert awarded.variations.count() == 1
    assert awarded.value == awarded.original_value + Decimal("15000.00")
    assert by_hand.bid is None
    assert by_hand.commissioner != awarded.commissioner
    assert by_hand.subcontracts.count() == 3
    for sub in Subcontract.objects.select_related("organisation"):
        assert sub.status == SubcontractStatus.SIGNED
        assert sub.data_processing_agreed_on
        assert is_eligible(sub.organisation)
    counts = (Contract.objects.count(), Subcontract.objects.count(), Variation.objects.count())
    again = demo_contracts.load_contracts()
    assert [c.pk for c in again] == [awarded.pk, by_hand.pk]
    assert (Contract.objects.count(), Subcontract.objects.count(), Variation.objects.count()) == counts
