"""Realistic OCDS release packages in bulk, for the notice import benchmark and the demo.

The releases follow the shapes of the real files in ../shared/data: Contracts Finder's
(`xClassifications`, `minValue`, CPV in `items[].classification`, buyer addresses) and Find a
Tender's under the Procurement Act 2023 (UK notice types on documents, `suitability.sme/vcse`,
lots, CPV in `tender.classification` and `items[].additionalClassifications`). Each process
has one to five releases in date order (planning, tender, amendment, award, contract) spread
through the files as a feed would send them. Descriptions are of real length (a few hundred to
a few thousand characters) and made of plausible sentences, so the full-text index has real
work to do. The same seed always gives the same files.

    python bench/ocds_generate.py DIRECTORY --releases 200000 [--per-file 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import heapq
import random
import uuid
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

PACKAGE_SIZE = 100  # releases per package, as both APIs page them

BUYERS = [
    ("Lancashire County Council", "Preston", "PR1 8XJ", "North West"),
    ("Blackpool Council", "Blackpool", "FY1 1GB", "North West"),
    ("Blackburn with Darwen Borough Council", "Blackburn", "BB1 7DY", "North West"),
    ("Preston City Council", "Preston", "PR1 2RL", "North West"),
    ("Lancashire and South Cumbria Integrated Care Board", "Preston", "PR2 8DY", "North West"),
    ("Manchester City Council", "Manchester", "M60 2LA", "North West"),
    ("Liverpool City Council", "Liverpool", "L3 1DS", "North West"),
    ("Cumberland Council", "Carlisle", "CA3 8QG", "North West"),
    ("Leeds City Council", "Leeds", "LS1 1UR", "Yorkshire and The Humber"),
    ("Sheffield City Council", "Sheffield", "S1 2HH", "Yorkshire and The Humber"),
    ("Birmingham City Council", "Birmingham", "B1 1BB", "West Midlands"),
    ("Nottinghamshire County Council", "West Bridgford", "NG2 7QP", "East Midlands"),
    ("Norfolk County Council", "Norwich", "NR1 2DH", "East of England"),
    ("Kent County Council", "Maidstone", "ME14 1XQ", "South East"),
    ("Devon County Council", "Exeter", "EX2 4QD", "South West"),
    ("London Borough of Hackney", "London", "E8 1EA", "London"),
    ("Newcastle City Council", "Newcastle upon Tyne", "NE1 8QH", "North East"),
    ("Department for Work and Pensions", "London", "SW1H 9NA", "London"),
    ("Ministry of Justice", "London", "SW1H 9AJ", "London"),
    ("NHS England", "Leeds", "LS2 7UE", "Yorkshire and The Humber"),
    ("Cardiff Council", "Cardiff", "CF10 4UW", "Wales"),
    ("Glasgow City Council", "Glasgow", "G1 1JL", "Scotland"),
]

# (CPV code, description, title stems): services a voluntary-sector consortium bids for, and
# some it never would, so that matching has something to leave out.
SERVICES = [
    ("85312300", "Guidance and counselling services", ["Welfare benefits advice", "Debt advice service"]),
    ("85312320", "Counselling services", ["Community counselling", "Talking therapies for adults"]),
    ("85323000", "Community health services", ["Community mental health support", "Health inequalities programme"]),
    ("85311000", "Social work services with accommodation", ["Supported accommodation for young people"]),
    ("85312000", "Social work services without accommodation", ["Floating support", "Carers support service"]),
    ("85312500", "Rehabilitation services", ["Drug and alcohol recovery service", "Recovery community support"]),
    ("79611000", "Job search services", ["Employment support programme", "Into work service"]),
    ("80530000", "Vocational training services", ["Skills for work", "Adult learning and skills"]),
    ("85320000", "Social services", ["Domestic abuse support service", "Early help family support"]),
    ("98133000", "Services furnished by social membership organisations", ["Community engagement"]),
    ("70333000", "Housing services", ["Homelessness prevention service", "Tenancy sustainment"]),
    ("45000000", "Construction work", ["Highways resurfacing", "School extension works"]),
    ("34144900", "Electric vehicles", ["Electric fleet vehicles"]),
    ("72000000", "IT services: consulting, software development, Internet and support", ["Case management system"]),
    ("90910000", "Cleaning services", ["Office cleaning"]),
    ("15000000", "Food, beverages, tobacco and related products", ["School meals provisions"]),
]

SENTENCES = [
    "The Authority is seeking a provider to deliver {stem} across {area}.",
    "The service will support adults and young people with multiple and complex needs.",
    "Providers will work in partnership with local voluntary, community and faith sector organisations.",
    "Delivery must be accessible, trauma-informed and responsive to people's own goals.",
    "The contract will run for an initial period of three years with an option to extend for up to two further years.",
    "Payment will be made quarterly in arrears, with an element linked to the achievement of outcomes.",
    "Bidders should demonstrate experience of working with people facing disadvantage and of reaching those who do not use services.",
    "The successful provider will be expected to collect monitoring data and report against the key performance indicators each quarter.",
    "Social value will be evaluated in line with the Authority's social value policy and will account for ten per cent of the quality score.",
    "Staff delivering the service must hold an enhanced DBS check and complete safeguarding training.",
    "The Authority welcomes bids from consortia and partnerships, including those led by voluntary sector organisations.",
    "TUPE may apply; the incumbent provider's staffing information will be made available to bidders who sign the confidentiality agreement.",
    "A market engagement event will be held online before the tender is published.",
    "The procurement is being conducted under the competitive flexible procedure.",
    "Clarification questions must be submitted through the e-tendering portal no later than ten days before the deadline.",
    "Outcomes include improved wellbeing, sustained tenancies, reduced debt and people moving into work or learning.",
    "The service must offer face-to-face, telephone and online support, including evenings and weekends.",
    "Lots may be awarded to different providers; bidders may bid for one or more lots.",
    "The estimated value stated is the total for the whole contract period including any extension.",
    "Bidders will be required to meet the minimum insurance levels set out in the tender documents.",
]

AREAS = ["Lancashire", "the borough", "the city", "the county", "the integrated care system footprint", "the region"]


def _description(rng: random.Random, stem: str) -> str:
    # Lengths as Contracts Finder descriptions run: most a few hundred characters, some thousands.
    target = int(rng.lognormvariate(6.6, 0.7))
    parts = [SENTENCES[0].format(stem=stem.lower(), area=rng.choice(AREAS))]
    others = SENTENCES[1:]
    while sum(len(p) + 1 for p in parts) < target:
        parts.extend(rng.sample(others, len(others)))
    while len(parts) > 2 and sum(len(p) + 1 for p in parts[:-1]) >= target:
        parts.pop()
    return " ".join(parts)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


STREETS = ["Town Hall", "County Hall", "Civic Centre", "1 Market Street", "Shire Hall", "Municipal Buildings"]
SUPPLIERS = [
    "Northern Community Partnership", "Riverside Advice Services", "Pennine Care Collective", "Bay Wellbeing CIC",
    "Harbour Housing Trust", "Moorland Family Support", "Valley Recovery Network", "Citywide Skills Ltd",
]  # fmt: skip
FIRST_NAMES = ["Sarah", "David", "Aisha", "James", "Priya", "Tom", "Helen", "Mark"]
LAST_NAMES = ["Isaacs", "Patel", "Hughes", "O'Neill", "Khan", "Walker", "Roberts", "Shaw"]


class Process:
    """One procurement process and the releases it goes through.

    Each release carries the fields the real files carry for its kind, nulls and empty strings
    included (`bench/README.md` compares the fields per release with the real files'): Contracts
    Finder's as `contracts-finder/ocds-b5fd17raw-*.json` (a full snapshot of the notice in each
    release: items with CPV, buyer and supplier parties with addresses and contact points,
    `xClassifications`, award with tenderers), Find a Tender's as
    `find-a-tender/fts-apidoc-sample-release-package.json` and the Procurement Act fixtures
    (lots with award criteria, renewals and options, selection criteria, contract terms,
    techniques, parties with identifiers and details, UK notice types on documents).
    """

    def __init__(self, rng: random.Random, number: int, start: datetime) -> None:
        self.rng = rng
        self.fts = rng.random() < 0.5
        guid = uuid.UUID(int=rng.getrandbits(128), version=4)
        self.number = number
        self.ocid = f"ocds-h6vhtk-{number:06x}" if self.fts else f"ocds-b5fd17-{guid}"
        self.buyer = rng.choice(BUYERS)
        self.service = rng.choice(SERVICES)
        # Contracts Finder lists one to five CPV codes as items; related ones, as buyers pick them.
        others = [entry for entry in SERVICES if entry[0][:2] == self.service[0][:2] and entry is not self.service]
        self.extra_cpvs = rng.sample(others, min(len(others), rng.randint(0, 4)))
        self.stem = rng.choice(self.service[2])
        self.title = f"{self.stem} — {self.buyer[1]}"
        self.description = _description(rng, self.stem)
        self.value = rng.choice([25_000, 60_000, 120_000, 250_000, 480_000, 900_000, 1_500_000, 4_200_000])
        self.published = start
        self.deadline = start + timedelta(days=rng.randint(21, 60), hours=12)
        self.lot_count = rng.randint(1, 3)
        self.contact = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        self.telephone = f"+44 1{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
        self.street = rng.choice(STREETS)
        self.suppliers = rng.sample(SUPPLIERS, rng.randint(1, 4))
        self.winners = self.suppliers[: rng.randint(1, len(self.suppliers))]
        stages = ["tender"]
        if rng.random() < 0.3:
            stages.insert(0, "planning")
        if rng.random() < 0.3:
            stages.append("tenderUpdate")
        if rng.random() < 0.5:
            stages.append("award")
            if rng.random() < 0.6:
                stages.append("contract")
        self.stages = stages
        self.sequence = 0

    def release(self, stage: str, date: datetime) -> dict[str, Any]:
        self.sequence += 1
        buyer_name = self.buyer[0]
        code = zlib.crc32(buyer_name.encode())
        buyer_id = f"GB-PPON-{code % 10**8:08d}" if self.fts else f"b{code:08x}{code:08x}{code:08x}{code:08x}"
        release: dict[str, Any] = {
            "ocid": self.ocid,
            "id": f"{self.ocid}-{self.sequence:03d}",
            "date": _iso(date),
            "tag": [stage],
            "initiationType": "tender",
            "language": "en",
            "buyer": {"id": buyer_id, "name": buyer_name},
        }
        if self.fts:
            self._fts(release, stage, date, buyer_id)
        else:
            self._contracts_finder(release, stage, date, buyer_id)
        return release

    def _period(self, date: datetime, months: int) -> dict[str, str]:
        return {"startDate": _iso(date + timedelta(days=30)), "endDate": _iso(date + timedelta(days=30 + 30 * months))}

    def _contracts_finder(self, release: dict[str, Any], stage: str, date: datetime, buyer_id: str) -> None:
        buyer_name, town, postcode, _region = self.buyer
        cpvs = [self.service, *self.extra_cpvs]
        awarded = stage in ("award", "contract")
        suitable_vcse = self.service[0].startswith(("85", "79", "80", "98", "70"))
        release["parties"] = [
            {
                "id": buyer_id,
                "name": buyer_name,
                "roles": ["buyer"],
                "address": {
                    "region": None, "locality": town, "postalCode": postcode, "countryName": "England",
                    "streetAddress": self.street,
                },
                "contactPoint": {
                    "uri": "https://www.example.gov.uk/procurement/", "name": self.contact,
                    "email": "procurement@example.gov.uk", "faxNumber": None, "telephone": self.telephone,
                },
            }
        ]  # fmt: skip
        tenderers = [{"id": str(n), "name": name} for n, name in enumerate(self.suppliers, 1)]
        tender: dict[str, Any] = {
            "id": f"{self.ocid}-tender",
            "items": [
                {
                    "id": n,
                    "description": "See description of related tender.",
                    "classification": {
                        "id": cpv,
                        "uri": f"http://cpv.data.ac.uk/code-{cpv}.html",
                        "scheme": "CPV",
                        "description": cpv_description,
                    },
                }
                for n, (cpv, cpv_description, _) in enumerate(cpvs, 1)
            ],
            "title": self.title,
            "value": {"amount": self.value, "currency": "GBP"},
            "status": {"planning": "planned", "award": "complete", "contract": "complete"}.get(stage, "active"),
            "minValue": {"amount": 0, "currency": "GBP"},
            "documents": [],
            "description": self.description,
            "supplyChain": False,
            "hasEnquiries": None,
            "tenderPeriod": {"endDate": _iso(self.deadline)},
            "awardCriteria": None,
            "submissionMethod": None,
            "xClassifications": {
                "isSuitableForSme": True,
                "isSuitableForVco": suitable_vcse,
                "ojeuContractType": "Services",
            },
            "procurementMethod": "open",
            "eligibilityCriteria": None,
            "awardCriteriaDetails": None,
            "submissionMethodDetails": None,
            "procurementMethodDetails": "Open procedure",
            "procurementMethodRationale": "",
            "contractPeriod": self._period(self.deadline, 36),
        }
        if awarded:
            tender["numberOfTenderers"] = len(tenderers)
            tender["tenderers"] = tenderers
            release["awards"] = [
                {
                    "id": f"{self.ocid}-award-1",
                    "date": _iso(date),
                    "title": "",
                    "value": {"amount": self.value, "currency": "GBP"},
                    "status": "active",
                    "suppliers": tenderers[: len(self.winners)],
                    "description": "See description of related tender",
                    "contractPeriod": self._period(date, 36),
                }
            ]
            for party in tenderers:
                release["parties"].append(
                    {
                        "id": party["id"],
                        "sme": True,
                        "vco": True,
                        "name": party["name"],
                        "roles": ["supplier", "tenderer"] if party["name"] in self.winners else ["tenderer"],
                        "address": {"region": "", "locality": "", "postalCode": "", "countryName": "", "streetAddress": town},
                        "identifier": {"id": "", "uri": None, "scheme": "", "legalName": None},
                    }
                )  # fmt: skip
        release["tender"] = tender
        if stage == "contract":
            release["contracts"] = [
                {
                    "id": f"{self.ocid}-contract-1",
                    "awardID": f"{self.ocid}-award-1",
                    "status": "active",
                    "value": {"amount": self.value, "currency": "GBP"},
                    "period": self._period(date, 36),
                    "dateSigned": _iso(date),
                }
            ]

    def _fts(self, release: dict[str, Any], stage: str, date: datetime, buyer_id: str) -> None:
        buyer_name, town, postcode, region = self.buyer
        cpv, cpv_description, _ = self.service
        notice = {"planning": "UK2", "tender": "UK4", "tenderUpdate": "UK4", "award": "UK6", "contract": "UK7"}[stage]
        notice_id = f"{self.number % 999_999:06d}-2025"
        vcse = cpv.startswith(("85", "79", "80", "98", "70"))
        release["parties"] = [
            {
                "id": buyer_id,
                "name": buyer_name,
                "identifier": {"scheme": "GB-PPON", "id": buyer_id[8:], "legalName": buyer_name},
                "address": {
                    "streetAddress": self.street, "locality": town, "region": region, "postalCode": postcode,
                    "countryName": "United Kingdom",
                },
                "contactPoint": {
                    "name": self.contact, "telephone": self.telephone, "email": "procurement@example.gov.uk",
                    "url": "https://www.example.gov.uk/procurement/",
                },
                "roles": ["buyer"],
                "details": {
                    "url": "https://www.example.gov.uk/",
                    "classifications": [
                        {"scheme": "UK_CA_TYPE", "id": "subCentralGovernment", "description": "Sub-central government"},
                        {"scheme": "COFOG", "id": "10", "description": "Social protection"},
                    ],
                },
            }
        ]  # fmt: skip
        lots = [
            {
                "id": str(n),
                "title": f"Lot {n}: {AREAS[n % len(AREAS)]}",
                "description": f"{self.stem} in {AREAS[n % len(AREAS)]}.",
                "awardCriteria": {
                    "criteria": [
                        {"type": "quality", "name": "Quality", "description": "Method statements", "numbers": [{"number": 60}]},
                        {"type": "price", "name": "Price", "numbers": [{"number": 40}]},
                    ]
                },
                "value": {"amount": self.value // self.lot_count, "currency": "GBP"},
                "contractPeriod": {"durationInDays": 1095},
                "hasRenewal": True,
                "renewal": {"description": "Up to two further periods of twelve months."},
                "submissionTerms": {"variantPolicy": "notAllowed"},
                "hasOptions": False,
                "suitability": {"sme": True, "vcse": vcse},
                "status": {"planning": "planned", "award": "complete", "contract": "complete"}.get(stage, "active"),
            }
            for n in range(1, self.lot_count + 1)
        ]  # fmt: skip
        tender: dict[str, Any] = {
            "id": notice_id,
            "legalBasis": {"id": "2023/54", "scheme": "UKPGA"},
            "title": self.title,
            "description": self.description,
            "status": {"planning": "planned", "award": "complete", "contract": "complete"}.get(stage, "active"),
            "classification": {"scheme": "CPV", "id": cpv, "description": cpv_description},
            "mainProcurementCategory": "services" if cpv.startswith(("7", "8", "9")) else "goods",
            "value": {"amount": self.value, "currency": "GBP", "amountGross": self.value * 6 // 5},
            "procurementMethod": "selective",
            "procurementMethodDetails": "Competitive flexible procedure",
            "suitability": {"sme": True, "vcse": vcse},
            "specialRegime": ["lightTouch"] if cpv.startswith("85") else [],
            "lots": lots,
            "items": [
                {
                    "id": lot["id"],
                    "relatedLot": lot["id"],
                    "additionalClassifications": [{"scheme": "CPV", "id": cpv, "description": cpv_description}],
                    "deliveryAddresses": [{"region": region, "postalCode": postcode}],
                }
                for lot in lots
            ],
            "tenderPeriod": {"endDate": _iso(self.deadline)},
            "enquiryPeriod": {"endDate": _iso(self.deadline - timedelta(days=10))},
            "awardPeriod": {"startDate": _iso(self.deadline + timedelta(days=30))},
            "submissionMethod": ["electronicSubmission"],
            "submissionMethodDetails": "https://www.example-tenders.co.uk/",
            "selectionCriteria": {
                "criteria": [
                    {"type": "economic", "description": "Turnover of at least twice the annual value", "appliesTo": "supplier"},
                    {"type": "technical", "description": "Two relevant contracts in the last three years", "appliesTo": "supplier"},
                ]
            },
            "otherRequirements": {"requiresStaffNamesAndQualifications": False},
            "contractTerms": {"hasElectronicOrdering": False, "electronicInvoicingPolicy": "allowed", "hasElectronicPayment": True},
            "techniques": {"hasFrameworkAgreement": False, "hasElectronicAuction": False},
            "coveredBy": ["GPA"],
            "reviewDetails": "The standstill period is eight working days from the award notice.",
            "documents": [
                {
                    "id": notice_id,
                    "documentType": "tenderNotice",
                    "noticeType": notice,
                    "description": "Notice on Find a Tender",
                    "url": f"https://www.find-tender.service.gov.uk/Notice/{notice_id}",
                    "datePublished": _iso(date),
                    "format": "text/html",
                    "language": "en",
                }
            ],
        }  # fmt: skip
        if stage == "planning":
            tender["communication"] = {"futureNoticeDate": _iso(date + timedelta(days=28))}
        if stage in ("award", "contract"):
            # An award or contract notice says what it awards; the tender is not repeated.
            tender = {"id": notice_id, "lots": [{"id": lot["id"], "status": lot["status"]} for lot in lots]}
        release["tender"] = tender
        if stage in ("award", "contract"):
            winners = [
                {"id": f"GB-PPON-S{zlib.crc32(name.encode()) % 10**6:06d}", "name": name} for name in self.winners
            ]
            release["awards"] = [
                {
                    "id": "1",
                    "title": self.stem,
                    "status": "active" if stage == "contract" else "pending",
                    "value": {"amount": self.value, "currency": "GBP"},
                    "suppliers": winners,
                    "relatedLots": [lot["id"] for lot in lots],
                    "standstillPeriod": {
                        "startDate": _iso(date), "endDate": _iso(date + timedelta(days=8, hours=14)),
                    },
                    "documents": [
                        {
                            "id": f"{notice_id}-award", "documentType": "awardNotice", "noticeType": "UK6",
                            "description": "Contract award notice",
                            "url": f"https://www.find-tender.service.gov.uk/Notice/{notice_id}",
                            "datePublished": _iso(date), "format": "text/html",
                        }
                    ],
                }
            ]  # fmt: skip
            for supplier in winners:
                release["parties"].append(
                    {
                        "id": supplier["id"],
                        "name": supplier["name"],
                        "identifier": {"scheme": "GB-PPON", "id": supplier["id"][8:]},
                        "address": {"locality": town, "postalCode": postcode, "countryName": "United Kingdom"},
                        "details": {"scale": "sme", "vcse": True},
                        "roles": ["supplier"],
                    }
                )
        if stage == "contract":
            release["contracts"] = [
                {
                    "id": "1",
                    "awardID": "1",
                    "status": "active",
                    "value": {"amount": self.value, "currency": "GBP"},
                    "period": self._period(date, 36),
                    "dateSigned": _iso(date),
                    "documents": [
                        {
                            "id": f"{notice_id}-contract", "documentType": "contractNotice", "noticeType": "UK7",
                            "url": f"https://www.find-tender.service.gov.uk/Notice/{notice_id}",
                            "datePublished": _iso(date), "format": "text/html",
                        }
                    ],
                }
            ]  # fmt: skip


def releases(count: int, seed: int = 7, start: datetime | None = None) -> Iterator[dict[str, Any]]:
    """`count` releases, in date order, of processes that overlap in time as real ones do."""
    rng = random.Random(seed)
    clock = start or datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    pending: list[tuple[datetime, int, int, str]] = []  # a heap of (when, process, step, stage)
    processes: dict[int, Process] = {}
    made = 0
    number = 0
    while made < count:
        clock += timedelta(seconds=rng.randint(30, 900))
        if rng.random() < 0.5:
            number += 1
            process = processes[number] = Process(rng, number, clock)
            when = clock
            for step, stage in enumerate(process.stages):
                heapq.heappush(pending, (when, number, step, stage))
                when += timedelta(days=rng.randint(3, 40), minutes=rng.randint(0, 600))
        while pending and pending[0][0] <= clock and made < count:
            when, key, step, stage = heapq.heappop(pending)
            process = processes[key]
            yield process.release(stage, when)
            made += 1
            if step == len(process.stages) - 1:
                del processes[key]  # its last release: keep memory flat


# The real release files the generated ones follow (beside the repository, as on CI).
REAL_FILES = Path(__file__).resolve().parents[2] / "shared" / "data"
REAL_PATTERNS = ["contracts-finder/*.json", "find-a-tender/*.json", "ocds-sample/ocds-213czf-000-00001.json"]


def fields_in(value: Any) -> int:
    """How many values (leaves: text, numbers, true/false and nulls) a release holds: the work
    a merge does on it."""
    if isinstance(value, dict):
        return sum(fields_in(item) for item in value.values())
    if isinstance(value, list):
        return sum(fields_in(item) for item in value)
    return 1


def real_field_counts() -> list[int]:
    """`fields_in` of each release in the real files (none when they are not there)."""
    counts: list[int] = []
    for pattern in REAL_PATTERNS:
        for path in sorted(REAL_FILES.glob(pattern)):
            counts.extend(fields_in(release) for release in orjson.loads(path.read_bytes()).get("releases", []))
    return counts


def generated_field_counts(path: Path, packages: int = 100) -> list[int]:
    """`fields_in` of each release in the first `packages` packages of a generated file."""
    counts: list[int] = []
    with path.open("rb") as lines:
        for _number, line in zip(range(packages), lines, strict=False):
            counts.extend(fields_in(release) for release in orjson.loads(line)["releases"])
    return counts


def package(items: list[dict[str, Any]], number: int) -> dict[str, Any]:
    return {
        "uri": f"https://example.org/bench/packages/{number}",
        "version": "1.1",
        "publishedDate": items[-1]["date"],
        "publisher": {"name": "Consortia benchmark"},
        "license": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "releases": items,
    }


def write(directory: Path, count: int, per_file: int = 20_000, seed: int = 7) -> list[Path]:
    """JSON-lines files of release packages (one package of 100 releases per line)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    stream = releases(count, seed)
    written = 0
    number = 0
    while written < count:
        path = directory / f"releases-{len(paths) + 1:03d}.jsonl"
        with path.open("wb") as out:
            in_file = 0
            while in_file < per_file and written < count:
                size = min(PACKAGE_SIZE, per_file - in_file, count - written)
                items = [next(stream) for _ in range(size)]
                number += 1
                out.write(orjson.dumps(package(items, number)))
                out.write(b"\n")
                in_file += size
                written += size
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--releases", type=int, default=200_000)
    parser.add_argument("--per-file", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for path in write(args.directory, args.releases, args.per_file, args.seed):
        print(path)


if __name__ == "__main__":
    main()
