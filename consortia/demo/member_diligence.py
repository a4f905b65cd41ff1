"""The demo's due diligence: members' evidence against the requirements, its checking, and the
hub's yearly reviews.

For each demo member (organisations with a membership, if the capabilities demo made them;
otherwise organisations with the directory role "member") evidence for most requirements, with
some expiring within 60 days, some expired, some missing, some waiting to be checked and one
rejected; reviews for last year and this year in green, amber (with an action plan) and red.
Files are small real PDFs made here. Dates are relative to the day it first runs; running it
again changes nothing (evidence is made only where an organisation has none for a requirement,
reviews only where there is none for the year).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from consortia.core import uploads
from consortia.core.dates import add_months
from consortia.demo.personas import DEMO_DOMAIN
from consortia.directory.models import Organisation
from consortia.members.choices import DbsLevel, EvidenceStatus, Rag
from consortia.members.models import DueDiligenceReview, Evidence, Membership, Requirement
from consortia.members.reference_diligence import load_diligence_reference
from consortia.users.models import User


def pdf_bytes(title: str) -> bytes:
    """A minimal valid one-page PDF showing `title`."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@dataclass(frozen=True)
class Plan:
    """What one member has given for one requirement."""

    status: str = EvidenceStatus.VERIFIED
    expires_in: int | None = 300  # days from today, for requirements with an expiry
    issued_ago: int = 120  # days before today
    rejection: str = ""


MISSING = None
WAITING = Plan(status=EvidenceStatus.SUBMITTED, issued_ago=5)

# Per requirement, what members give by default, and the exceptions by member (its index in the
# list of demo members, in name order).
DEFAULT = Plan()
EXCEPTIONS: dict[str, dict[int, Plan | None]] = {
    "Employer's liability insurance": {0: Plan(expires_in=25, issued_ago=340), 1: Plan(expires_in=-12, issued_ago=377)},
    "Public liability insurance": {2: Plan(expires_in=45, issued_ago=320), 1: Plan(expires_in=-12, issued_ago=377)},
    "Professional indemnity insurance": {3: MISSING},
    "Safeguarding policy": {
        1: WAITING,
        4: Plan(
            status=EvidenceStatus.REJECTED,
            issued_ago=30,
            rejection="The policy is not signed by the trustees "
            "and does not name your safeguarding lead. Please upload the signed version.",
        ),
    },
    "Data protection": {0: Plan(status=EvidenceStatus.SUBMITTED, expires_in=330, issued_ago=3)},
    "Health and safety policy": {2: MISSING},
    "Business continuity plan": {0: MISSING, 3: WAITING},
    "Annual accounts": {5: Plan(issued_ago=400)},  # overdue: accounts are renewed yearly
    "Quality marks held": {1: MISSING, 3: MISSING},
}

ANSWERS = {
    "DBS checks": "Yes. Every member of staff and every volunteer who works with children or adults at risk has an "
    "enhanced check with the barred lists before they start, renewed every three years; we use the Update Service.",
    "Quality marks held": "Trusted Charity (Level 1), awarded 2025; Investors in Volunteers, awarded 2024.",
    "Data protection": "ICO registration number ZA{number:06d}.",
}

# This year's and last year's review grades, by member (counted round).
THIS_YEAR = [Rag.GREEN, Rag.AMBER, Rag.RED, Rag.GREEN, Rag.AMBER, Rag.GREEN]
LAST_YEAR = [Rag.GREEN, Rag.GREEN, Rag.AMBER, Rag.GREEN, Rag.GREEN, Rag.RED]
REASONS = {
    Rag.GREEN: "All mandatory evidence is current and has been checked. No concerns.",
    Rag.AMBER: "Most evidence is in order, but some is out of date or has not been accepted.",
    Rag.RED: "Insurance has lapsed and key policies are missing; not able to deliver until put right.",
}
ACTION_PLAN = (
    "Upload the renewed insurance certificate and the trustee-signed safeguarding policy within 30 days; "
    "the contracts officer will check them and update this review."
)


def demo_members() -> QuerySet[Organisation]:
    """Organisations with a membership if there are any; otherwise those with the role "member"."""
    with_membership = Organisation.objects.filter(pk__in=Membership.objects.values("organisation_id"))
    if with_membership.exists():
        return with_membership.order_by("name", "pk")
    return Organisation.objects.filter(roles__code="member").distinct().order_by("name", "pk")


def _staff(local: str) -> User | None:
    return User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()


def _plan(name: str, index: int) -> Plan | None:
    return EXCEPTIONS.get(name, {}).get(index, DEFAULT)


def _evidence(org: Organisation, requirement: Requirement, plan: Plan, number: int, today: date, checker: Any) -> None:
    issued = today - timedelta(days=plan.issued_ago)
    expires = (
        today + timedelta(days=plan.expires_in) if requirement.needs_expiry and plan.expires_in is not None else None
    )
    evidence = Evidence(
        organisation=org,
        requirement=requirement,
        issued_on=issued if not expires or issued <= expires else expires - timedelta(days=365),
        expires_on=expires,
        cover_amount=(Decimal("5000000") if "Employer" in requirement.name else Decimal("2000000"))
        if requirement.needs_cover_amount
        else None,
        dbs_level=DbsLevel.ENHANCED_BARRED if requirement.needs_dbs_level else "",
        answer=ANSWERS.get(requirement.name, "").format(number=number),
        status=plan.status,
        rejection_reason=plan.rejection,
    )
    if plan.status != EvidenceStatus.SUBMITTED:
        evidence.verified_by = checker
        evidence.verified_at = timezone.now()
    if requirement.kind == "document":
        title = f"{org.name}: {requirement.name}"
        evidence.original_filename = f"{requirement.name} {issued.year}.pdf"
        upload = ContentFile(pdf_bytes(title), name=evidence.original_filename)
        uploads.private_name(upload)  # type: ignore[arg-type]
        evidence.file.save(upload.name, upload, save=False)
    evidence.full_clean()
    evidence.stamp(checker)
    evidence.save()


@transaction.atomic
def load() -> None:
    if not Requirement.objects.exists():
        load_diligence_reference()
    today = timezone.localdate()
    checker = _staff("contracts") or _staff("manager")
    manager = _staff("manager")
    members = list(demo_members())
    requirements = list(Requirement.objects.filter(active=True).order_by("order", "name"))
    given = set(Evidence.objects.filter(organisation__in=members).values_list("organisation_id", "requirement_id"))
    for index, org in enumerate(members):
        for requirement in requirements:
            if (org.pk, requirement.pk) in given:
                continue
            plan = _plan(requirement.name, index)
            if plan is None:
                continue
            _evidence(org, requirement, plan, 100000 + org.pk, today, checker)
        for year, grades, reviewed_on in (
            (today.year - 1, LAST_YEAR, add_months(today, -12) - timedelta(days=14)),
            (today.year, THIS_YEAR, today - timedelta(days=20)),
        ):
            if DueDiligenceReview.objects.filter(organisation=org, year=year).exists():
                continue
            rag = grades[index % len(grades)]
            review = DueDiligenceReview(
                organisation=org,
                year=year,
                reviewed_on=reviewed_on,
                reviewer=manager,
                rag=rag,
                reasons=REASONS[rag],
                action_plan=ACTION_PLAN if rag == Rag.AMBER else "",
                next_review_due=add_months(reviewed_on, 12),
            )
            review.full_clean()
            review.stamp(manager)
            review.save()
