"""The demo's contracts: the young carers contract made from the won bid (through
`award_contract`), its subcontract signed, milestones and a variation; and a social
prescribing contract with the integrated care board, entered by hand, subcontracted to three
members.

Made only where missing (matched on the contract's reference, or the bid): running it again
changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from consortia.bids.choices import BidStatus
from consortia.bids.models import Bid
from consortia.contracts.choices import ContractStatus, PaymentModel, SubcontractStatus, VatTreatment
from consortia.contracts.models import Contract, ContractMilestone, Subcontract
from consortia.contracts.services.contracts import agree_variation, award_contract
from consortia.demo.errors import DemoDataError
from consortia.demo.personas import DEMO_DOMAIN
from consortia.directory.models import Organisation
from consortia.members.services.diligence import is_eligible
from consortia.users.models import User

AWARDED_REFERENCE = "BWD-CS-2026-0147"
BY_HAND_REFERENCE = "LSC-ICB-2024-SP-031"
BY_HAND_COMMISSIONER = "NHS Lancashire and South Cumbria Integrated Care Board"
# The members delivering the social prescribing contract, their share and their scope.
BY_HAND_MEMBERS = (
    ("Pendle Women's Centre", Decimal(40), "Link workers for women referred by GP practices in Pendle.", "160 a year"),
    ("Wyre Youth Matters", Decimal(35), "Social prescribing for young people aged 16 to 25 in Wyre.", "120 a year"),
    ("Fylde Coast Befriending", Decimal(25), "Befriending for older people referred by link workers.", "90 a year"),
)
TOP_SLICE = Decimal("7.5")


def _user(name: str) -> User:
    user = User.objects.filter(email=f"{name}@{DEMO_DOMAIN}").first()
    if user is None:
        raise DemoDataError(f"The demo login {name}@{DEMO_DOMAIN} is missing; load the personas first.")
    return user


def _years_later(start: date, years: int) -> date:
    """The day before the same date `years` later (a contract's last day)."""
    try:
        return start.replace(year=start.year + years) - timedelta(days=1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28) - timedelta(days=1)


@transaction.atomic
def load_contracts() -> list[Contract]:
    """The demo's contracts (made where missing), awarded one first."""
    manager = _user("manager")
    officer = _user("contracts")
    today = timezone.localdate()
    contracts = []
    awarded = _awarded(manager, officer, today)
    if awarded is not None:
        contracts.append(awarded)
    contracts.append(_by_hand(manager, officer, today))
    return contracts


def _awarded(manager: User, officer: User, today: date) -> Contract | None:
    bid = Bid.objects.filter(opportunity__title="Young carers service", status=BidStatus.WON).first()
    if bid is None:
        return None
    existing = Contract.objects.filter(bid=bid).first()
    if existing is not None:
        return existing
    start = today - timedelta(days=14)
    end = _years_later(start, 2)
    contract = award_contract(
        bid,
        manager,
        AWARDED_REFERENCE,
        start,
        end,
        manager=officer,
        status=ContractStatus.LIVE,
        extension_options="One extension of 12 months.",
        extension_decision_by=end - timedelta(days=180),
        payment_model=PaymentModel.BLOCK,
        vat=VatTreatment.EXEMPT,
        notes="Quarterly block payments in arrears; monitoring returns due 10 working days after each quarter.",
    )
    for subcontract in contract.subcontracts.all():
        subcontract.status = SubcontractStatus.SIGNED
        subcontract.signed_on = start - timedelta(days=3)
        subcontract.data_processing_agreed_on = start - timedelta(days=3)
        subcontract.volumes = "240 young carers identified and supported a year."
        subcontract.full_clean()
        subcontract.stamp(manager)
        subcontract.save()
    _milestones(contract, officer, start, today)
    agree_variation(
        contract,
        manager,
        "Extra outreach in Darwen's primary schools in the first year, at the council's request.",
        Decimal("15000.00"),
        today - timedelta(days=5),
    )
    return contract


def _milestones(contract: Contract, user: User, start: date, today: date) -> None:
    for name, days in (("Mobilisation complete", 30), ("First quarterly review", 91), ("Annual review", 365)):
        due = start + timedelta(days=days)
        milestone = ContractMilestone(
            contract=contract, name=name, due_on=due, done_on=due if due <= today - timedelta(days=7) else None
        )
        milestone.full_clean()
        milestone.stamp(user)
        milestone.save()


def _by_hand(manager: User, officer: User, today: date) -> Contract:
    existing = Contract.objects.filter(reference=BY_HAND_REFERENCE).first()
    if existing is not None:
        return existing
    commissioner = Organisation.objects.filter(name=BY_HAND_COMMISSIONER).first()
    if commissioner is None:
        raise DemoDataError(f"The commissioner “{BY_HAND_COMMISSIONER}” is missing from the demo directory.")
    start = today - timedelta(days=700)
    value = Decimal("420000.00")
    contract = Contract(
        reference=BY_HAND_REFERENCE,
        title="Community social prescribing",
        commissioner=commissioner,
        status=ContractStatus.LIVE,
        start_date=start,
        end_date=_years_later(start, 3),
        extension_options="Two extensions of 12 months each.",
        extension_decision_by=today + timedelta(days=45),
        original_value=value,
        payment_model=PaymentModel.MIXED,
        vat=VatTreatment.EXEMPT,
        manager=officer,
        notes="Entered by hand: won before the hub kept its bids here.",
    )
    contract.full_clean()
    contract.stamp(manager)
    contract.save()
    delivery = value * 100 / (100 + TOP_SLICE)
    for name, share, scope, volumes in BY_HAND_MEMBERS:
        member = Organisation.objects.filter(name=name).first()
        if member is None or not is_eligible(member):
            raise DemoDataError(f"“{name}” must be an eligible demo member to hold a subcontract.")
        signed = start - timedelta(days=10)
        subcontract = Subcontract(
            contract=contract,
            organisation=member,
            status=SubcontractStatus.SIGNED,
            scope=scope,
            volumes=volumes,
            share=share,
            value=(delivery * share / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
            payment_model=PaymentModel.MIXED,
            start_date=start,
            end_date=contract.end_date,
            signed_on=signed,
            data_processing_agreed_on=signed,
        )
        subcontract.full_clean()
        subcontract.stamp(manager)
        subcontract.save()
        if member.area_id:
            subcontract.areas.add(member.area_id)
    for name, due in (
        ("Year 1 review with the ICB", start + timedelta(days=365)),
        ("Year 2 review with the ICB", start + timedelta(days=730)),
        ("Extension decision meeting", today + timedelta(days=30)),
    ):
        milestone = ContractMilestone(contract=contract, name=name, due_on=due, done_on=due if due < today else None)
        milestone.full_clean()
        milestone.stamp(officer)
        milestone.save()
    return contract
