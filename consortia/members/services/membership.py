"""The supply-chain register: every member, what they deliver and their quality marks, in Excel."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from consortia.documents.builders import Built, ExcelWorkbook
from consortia.members.models import Capability, Membership, QualityMark
from consortia.members.tables.capabilities import expiry_flag

KIND = "supply_chain_register"


def _names(items: Any) -> str:
    return "; ".join(str(item) for item in items)


def build_supply_chain_register(user: Any) -> Built:
    """The register as the user may see it: members, capabilities and quality marks (one sheet each)."""
    memberships = list(Membership.objects.restrict(user, "view").select_related("organisation"))
    capabilities = list(
        Capability.objects.restrict(user, "view")
        .select_related("organisation", "category")
        .prefetch_related("client_groups", "areas")
    )
    marks = list(QualityMark.objects.restrict(user, "view").select_related("organisation"))
    today = timezone.localdate()
    workbook = ExcelWorkbook("Supply-chain register")
    workbook.sheet(
        "Members",
        [
            "Member",
            "Org-id",
            "Charity number",
            "Company number",
            "Tier",
            "Status",
            "Joined",
            "Renewal due",
            "Left",
            "Annual fee",
            "Fee paid",
            "Paid staff",
            "Volunteers",
            "People supported a year",
            "Languages",
        ],
        [
            [
                m.organisation.name,
                m.organisation.org_id,
                m.organisation.charity_number,
                m.organisation.company_number,
                m.get_tier_display(),
                m.get_status_display(),
                m.joined_on,
                m.renewal_due,
                m.left_on,
                m.annual_fee,
                "Yes" if m.fee_paid else "No",
                m.staff_count,
                m.volunteer_count,
                m.clients_per_year,
                m.languages,
            ]
            for m in memberships
        ],
        money_columns=(9,),
        notes=[f"Supply-chain register at {today:%d/%m/%Y}"],
    )
    workbook.sheet(
        "Capabilities",
        ["Member", "Service category", "CPV codes", "Client groups", "Areas", "People a year", "Description"],
        [
            [
                c.organisation.name,
                c.category.name,
                c.category.cpv_codes,
                _names(c.client_groups.all()),
                _names(c.areas.all()),
                c.clients_per_year,
                c.description,
            ]
            for c in capabilities
        ],
    )
    workbook.sheet(
        "Quality marks",
        ["Member", "Quality mark", "Reference", "Awarded", "Expires", "Note"],
        [
            [q.organisation.name, q.name, q.reference, q.awarded_on, q.expires_on, expiry_flag(q.expires_on, today)]
            for q in marks
        ],
    )
    return workbook.build("supply-chain-register")
