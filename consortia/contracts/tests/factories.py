"""Factories for contracts: a contract with a commissioner, subcontracts to eligible members."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from consortia.bids.tests.factories import eligible
from consortia.contracts.models import Contract, ContractMilestone, Subcontract
from consortia.directory.choices import OrganisationRoleCode
from consortia.directory.models import Organisation, OrganisationRole
from consortia.directory.tests.factories import OrganisationFactory

_numbers = itertools.count(1)
START = date(2026, 4, 1)
END = date(2028, 3, 31)


def commissioner(organisation: Organisation | None = None) -> Organisation:
    """An organisation with the commissioner role (the personas' org_c, or a new council)."""
    organisation = organisation or OrganisationFactory()
    role, _ = OrganisationRole.objects.get_or_create(
        code=OrganisationRoleCode.COMMISSIONER, defaults={"name": "Commissioner"}
    )
    organisation.roles.add(role)
    return organisation


def contract(commissioner_org: Organisation | None = None, **fields: Any) -> Contract:
    number = next(_numbers)
    fields.setdefault("reference", f"CON-{number:04d}")
    fields.setdefault("title", f"Community support service {number}")
    fields.setdefault("start_date", START)
    fields.setdefault("end_date", END)
    fields.setdefault("original_value", Decimal("100000.00"))
    return Contract.objects.create(commissioner=commissioner_org or commissioner(), **fields)


def subcontract(on: Contract, organisation: Organisation, share: str = "50", **fields: Any) -> Subcontract:
    eligible(organisation)
    fields.setdefault("scope", "Advice sessions in the district.")
    fields.setdefault("value", Decimal("40000.00"))
    fields.setdefault("start_date", on.start_date)
    fields.setdefault("end_date", on.end_date)
    return Subcontract.objects.create(contract=on, organisation=organisation, share=Decimal(share), **fields)


def milestone(on: Contract, name: str = "Mobilisation complete", **fields: Any) -> ContractMilestone:
    fields.setdefault("due_on", on.start_date)
    return ContractMilestone.objects.create(contract=on, name=name, **fields)
