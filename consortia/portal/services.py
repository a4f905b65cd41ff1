"""The member portal's view of due diligence: which requirements apply, and where each stands.

The rules are the members app's (`members.services.diligence`: which requirements are mandatory
for a tier, the state of a piece of evidence, submitting evidence); this module applies them to
rows the portal has already restricted to the user and filtered to the user's organisation, and
says each state in the member's words.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from consortia.members.models import Evidence, Membership, Requirement
from consortia.members.services import diligence

# Bootstrap badge colours; the state is always also written in words.
BADGES = {
    diligence.MISSING: "text-bg-secondary",
    diligence.WAITING: "text-bg-info",
    diligence.CURRENT: "text-bg-success",
    diligence.REJECTED: "text-bg-danger",
    diligence.EXPIRED: "text-bg-danger",
    diligence.EXPIRING: "text-bg-warning",
}


def uk_date(day: datetime.date | None) -> str:
    return date_format(day, "DATE_FORMAT") if day else ""


@dataclass
class EvidenceRow:
    requirement: Requirement
    required: bool
    current: Evidence | None = None
    earlier: list[Evidence] = field(default_factory=list)
    state: str = diligence.MISSING

    @property
    def badge(self) -> str:
        return BADGES[self.state]

    @property
    def due(self) -> datetime.date | None:
        return diligence.renewal_due(self.current) if self.current else None

    @property
    def label(self) -> str:
        """Where the requirement stands, as the member reads it."""
        if self.state == diligence.REJECTED and self.current and self.current.rejection_reason:
            return f"Not accepted: {self.current.rejection_reason}"
        if self.state == diligence.EXPIRED:
            return f"Expired on {uk_date(self.due)}"
        if self.state == diligence.EXPIRING:
            return f"Expires {uk_date(self.due)}"
        if self.state == diligence.CURRENT:
            return "Accepted"
        return diligence.STATE_LABELS[self.state]


def evidence_rows(
    requirements: Iterable[Requirement],
    evidence: Any,
    membership: Membership | None,
    today: datetime.date | None = None,
) -> list[EvidenceRow]:
    """One row per requirement, with its current evidence and any earlier (superseded) evidence.

    `requirements` and `evidence` are rows the caller has already restricted to what the user may
    see and filtered to the user's organisation. Required rows come first.
    """
    today = today or timezone.localdate()
    tier = membership.tier if membership else None
    rows = {r.pk: EvidenceRow(requirement=r, required=diligence.is_mandatory(r, tier)) for r in requirements}
    for item in evidence.order_by("-created", "-pk"):
        row = rows.get(item.requirement_id)
        if row is None:
            continue
        item.requirement = row.requirement  # already read: no query per row
        if item.superseded_by_id is None and row.current is None:
            row.current = item
        else:
            row.earlier.append(item)
    for row in rows.values():
        row.state = diligence.state_of(row.current, today)
    return sorted(rows.values(), key=lambda row: (not row.required, row.requirement.order, row.requirement.name))


@dataclass
class Summary:
    missing: int = 0  # required and not given
    expiring: int = 0
    expired: int = 0
    waiting: int = 0
    rejected: int = 0

    @property
    def all_clear(self) -> bool:
        return not (self.missing or self.expiring or self.expired or self.waiting or self.rejected)


def summarise(rows: list[EvidenceRow]) -> Summary:
    summary = Summary()
    for row in rows:
        if row.state == diligence.MISSING and row.required:
            summary.missing += 1
        elif row.state == diligence.EXPIRING:
            summary.expiring += 1
        elif row.state == diligence.EXPIRED:
            summary.expired += 1
        elif row.state == diligence.WAITING:
            summary.waiting += 1
        elif row.state == diligence.REJECTED:
            summary.rejected += 1
    return summary
