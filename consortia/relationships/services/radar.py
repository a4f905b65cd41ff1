"""The contract-expiry radar: when the contracts in the imported tender notices end.

The notices' searchable fields (`opportunities.ocds.extract`) do not include a contract's end,
so the radar reads it from each notice's compiled release: a signed contract's
`contracts[].period.endDate`, else an award's `awards[].contractPeriod.endDate`, else the
tender's planned `tender.contractPeriod` or its lots' (an end date, or a start and a duration
in days). Cancelled and unsuccessful awards and contracts, and cancelled tenders, are left out.

`build_radar` writes one `ExpiringContract` per contract so found (run by `manage.py
build_expiry_radar` after the notices are imported); the radar page then reads that small,
indexed table. Each rebuild replaces a notice's rows, so running it again changes nothing.
The buyer is matched to a commissioner in the directory by its identifier (org-id or PPON) or
its name (or one of its other names), so the radar can link to the commissioner's plan.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q

from consortia.core.dates import add_months
from consortia.directory.choices import OrganisationRoleCode
from consortia.directory.models import Organisation
from consortia.opportunities.models import Notice
from consortia.opportunities.ocds import CLOSED_STATUSES, obj, objects, parse_amount, parse_date, text
from consortia.relationships.choices import EndBasis
from consortia.relationships.models import ExpiringContract

BATCH = 500
# The radar's default window: contracts ending 6 to 24 months from today.
DEFAULT_FROM_MONTHS, DEFAULT_TO_MONTHS = 6, 24
LONGEST_WINDOW_MONTHS = 120
ENDED_STATUSES = CLOSED_STATUSES | {"cancelled", "terminated"}


@dataclass
class ContractEnd:
    """One contract's end read from a compiled release."""

    key: str
    basis: str
    end_date: date
    start_date: date | None = None
    title: str = ""
    value: Decimal | None = None
    suppliers: str = ""


def _day(value: Any) -> date | None:
    parsed = parse_date(value, "", [])
    return parsed.date() if parsed else None


def _period(period: dict[str, Any]) -> tuple[date | None, date | None]:
    """A period's start and end; the end from the start and a duration in days when not given."""
    start, end = _day(period.get("startDate")), _day(period.get("endDate"))
    days = period.get("durationInDays")
    if end is None and start is not None and isinstance(days, int) and not isinstance(days, bool) and days > 0:
        end = start + timedelta(days=days)
    return start, end


def _suppliers(award: dict[str, Any]) -> str:
    names = [text(supplier.get("name")) for supplier in objects(award.get("suppliers"))]
    return ", ".join(name for name in names if name)[:500]


def contract_ends(compiled: dict[str, Any]) -> list[ContractEnd]:
    """The ends of the contracts a compiled release describes (see the module's note)."""
    tender = obj(compiled.get("tender"))
    awards = {text(award.get("id")): award for award in objects(compiled.get("awards"))}
    found: list[ContractEnd] = []
    covered: set[str] = set()
    for contract in objects(compiled.get("contracts")):
        award_id = text(contract.get("awardID"))
        covered.add(award_id)
        if text(contract.get("status")).lower() in ENDED_STATUSES:
            continue
        start, end = _period(obj(contract.get("period")))
        if end is None:
            covered.discard(award_id)  # the award's own period may still say
            continue
        award = awards.get(award_id, {})
        found.append(
            ContractEnd(
                key=f"contract:{text(contract.get('id'))}"[:220],
                basis=EndBasis.CONTRACT,
                end_date=end,
                start_date=start,
                title=text(contract.get("title"), 500) or text(award.get("title"), 500),
                value=parse_amount(obj(contract.get("value")).get("amount"), "", [])
                or parse_amount(obj(award.get("value")).get("amount"), "", []),
                suppliers=_suppliers(award),
            )
        )
    for award_id, award in awards.items():
        if award_id in covered or text(award.get("status")).lower() in ENDED_STATUSES:
            continue
        start, end = _period(obj(award.get("contractPeriod")))
        if end is None:
            continue
        found.append(
            ContractEnd(
                key=f"award:{award_id}"[:220],
                basis=EndBasis.AWARD,
                end_date=end,
                start_date=start,
                title=text(award.get("title"), 500),
                value=parse_amount(obj(award.get("value")).get("amount"), "", []),
                suppliers=_suppliers(award),
            )
        )
    if found or awards or text(tender.get("status")).lower() in ENDED_STATUSES:
        return found
    start, end = _period(obj(tender.get("contractPeriod")))
    if end is not None:
        return [ContractEnd(key="tender", basis=EndBasis.TENDER, end_date=end, start_date=start)]
    for lot in objects(tender.get("lots")):
        if text(lot.get("status")).lower() in ENDED_STATUSES:
            continue
        start, end = _period(obj(lot.get("contractPeriod")))
        if end is not None:
            found.append(
                ContractEnd(
                    key=f"lot:{text(lot.get('id'))}"[:220],
                    basis=EndBasis.TENDER,
                    end_date=end,
                    start_date=start,
                    title=text(lot.get("title"), 500),
                    value=parse_amount(obj(lot.get("value")).get("amount"), "", []),
                )
            )
    return found


def _words(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", name.lower()))


class BuyerMatcher:
    """Commissioners in the directory by identifier and by name (one query)."""

    def __init__(self) -> None:
        self.by_identifier: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        rows = (
            Organisation.objects.filter(roles__code=OrganisationRoleCode.COMMISSIONER)
            .order_by("pk")
            .values_list("pk", "name", "other_names", "org_id", "ppon")
        )
        for pk, name, other_names, org_id, ppon in rows:
            for identifier in (org_id, f"GB-PPON-{ppon}" if ppon else ""):
                if identifier:
                    self.by_identifier.setdefault(identifier.upper(), pk)
            for each in (name, *other_names.splitlines()):
                if _words(each):
                    self.by_name.setdefault(_words(each), pk)

    def find(self, name: str, identifier: str) -> int | None:
        if identifier and identifier.upper() in self.by_identifier:
            return self.by_identifier[identifier.upper()]
        return self.by_name.get(_words(name)) if name else None


@dataclass
class BuildResult:
    notices: int = 0
    contracts: int = 0


def _batches(notice_ids: Iterable[int] | None) -> Iterator[list[tuple[Any, ...]]]:
    fields = ("pk", "title", "buyer_name", "buyer_identifier", "value_amount", "compiled")
    # Only notices whose release has a contract period or a contract's period can have an end.
    candidates = Notice.objects.filter(Q(compiled__contains='"contractPeriod"') | Q(compiled__contains='"period"'))
    if notice_ids is not None:
        ids = sorted(set(notice_ids))
        for start in range(0, len(ids), BATCH):
            yield list(candidates.filter(pk__in=ids[start : start + BATCH]).values_list(*fields))
        return
    last = 0
    while True:
        batch = list(candidates.filter(pk__gt=last).order_by("pk").values_list(*fields)[:BATCH])
        if not batch:
            return
        last = batch[-1][0]
        yield batch


@transaction.atomic
def build_radar(notice_ids: Iterable[int] | None = None) -> BuildResult:
    """Write the expiring contracts of the notices (all of them when `notice_ids` is None),
    replacing what was there for those notices."""
    result = BuildResult()
    buyers = BuyerMatcher()
    if notice_ids is None:
        ExpiringContract.objects.all().delete()
    else:
        notice_ids = list(notice_ids)
        ExpiringContract.objects.filter(notice_id__in=notice_ids).delete()
    for batch in _batches(notice_ids):
        rows = []
        for pk, title, buyer_name, buyer_identifier, value_amount, compiled in batch:
            try:
                release = json.loads(compiled) if compiled else {}
            except ValueError:
                continue
            ends = contract_ends(obj(release))
            if ends:
                result.notices += 1
            buyer_id = buyers.find(buyer_name, buyer_identifier)
            for end in ends:
                rows.append(
                    ExpiringContract(
                        notice_id=pk,
                        key=end.key,
                        basis=end.basis,
                        title=(end.title or title)[:500],
                        buyer_name=buyer_name,
                        buyer_id=buyer_id,
                        value=end.value if end.value is not None else value_amount,
                        suppliers=end.suppliers,
                        start_date=end.start_date,
                        end_date=end.end_date,
                    )
                )
        # One row per notice and key: a release naming the same contract twice keeps the first.
        unique = {(row.notice_id, row.key): row for row in reversed(rows)}
        ExpiringContract.objects.bulk_create(list(unique.values()), batch_size=1000)
        result.contracts += len(unique)
    return result


def window(
    today: date, from_months: int = DEFAULT_FROM_MONTHS, to_months: int = DEFAULT_TO_MONTHS
) -> tuple[date, date]:
    """The first and last end dates the radar shows, counted in months from `today`."""
    return add_months(today, from_months), add_months(today, to_months)


def months_to_go(today: date, end: date) -> int:
    """Whole months from `today` until `end` (0 in the last month)."""
    months = (end.year - today.year) * 12 + end.month - today.month
    return months - 1 if end.day < today.day else months
