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


class Process:
    """One procurement process and the releases it goes through."""

    def __init__(self, rng: random.Random, number: int, start: datetime) -> None:
        self.rng = rng
        self.fts = rng.random() < 0.5
        guid = uuid.UUID(int=rng.getrandbits(128), version=4)
        self.ocid = f"ocds-h6vhtk-{number:06x}" if self.fts else f"ocds-b5fd17-{guid}"
        self.buyer = rng.choice(BUYERS)
        self.service = rng.choice(SERVICES)
        self.stem = rng.choice(self.service[2])
        self.title = f"{self.stem} — {self.buyer[1]}"
        self.description = _description(rng, self.stem)
        self.value = rng.choice([25_000, 60_000, 120_000, 250_000, 480_000, 900_000, 1_500_000, 4_200_000])
        self.published = start
        self.deadline = start + timedelta(days=rng.randint(21, 60), hours=12)
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
        buyer_name, town, postcode, region = self.buyer
        code = zlib.crc32(buyer_name.encode())
        buyer_id = f"GB-PPON-{code % 10**8:08d}" if self.fts else f"b{code:08x}"
        cpv, cpv_description, _ = self.service
        release: dict[str, Any] = {
            "ocid": self.ocid,
            "id": f"{self.ocid}-{self.sequence:03d}",
            "date": _iso(date),
            "tag": [stage],
            "initiationType": "tender",
            "language": "en",
            "buyer": {"id": buyer_id, "name": buyer_name},
            "parties": [
                {
                    "id": buyer_id,
                    "name": buyer_name,
                    "roles": ["buyer"],
                    "address": {"locality": town, "postalCode": postcode, "region": region, "countryName": "England"},
                    "contactPoint": {"name": "Commissioning team", "email": "procurement@example.gov.uk"},
                }
            ],
        }
        tender: dict[str, Any] = {
            "id": self.ocid,
            "title": self.title,
            "description": self.description,
            "status": {"planning": "planned", "award": "complete", "contract": "complete"}.get(stage, "active"),
            "mainProcurementCategory": "services" if cpv.startswith(("7", "8", "9")) else "goods",
            "value": {"amount": self.value, "currency": "GBP"},
            "tenderPeriod": {"endDate": _iso(self.deadline)},
        }
        if self.fts:
            notice = {"planning": "UK2", "tender": "UK4", "tenderUpdate": "UK4", "award": "UK6", "contract": "UK7"}
            tender["classification"] = {"scheme": "CPV", "id": cpv, "description": cpv_description}
            tender["procurementMethod"] = "selective"
            tender["procurementMethodDetails"] = "Competitive flexible procedure"
            tender["suitability"] = {"sme": True, "vcse": cpv.startswith(("85", "79", "80", "98", "70"))}
            tender["lots"] = [
                {"id": str(n), "title": f"Lot {n}: {AREAS[n % len(AREAS)]}", "status": "active"}
                for n in range(1, self.rng.randint(1, 3) + 1)
            ]
            tender["items"] = [
                {
                    "id": lot["id"],
                    "relatedLot": lot["id"],
                    "additionalClassifications": [{"scheme": "CPV", "id": cpv, "description": cpv_description}],
                    "deliveryAddresses": [{"region": region}],
                }
                for lot in tender["lots"]
            ]
            tender["documents"] = [
                {
                    "id": f"{self.sequence:03d}",
                    "documentType": "tenderNotice",
                    "noticeType": notice[stage],
                    "description": "Notice on Find a Tender",
                    "url": f"https://www.find-tender.service.gov.uk/Notice/{self.sequence:06d}-2025",
                    "datePublished": _iso(date),
                    "format": "text/html",
                    "language": "en",
                }
            ]
        else:
            tender["procurementMethod"] = "open"
            tender["procurementMethodDetails"] = "Open procedure"
            tender["minValue"] = {"amount": 0, "currency": "GBP"}
            tender["items"] = [
                {
                    "id": 1,
                    "description": "See description of related tender.",
                    "classification": {"id": cpv, "scheme": "CPV", "description": cpv_description},
                }
            ]
            tender["xClassifications"] = {
                "isSuitableForSme": True,
                "isSuitableForVco": cpv.startswith(("85", "79", "80", "98", "70")),
                "ojeuContractType": "Services",
            }
            tender["documents"] = []
        release["tender"] = tender
        if stage in ("award", "contract"):
            supplier = f"{self.rng.choice(['Northern', 'Riverside', 'Pennine', 'Bay'])} Community Partnership"
            release["awards"] = [
                {
                    "id": f"{self.ocid}-award-1",
                    "status": "active",
                    "date": _iso(date),
                    "value": {"amount": self.value, "currency": "GBP"},
                    "suppliers": [{"id": "S1", "name": supplier}],
                }
            ]
            release["parties"].append({"id": "S1", "name": supplier, "roles": ["supplier"], "details": {"vcse": True}})
        if stage == "contract":
            release["contracts"] = [
                {
                    "id": f"{self.ocid}-contract-1",
                    "awardID": f"{self.ocid}-award-1",
                    "status": "active",
                    "value": {"amount": self.value, "currency": "GBP"},
                    "period": {
                        "startDate": _iso(date + timedelta(days=30)),
                        "endDate": _iso(date + timedelta(days=1125)),
                    },
                }
            ]
        return release


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
