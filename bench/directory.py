"""The directory scenario: organisations, contacts and areas list pages, and the search box, at
20,000 organisations, each list page timed beside Django's admin changelist for the same rows.

Builds 20,000 organisations and 60,000 contacts (by default), then requests each page repeatedly
and prints one JSON line per page: the median and 95th percentile server time, the query count,
and the same figures for the admin changelist (`bench/admin.py`), with the ratio of the two
medians. Targets: every list page under 50 ms median, no slower than the admin, fixed query
counts. See bench/README.md.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bench.common import analyse, emit, log, make_hub_manager, signed_in_client, size_variants_fixed, time_pages

NAME = "directory"
TARGET_MEDIAN_MS = 50.0
TARGET_RATIO = 1.0


# --- the dataset ---------------------------------------------------------------------------------

# (town, county, postcode districts, ONS code of its local authority)
TOWNS = [
    ("Preston", "Lancashire", ["PR1", "PR2", "PR3", "PR4", "PR5"], "E07000123"),
    ("Leeds", "West Yorkshire", ["LS1", "LS2", "LS6", "LS7", "LS8", "LS11", "LS17"], "E08000035"),
    ("Manchester", "Greater Manchester", ["M1", "M4", "M13", "M14", "M20", "M40"], "E08000003"),
    ("Liverpool", "Merseyside", ["L1", "L3", "L8", "L15", "L25"], "E08000012"),
    ("Sheffield", "South Yorkshire", ["S1", "S2", "S7", "S10", "S11"], "E08000019"),
    ("Newcastle upon Tyne", "Tyne and Wear", ["NE1", "NE2", "NE4", "NE6"], "E08000021"),
    ("Birmingham", "West Midlands", ["B1", "B5", "B12", "B29", "B45"], "E08000025"),
    ("London", "Greater London", ["E5", "E8", "E9", "N16"], "E09000012"),
    ("Bristol", "", ["BS1", "BS2", "BS5", "BS16"], "E06000023"),
    ("Plymouth", "Devon", ["PL1", "PL4", "PL9"], "E06000026"),
    ("Exeter", "Devon", ["EX1", "EX2", "EX4"], "E07000041"),
    ("Norwich", "Norfolk", ["NR1", "NR2", "NR3", "NR7"], "E07000148"),
    ("Oxford", "Oxfordshire", ["OX1", "OX2", "OX4"], "E07000178"),
    ("Cambridge", "Cambridgeshire", ["CB1", "CB2", "CB4"], "E07000008"),
    ("York", "North Yorkshire", ["YO1", "YO10", "YO24"], "E06000014"),
    ("Derby", "Derbyshire", ["DE1", "DE22", "DE24"], "E06000015"),
    ("Leicester", "Leicestershire", ["LE1", "LE2", "LE5"], "E06000016"),
    ("Nottingham", "Nottinghamshire", ["NG1", "NG7", "NG11"], "E06000018"),
    ("Brighton", "East Sussex", ["BN1", "BN2", "BN3"], "E06000043"),
    ("Cardiff", "", ["CF10", "CF11", "CF14", "CF24"], "W06000015"),
    ("Swansea", "", ["SA1", "SA2", "SA6"], "W06000011"),
    ("Glasgow", "", ["G1", "G3", "G12", "G42"], "S12000049"),
    ("Edinburgh", "", ["EH1", "EH3", "EH7", "EH11"], "S12000036"),
    ("Dundee", "", ["DD1", "DD3", "DD4"], "S12000042"),
    ("Aberdeen", "", ["AB10", "AB11", "AB24"], "S12000033"),
    ("Belfast", "County Antrim", ["BT1", "BT7", "BT9", "BT12"], "N09000003"),
]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
PLACES = [
    "Riverside", "Northside", "Greenfields", "Hillside", "St Mary's", "Oakwood", "Meadowbank", "Harbour",
    "Canalside", "Parkside", "Westgate", "Eastfield", "Brookside", "Moorland", "Valley", "Heritage",
    "Lighthouse", "Phoenix", "Horizon", "Compass", "Bridges", "Beacon", "Springfield", "Ashgrove",
]  # fmt: skip
THEMES = [
    "Community", "Carers", "Advice", "Youth", "Mental Health", "Food Bank", "Befriending", "Refugee Support",
    "Women's Aid", "Disability", "Older People's", "Arts", "Sports", "Housing", "Recovery", "Family",
    "Environmental", "Debt Advice", "Citizens Advice", "Volunteer", "Wellbeing", "Homelessness", "Autism",
    "Dementia", "Employment", "Learning",
]  # fmt: skip
KINDS = [
    "Trust", "Centre", "Network", "Project", "Association", "Partnership", "Forum", "Collective",
    "Foundation", "Group", "Alliance", "Hub", "Society", "Services", "Action",
]  # fmt: skip
FIRST_NAMES = [
    "Sam", "Alex", "Jo", "Chris", "Priya", "Mohammed", "Aisha", "Olivia", "Amelia", "Isla", "Ava", "Jack",
    "Harry", "Oliver", "George", "Noah", "Leo", "Fatima", "Zara", "Hannah", "Emily", "Sophie", "Grace",
    "Ruth", "Sarah", "David", "James", "John", "Michael", "Paul", "Peter", "Rachel", "Helen", "Claire",
    "Gareth", "Rhys", "Siobhan", "Ciaran", "Eilidh", "Callum", "Ewan", "Niamh", "Kwame", "Chidi", "Tomasz",
    "Agnieszka", "Deepa", "Ravi", "Anil", "Mei", "Wei", "Yusuf", "Omar", "Layla", "Imran", "Bethan", "Dylan",
]  # fmt: skip
LAST_NAMES = [
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
    "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
    "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
    "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
    "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly",
    "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Khan",
    "Ali", "Hussain", "Begum", "Singh", "Kaur", "Campbell", "Stewart", "MacDonald", "Reid", "Murray",
    "O'Neill", "Doherty", "Kowalski", "Nowak", "Okafor", "Mensah", "Chen",
]  # fmt: skip
JOB_TITLES = [
    "Chief Executive", "Director", "Services Manager", "Project Coordinator", "Volunteer Coordinator",
    "Finance Officer", "Operations Manager", "Development Worker", "Chair of Trustees", "Treasurer",
    "Fundraising Manager", "Support Worker", "Office Manager", "Outreach Worker", "Trustee", "",
]  # fmt: skip
ROLE_WEIGHTS = {"member": 0.55, "provider": 0.35, "commissioner": 0.05, "funder": 0.05, "infrastructure": 0.03}

# Words the filtered pages and the search box look for: common ones, and rare ones that match a
# handful of rows (the "few rows" variants, which also make the database scan everything).
ORG_WORD = "advice"
CONTACT_WORD = "smith"
AREA_WORD = "shire"
SEARCH_WORD = "preston"
RARE_ORG_WORD = "kingfisher"
RARE_CONTACT_WORD = "featherstonehaugh"
RARE_AREA_CODE = "E06000014"  # York
RARE_COUNT = 7


def postcode(rng: random.Random, districts: list[str]) -> str:
    return f"{rng.choice(districts)} {rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def domain(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())[:30] + ".org.uk"


def build_dataset(organisations: int, contacts: int, seed: int = 2024) -> None:
    """The directory: `organisations` organisations with their roles, and `contacts` contacts."""
    rng = random.Random(seed)
    created = build_organisations(rng, organisations)
    build_contacts(rng, created, contacts)


def random_roles(rng: random.Random) -> list[str]:
    """One or more roles, about 55% members."""
    return [code for code, weight in ROLE_WEIGHTS.items() if rng.random() < weight] or ["other"]


def build_organisations(
    rng: random.Random, organisations: int, roles_of: Callable[[random.Random], list[str]] = random_roles
) -> list[Any]:
    """`organisations` organisations with realistic names, towns, postcodes, numbers and areas,
    and the roles `roles_of` picks for each (bulk-created; returned with their ids)."""
    from django.db import transaction

    from consortia.directory import identifiers
    from consortia.directory.choices import AreaKind, LegalForm
    from consortia.directory.models import Area, Organisation, OrganisationRole

    areas = {area.code: area for area in Area.objects.all()}
    local_authorities = [
        area
        for area in areas.values()
        if area.kind in (AreaKind.UNITARY, AreaKind.DISTRICT, AreaKind.METROPOLITAN, AreaKind.LONDON_BOROUGH)
    ]
    roles = {role.code: role for role in OrganisationRole.objects.all()}
    legal_forms = [choice for choice in LegalForm.values if choice != LegalForm.OTHER]
    charity_numbers = iter(rng.sample(range(1_000_000, 1_300_000), organisations))
    scottish_numbers = iter(rng.sample(range(1, 50_000), organisations))
    ni_numbers = iter(rng.sample(range(100_000, 199_999), organisations))
    company_numbers = iter(rng.sample(range(1_000_000, 15_000_000), organisations))
    rare = set(rng.sample(range(organisations), min(RARE_COUNT, organisations)))

    started = time.perf_counter()
    batch: list[Organisation] = []
    for index in range(organisations):
        town, county, districts, area_code = rng.choice(TOWNS)
        shape = rng.random()
        theme, kind = rng.choice(THEMES), rng.choice(KINDS)
        if index in rare:
            name = f"Kingfisher Wildlife {kind} {town}"
        elif shape < 0.4:
            name = f"{town} {theme} {kind}"
        elif shape < 0.8:
            name = f"{rng.choice(PLACES)} {theme} {kind}"
        else:
            name = f"{theme} {kind} ({rng.choice(PLACES)}, {town})"
        legal_form = rng.choice(legal_forms)
        charity_number = charity_register = company_number = ""
        if legal_form in (LegalForm.CHARITY, LegalForm.CIO) or (legal_form == LegalForm.CLG and rng.random() < 0.6):
            if area_code.startswith("S"):
                charity_register, charity_number = "oscr", f"SC{next(scottish_numbers):06d}"
            elif area_code.startswith("N"):
                charity_register, charity_number = "ccni", str(next(ni_numbers))
            else:
                charity_register, charity_number = "ccew", str(next(charity_numbers))
        if legal_form in (LegalForm.CIC, LegalForm.CLG, LegalForm.CLS) or rng.random() < 0.05:
            company_number = f"{next(company_numbers):08d}"
        batch.append(
            Organisation(
                name=name,
                other_names=f"{rng.choice(PLACES)} {theme} Project" if rng.random() < 0.15 else "",
                legal_form=legal_form,
                charity_number=charity_number,
                charity_register=charity_register,
                company_number=company_number,
                org_id=identifiers.org_id(charity_number, charity_register, company_number, ""),
                address_line_1=f"{rng.randint(1, 250)} {rng.choice(PLACES)} Road",
                town=town,
                county=county,
                postcode=postcode(rng, districts),
                area=areas.get(area_code) if rng.random() < 0.9 else rng.choice(local_authorities),
                website=f"https://www.{domain(name)}" if rng.random() < 0.6 else "",
                email=f"info@{domain(name)}" if rng.random() < 0.7 else "",
                phone=f"0{rng.randint(1000, 2999)} {rng.randint(100000, 999999)}" if rng.random() < 0.7 else "",
            )
        )
    with transaction.atomic():
        created = Organisation.objects.bulk_create(batch, batch_size=2000)
        through = Organisation.roles.through
        links = []
        for organisation in created:
            picked = roles_of(rng)
            links += [through(organisation_id=organisation.pk, organisationrole_id=roles[code].pk) for code in picked]
        through.objects.bulk_create(links, batch_size=5000)
    log(f"bench: {len(created)} organisations, {len(links)} roles in {time.perf_counter() - started:.1f} s")
    return created


def build_contacts(rng: random.Random, created: list[Any], contacts: int) -> None:
    """`contacts` contacts spread at random over the organisations `created`."""
    from django.db import transaction

    from consortia.directory.choices import ConsentSource, PreferredContact
    from consortia.directory.models import Contact

    started = time.perf_counter()
    rare_contacts = set(rng.sample(range(contacts), min(RARE_COUNT, contacts)))
    consent_sources = ConsentSource.values
    preferred = PreferredContact.values
    today = date.today()
    people: list[Contact] = []
    for index in range(contacts):
        organisation = rng.choice(created)
        first = rng.choice(FIRST_NAMES)
        last = "Featherstonehaugh" if index in rare_contacts else rng.choice(LAST_NAMES)
        consent = rng.random() < 0.55
        email = f"{first}.{last}@{domain(organisation.name)}".lower().replace("'", "")
        people.append(
            Contact(
                first_name=first,
                last_name=last,
                job_title=rng.choice(JOB_TITLES),
                organisation=organisation,
                email=email if rng.random() < 0.85 or consent else "",
                phone=f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}" if rng.random() < 0.6 else "",
                preferred_contact=PreferredContact.EMAIL if consent else rng.choice(preferred),
                consent=consent,
                consent_date=today - timedelta(days=rng.randint(0, 1100)) if consent else None,
                consent_source=rng.choice(consent_sources) if consent else "",
            )
        )
    with transaction.atomic():
        Contact.objects.bulk_create(people, batch_size=2000)
    log(f"bench: {len(people)} contacts in {time.perf_counter() - started:.1f} s")


# --- the pages -----------------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    group: str  # which record type (or "search"), for the fixed-query-count check
    url: str
    admin_url: str | None
    rows: int
    # A variant that differs from the plain list only in how many rows it shows, or which page:
    # its query count must equal the plain list's (a count that grows with the rows is an N+1).
    size_variant: bool = False


def pages() -> list[Page]:
    from django.conf import settings

    from bench.admin import bench_admin_site, sort_param
    from consortia.directory.models import Area, Contact, Organisation, OrganisationRole

    organisations, contacts, areas = Organisation.objects.count(), Contact.objects.count(), Area.objects.count()
    member = OrganisationRole.objects.get(code="member")
    org_admin = bench_admin_site.get_model_admin(Organisation)
    contact_admin = bench_admin_site.get_model_admin(Contact)
    area_admin = bench_admin_site.get_model_admin(Area)

    def page_number(rows: int) -> int:  # page 50, or the last page of a smaller dataset
        return max(1, min(50, math.ceil(rows / settings.LIST_PAGE_SIZE)))

    org_page, contact_page, area_page = page_number(organisations), page_number(contacts), page_number(areas)
    o, c, a = "/directory/organisations/", "/directory/contacts/", "/directory/areas/"
    ao, ac, aa = (f"/bench-admin/directory/{model}/" for model in ("organisation", "contact", "area"))
    everything = organisations + contacts + areas
    sized = {"size_variant": True}
    return [
        Page("organisations", "organisations", o, ao, organisations, **sized),
        Page("organisations sorted by town, descending", "organisations", f"{o}?sort=-town",
             f"{ao}?o={sort_param(org_admin, 'town', descending=True)}", organisations),
        Page(f"organisations searched for '{ORG_WORD}'", "organisations", f"{o}?q={ORG_WORD}",
             f"{ao}?q={ORG_WORD}", organisations),
        Page("organisations filtered by role member", "organisations", f"{o}?role=member",
             f"{ao}?roles__id__exact={member.pk}", organisations),
        Page(f"organisations page {org_page}", "organisations", f"{o}?page={org_page}",
             f"{ao}?p={org_page}", organisations, **sized),
        Page(f"organisations, few rows (search '{RARE_ORG_WORD}')", "organisations", f"{o}?q={RARE_ORG_WORD}",
             f"{ao}?q={RARE_ORG_WORD}", organisations, **sized),
        Page("contacts", "contacts", c, ac, contacts, **sized),
        Page("contacts sorted by organisation", "contacts", f"{c}?sort=organisation",
             f"{ac}?o={sort_param(contact_admin, 'organisation')}", contacts),
        Page(f"contacts searched for '{CONTACT_WORD}'", "contacts", f"{c}?q={CONTACT_WORD}",
             f"{ac}?q={CONTACT_WORD}", contacts),
        Page("contacts filtered by consent", "contacts", f"{c}?consent=true",
             f"{ac}?consent__exact=1", contacts),
        Page(f"contacts page {contact_page}", "contacts", f"{c}?page={contact_page}",
             f"{ac}?p={contact_page}", contacts, **sized),
        Page(f"contacts, few rows (search '{RARE_CONTACT_WORD}')", "contacts", f"{c}?q={RARE_CONTACT_WORD}",
             f"{ac}?q={RARE_CONTACT_WORD}", contacts, **sized),
        Page("areas", "areas", a, aa, areas, **sized),
        Page("areas sorted by code, descending", "areas", f"{a}?sort=-code",
             f"{aa}?o={sort_param(area_admin, 'code', descending=True)}", areas),
        Page(f"areas searched for '{AREA_WORD}'", "areas", f"{a}?q={AREA_WORD}",
             f"{aa}?q={AREA_WORD}", areas),
        Page("areas filtered by kind district", "areas", f"{a}?kind=district",
             f"{aa}?kind__exact=district", areas),
        Page(f"areas page {area_page}", "areas", f"{a}?page={area_page}",
             f"{aa}?p={area_page}", areas, **sized),
        Page(f"areas, few rows (search '{RARE_AREA_CODE}')", "areas", f"{a}?q={RARE_AREA_CODE}",
             f"{aa}?q={RARE_AREA_CODE}", areas, **sized),
        Page(f"search box '{SEARCH_WORD}'", "search", f"/search/?q={SEARCH_WORD}", None, everything, **sized),
        Page(f"search box '{RARE_ORG_WORD}' (few matches)", "search", f"/search/?q={RARE_ORG_WORD}", None,
             everything, **sized),
    ]  # fmt: skip


# --- the scenario --------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("directory scenario")
    group.add_argument("--organisations", type=int, default=20_000, help="organisations to create (20000)")
    group.add_argument("--contacts", type=int, default=60_000, help="contacts to create (60000)")


def check_args(args: argparse.Namespace) -> None:
    if args.organisations < 100 or args.contacts < 100:
        raise SystemExit("bench: --organisations and --contacts must be at least 100")


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Build the directory in the (fresh) scratch database and time its pages; the lines printed."""
    build_dataset(args.organisations, args.contacts)
    analyse()
    client = signed_in_client(make_hub_manager())
    return run_pages(client, args.repeat, args.budget)


def run_pages(client: Any, repeat: int, budget: float) -> list[dict[str, Any]]:
    results = []
    for page in pages():
        urls = [page.url, page.admin_url] if page.admin_url else [page.url]
        timings = time_pages(client, urls, repeat, budget)
        ours, theirs = timings[0], (timings[1] if page.admin_url else None)
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
            "admin_url": page.admin_url,
            "admin_matched": theirs.matched if theirs else None,
            "admin_median_ms": round(theirs.median, 2) if theirs else None,
            "admin_p95_ms": round(theirs.p95, 2) if theirs else None,
            "admin_queries": theirs.query_count if theirs else None,
            "admin_cpu_median_ms": round(theirs.cpu_median, 2) if theirs else None,
            "ratio": round(ours.median / theirs.median, 3) if theirs else None,
        }
        if theirs and ours.matched != theirs.matched:
            log(f"bench: WARNING {page.name}: we show {ours.matched} matching rows, the admin {theirs.matched}")
        emit(line)
        line["group"], line["size_variant"] = page.group, page.size_variant
        results.append(line)
        admin_note = f", admin {line['admin_median_ms']} ms ({line['admin_queries']} queries)" if theirs else ""
        log(f"bench: {page.name}: {line['median_ms']} ms ({line['queries']} queries){admin_note}")
    return results


def summarise(results: list[dict[str, Any]], args: argparse.Namespace) -> tuple[dict[str, Any], bool]:
    """The directory's fields of the summary line, and whether it meets its targets."""
    lists = [line for line in results if line["group"] != "search"]
    fixed = all(line["queries_fixed"] for line in results) and size_variants_fixed(results)
    max_median = max(line["median_ms"] for line in results)
    max_list_median = max(line["median_ms"] for line in lists)
    max_ratio = max(line["ratio"] for line in lists)
    fields = {
        "organisations": args.organisations,
        "contacts": args.contacts,
        "repeat": args.repeat,
        "max_median_ms": max_median,
        "max_list_median_ms": max_list_median,
        "max_ratio": max_ratio,
        "fixed_query_counts": fixed,
        "target_median_ms": TARGET_MEDIAN_MS,
        "target_ratio": TARGET_RATIO,
    }
    return fields, max_list_median < TARGET_MEDIAN_MS and max_ratio <= TARGET_RATIO and fixed
