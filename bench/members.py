"""The members scenario: who can deliver what, and are they compliant, at 5,000 members.

Builds 5,000 member organisations with their memberships, 20,000 capabilities (service
categories and client groups from the reference data the migrations load, areas from the
shipped area table), quality marks, 50,000 evidence records against the reference due-diligence
requirements (current and replaced, expired, expiring and fine, checked, waiting and refused)
and yearly reviews. Then times, as a hub manager, the capability search, the compliance
dashboard and the capabilities and evidence lists. Target: every page under 100 ms median with a
fixed query count. There is no admin yardstick for these pages. See bench/README.md.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from bench.common import (
    LIST_MATCHED,
    analyse,
    emit,
    log,
    make_hub_manager,
    signed_in_client,
    size_variants_fixed,
    time_pages,
)
from bench.directory import build_organisations

NAME = "members"
TARGET_MEDIAN_MS = 100.0

# The realistic question: who can give advice to carers in Lancashire (a county, so its
# districts' members count too)? And the broad one: who gives advice at all?
SEARCH_CATEGORY = "advice-advocacy"
SEARCH_GROUP = "Carers"
SEARCH_AREA = ("Lancashire", "county")

TIERS = {"full": 0.6, "associate": 0.3, "partner": 0.1}
STATUSES = {"active": 0.82, "suspended": 0.03, "lapsed": 0.06, "left": 0.05, "applicant": 0.04}
EVIDENCE_STATUSES = {"verified": 0.7, "submitted": 0.22, "rejected": 0.08}
RAGS = {"green": 0.6, "amber": 0.3, "red": 0.1}
QUALITY_MARKS = [
    "Advice Quality Standard", "Trusted Charity", "Matrix Standard", "Cyber Essentials", "Investors in People",
    "PQASSO", "Approved Provider Standard", "Investing in Volunteers", "Young People Friendly",
]  # fmt: skip
LANGUAGES = ["Urdu", "Polish", "Punjabi", "Bengali", "Arabic", "Gujarati", "Welsh", "Romanian", "Somali"]
REJECTIONS = ["The policy is out of date.", "The certificate names another organisation.", "Pages are missing."]


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def member_roles(rng: random.Random) -> list[str]:
    """Every organisation here is a member; some also provide services under contract."""
    return ["member", "provider"] if rng.random() < 0.4 else ["member"]


# --- the dataset ---------------------------------------------------------------------------------


def build_dataset(members: int, capabilities: int, evidence: int, seed: int = 2025) -> dict[str, int]:
    """The members' data (bulk-created); returns how many rows of each kind were made."""
    from django.db import transaction

    rng = random.Random(seed)
    with transaction.atomic():
        organisations = build_organisations(rng, members, member_roles)
        counts = {"members": len(organisations)}
        started = time.perf_counter()
        counts["memberships"] = build_memberships(rng, organisations)
        counts.update(build_capabilities(rng, organisations, capabilities))
        log(f"bench: memberships, capabilities and quality marks in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        counts.update(build_diligence(rng, organisations, evidence))
        log(f"bench: evidence and reviews in {time.perf_counter() - started:.1f} s")
    return counts


def build_memberships(rng: random.Random, organisations: list[Any]) -> int:
    from consortia.members.models import Membership

    today = date.today()
    fees = {"full": Decimal("150.00"), "associate": Decimal("50.00"), "partner": Decimal("0.00")}
    rows = []
    for organisation in organisations:
        tier, status = pick(rng, TIERS), pick(rng, STATUSES)
        joined = today - timedelta(days=rng.randint(30, 3650))
        rows.append(
            Membership(
                organisation=organisation,
                tier=tier,
                status=status,
                joined_on=joined if status != "applicant" else None,
                renewal_due=today + timedelta(days=rng.randint(-60, 365)) if status != "left" else None,
                left_on=today - timedelta(days=rng.randint(1, 700)) if status == "left" else None,
                annual_fee=fees[tier],
                fee_paid=rng.random() < 0.8,
                agreement_signed_on=joined if rng.random() < 0.9 else None,
                staff_count=rng.randint(0, 120),
                volunteer_count=rng.randint(0, 300),
                clients_per_year=rng.randint(20, 5000),
                languages=", ".join(rng.sample(LANGUAGES, rng.randint(0, 3))),
            )
        )
    Membership.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def build_capabilities(rng: random.Random, organisations: list[Any], capabilities: int) -> dict[str, int]:
    """`capabilities` capabilities, each (organisation, category) at most once, some categories
    more common than others; each for a few client groups (or anyone) in the organisation's own
    area, a neighbour or its whole county. Quality marks for about a third of the members."""
    from consortia.directory.choices import AreaKind
    from consortia.directory.models import Area
    from consortia.members.models import Capability, ClientGroup, QualityMark, ServiceCategory

    categories = list(ServiceCategory.objects.order_by("order", "name"))
    groups = list(ClientGroup.objects.order_by("order", "name"))
    local = list(
        Area.objects.filter(
            kind__in=[AreaKind.UNITARY, AreaKind.DISTRICT, AreaKind.METROPOLITAN, AreaKind.LONDON_BOROUGH]
        ).select_related("parent")
    )
    by_pk = {area.pk: area for area in local}
    siblings: dict[int | None, list[Any]] = {}
    for area in local:
        siblings.setdefault(area.parent_id, []).append(area)
    capabilities = min(capabilities, len(organisations) * len(categories))
    # Popularity falls off down the list (advice, employability, mental health… are common).
    weights = [1 / (1 + index * 0.15) for index in range(len(categories))]
    chosen: set[tuple[int, int]] = set()
    while len(chosen) < capabilities:
        organisation = rng.randrange(len(organisations))
        category = rng.choices(range(len(categories)), weights=weights)[0]
        chosen.add((organisation, category))
    rows = []
    for organisation_index, category_index in sorted(chosen):
        rows.append(
            Capability(
                organisation=organisations[organisation_index],
                category=categories[category_index],
                description=f"{categories[category_index].name} delivered by our own staff and volunteers.",
                clients_per_year=rng.randint(10, 1500) if rng.random() < 0.8 else None,
            )
        )
    created = Capability.objects.bulk_create(rows, batch_size=2000)
    group_links, area_links = [], []
    group_through, area_through = Capability.client_groups.through, Capability.areas.through
    for capability in created:
        if rng.random() < 0.9:  # the rest work with anyone
            for group in rng.sample(groups, rng.randint(1, 4)):
                group_links.append(group_through(capability_id=capability.pk, clientgroup_id=group.pk))
        home = by_pk.get(capability.organisation.area_id) or rng.choice(local)
        places = {home.pk}
        shape = rng.random()
        if shape < 0.2 and home.parent_id and home.parent.kind == AreaKind.COUNTY:
            places = {home.parent_id}  # across the county
        elif shape < 0.5:
            places |= {area.pk for area in rng.sample(siblings.get(home.parent_id, [home]), 1)}
        area_links += [area_through(capability_id=capability.pk, area_id=pk) for pk in places]
    group_through.objects.bulk_create(group_links, batch_size=5000)
    area_through.objects.bulk_create(area_links, batch_size=5000)
    today = date.today()
    marks = []
    for organisation in organisations:
        if rng.random() < 0.35:
            for name in rng.sample(QUALITY_MARKS, rng.randint(1, 2)):
                awarded = today - timedelta(days=rng.randint(30, 1500))
                marks.append(
                    QualityMark(
                        organisation=organisation,
                        name=name,
                        reference=f"QM{rng.randint(10000, 99999)}",
                        awarded_on=awarded,
                        expires_on=today + timedelta(days=rng.randint(-90, 900)) if rng.random() < 0.8 else None,
                    )
                )
    QualityMark.objects.bulk_create(marks, batch_size=2000)
    return {
        "capabilities": len(created),
        "capability_client_groups": len(group_links),
        "capability_areas": len(area_links),
        "quality_marks": len(marks),
    }


def build_diligence(rng: random.Random, organisations: list[Any], evidence: int) -> dict[str, int]:
    """Current evidence for most requirements of most members, earlier (replaced) evidence to make
    up `evidence` rows, and this year's and last year's reviews for many members."""
    from consortia.members.models import DueDiligenceReview, Evidence, Requirement

    today = date.today()
    requirements = list(Requirement.objects.filter(active=True).order_by("order", "name"))

    def expiry_spread(requirement: Any) -> tuple[date | None, date | None]:
        """(issued_on, expires_on): about 12% expired, 10% expiring within 60 days, the rest fine."""
        shape = rng.random()
        if requirement.needs_expiry:
            if shape < 0.12:
                expires = today - timedelta(days=rng.randint(1, 365))
            elif shape < 0.22:
                expires = today + timedelta(days=rng.randint(0, 60))
            else:
                expires = today + timedelta(days=rng.randint(61, 365))
            return expires - timedelta(days=365), expires
        months = requirement.renewal_months
        if shape < 0.12:
            age = months * 30 + rng.randint(5, 365)
        elif shape < 0.22:
            age = months * 30 - rng.randint(5, 55)
        else:
            age = rng.randint(0, max(1, months * 30 - 70))
        return today - timedelta(days=age), None

    def make(organisation: Any, requirement: Any, status: str, issued: date | None, expires: date | None) -> Any:
        made = Evidence(
            organisation=organisation,
            requirement=requirement,
            original_filename=f"{requirement.name.lower().replace(' ', '-')}.pdf"
            if requirement.kind == "document"
            else "",
            answer="We hold this and review it every year." if requirement.kind == "answer" else "",
            issued_on=issued,
            expires_on=expires,
            cover_amount=Decimal(rng.choice([5, 10])) * 1_000_000 if requirement.needs_cover_amount else None,
            dbs_level=rng.choice(["enhanced", "enhanced_barred", "standard"]) if requirement.needs_dbs_level else "",
            status=status,
            verified_at=datetime.now().astimezone() if status != "submitted" else None,
            rejection_reason=rng.choice(REJECTIONS) if status == "rejected" else "",
        )
        made.renews_on = made.renewal_due()  # bulk_create does not call save(), which keeps it
        return made

    current = []
    for organisation in organisations:
        for requirement in requirements:
            if rng.random() < 0.78:  # the rest are missing
                current.append(
                    make(organisation, requirement, pick(rng, EVIDENCE_STATUSES), *expiry_spread(requirement))
                )
    rng.shuffle(current)  # in the order members sent it, not organisation by organisation
    current = current[:evidence]
    created = Evidence.objects.bulk_create(current, batch_size=2000)
    older = []
    for _ in range(max(0, evidence - len(created))):
        newer = rng.choice(created)
        issued = (newer.issued_on or today) - timedelta(days=365 + rng.randint(0, 400))
        expires = issued + timedelta(days=365) if newer.expires_on else None
        replaced = make(newer.organisation, newer.requirement, "verified", issued, expires)
        replaced.superseded_by = newer
        older.append(replaced)
    Evidence.objects.bulk_create(older, batch_size=2000)
    reviews = []
    for organisation in organisations:
        for year_ago in (0, 1):
            if rng.random() < (0.6 if year_ago == 0 else 0.4):
                reviewed = today - timedelta(days=365 * year_ago + rng.randint(0, 300))
                rag = pick(rng, RAGS)
                reviews.append(
                    DueDiligenceReview(
                        organisation=organisation,
                        year=today.year - year_ago,
                        reviewed_on=reviewed,
                        rag=rag,
                        reasons="Insurance and policies checked against the requirements.",
                        action_plan="Renew the expired insurance within a month." if rag == "amber" else "",
                        next_review_due=reviewed + timedelta(days=365),
                    )
                )
    DueDiligenceReview.objects.bulk_create(reviews, batch_size=2000)
    return {"evidence": len(created) + len(older), "current_evidence": len(created), "reviews": len(reviews)}


# --- the pages -----------------------------------------------------------------------------------

SEARCH_MATCHED = r'<h2 class="h5" aria-live="polite">(\d+) member'
COMPLIANCE_MATCHED = r'id="member-count">(\d+) member'


@dataclass
class Page:
    name: str
    group: str
    url: str
    rows: int
    matched_pattern: str
    size_variant: bool = False


def pages(counts: dict[str, int]) -> list[Page]:
    from django.conf import settings

    from consortia.directory.models import Area
    from consortia.members.models import ClientGroup, ServiceCategory

    category = ServiceCategory.objects.get(code=SEARCH_CATEGORY)
    group = ClientGroup.objects.get(name=SEARCH_GROUP)
    area = Area.objects.get(name=SEARCH_AREA[0], kind=SEARCH_AREA[1])
    search = "/members/capabilities/search/"
    narrow = urlencode({"category": category.pk, "client_group": group.pk, "area": area.pk})
    broad = urlencode({"category": category.pk})

    def page_number(rows: int) -> int:
        return max(1, min(50, math.ceil(rows / settings.LIST_PAGE_SIZE)))

    capabilities, evidence = counts["capabilities"], counts["evidence"]
    c, e = "/members/capabilities/", "/members/evidence/"
    return [
        Page(f"capability search: {category.name.lower()} for {group.name.lower()} in {area.name}",
             "search", f"{search}?{narrow}", capabilities, SEARCH_MATCHED),
        Page(f"capability search: {category.name.lower()}, anyone, anywhere", "search", f"{search}?{broad}",
             capabilities, SEARCH_MATCHED),
        Page("compliance dashboard", "compliance", "/members/compliance/", evidence, COMPLIANCE_MATCHED),
        Page("capabilities", "capabilities", c, capabilities, LIST_MATCHED, size_variant=True),
        Page(f"capabilities page {page_number(capabilities)}", "capabilities",
             f"{c}?page={page_number(capabilities)}", capabilities, LIST_MATCHED, size_variant=True),
        Page("evidence", "evidence", e, evidence, LIST_MATCHED, size_variant=True),
        Page(f"evidence page {page_number(evidence)}", "evidence", f"{e}?page={page_number(evidence)}", evidence,
             LIST_MATCHED, size_variant=True),
        Page("evidence, current only", "evidence", f"{e}?current=true", evidence, LIST_MATCHED),
    ]  # fmt: skip


# --- the scenario --------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("members scenario")
    group.add_argument("--members", type=int, default=5_000, help="member organisations to create (5000)")
    group.add_argument("--capabilities", type=int, default=20_000, help="capabilities to create (20000)")
    group.add_argument("--evidence", type=int, default=50_000, help="evidence records to create (50000)")


def check_args(args: argparse.Namespace) -> None:
    if args.members < 100 or args.capabilities < 100 or args.evidence < 100:
        raise SystemExit("bench: --members, --capabilities and --evidence must be at least 100")


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Build the members' data in the (fresh) scratch database and time its pages; the lines printed."""
    started = time.perf_counter()
    counts = build_dataset(args.members, args.capabilities, args.evidence)
    log(f"bench: members' data {counts} in {time.perf_counter() - started:.1f} s")
    analyse()
    client = signed_in_client(make_hub_manager())
    results = []
    for page in pages(counts):
        ours = time_pages(client, [page.url], args.repeat, args.budget, page.matched_pattern)[0]
        line: dict[str, Any] = {
            "page": page.name,
            "url": page.url,
            "rows": page.rows,
            "samples": len(ours.times_ms),
            "matched": ours.matched,
            "median_ms": round(ours.median, 2),
            "p95_ms": round(ours.p95, 2),
            "queries": ours.query_count,
            "queries_fixed": ours.fixed,
            "cpu_median_ms": round(ours.cpu_median, 2),
        }
        emit(line)
        line["group"], line["size_variant"], line["counts"] = page.group, page.size_variant, counts
        results.append(line)
        log(f"bench: {page.name}: {line['median_ms']} ms ({line['queries']} queries, {line['matched']} matched)")
    return results


def summarise(results: list[dict[str, Any]], args: argparse.Namespace) -> tuple[dict[str, Any], bool]:
    """The members' fields of the summary line, and whether they meet the target."""
    fixed = all(line["queries_fixed"] for line in results) and size_variants_fixed(results)
    counts = results[0]["counts"] if results else {}
    max_median = max(line["median_ms"] for line in results)
    fields = {
        "members": counts.get("members", args.members),
        "capabilities": counts.get("capabilities", args.capabilities),
        "evidence": counts.get("evidence", args.evidence),
        "repeat": args.repeat,
        "members_max_median_ms": max_median,
        "members_fixed_query_counts": fixed,
        "members_target_median_ms": TARGET_MEDIAN_MS,
        "members_meets_target": max_median < TARGET_MEDIAN_MS and fixed,
    }
    return fields, bool(fields["members_meets_target"])
