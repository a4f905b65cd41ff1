"""The demo's opportunities: tender notices imported from a file, matched to the members, and a
pipeline with an opportunity in every stage, bid/no-bid scores (one scorer conflicted out by a
declared interest), decisions, and members' interest from the portal.

The notices are fictional but shaped as Contracts Finder and Find a Tender publish them, and go
in through the real import (`Ingester.import_file`), so the demo shows what an import gives.
Dates are relative to the day it first runs; running it again changes nothing (the import
stores each release once; opportunities, scores and interests are made only where missing).
"""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import orjson
from django.db import transaction
from django.utils import timezone

from consortia.demo.errors import DemoDataError
from consortia.demo.personas import DEMO_DOMAIN
from consortia.directory.models import Organisation
from consortia.members.services.diligence import is_eligible
from consortia.opportunities.choices import Decision, InterestRole, InterestStatus, OpportunityKind, PipelineStage
from consortia.opportunities.ingest import Ingester
from consortia.opportunities.models import BidCriterion, BidScore, Interest, Notice, Opportunity
from consortia.opportunities.services import decisions, matching, pipeline
from consortia.opportunities.services.digest import record_shown_in_portal
from consortia.people.choices import InterestNature
from consortia.people.models import DeclaredInterest
from consortia.users.models import User

NAMESPACE = uuid.UUID("5b1c3f0e-1f7a-4a3e-9d55-3c2f0c1d2e01")  # stable ocids for the demo notices


@dataclass(frozen=True)
class DemoNotice:
    key: str
    title: str
    buyer: str
    region: str
    cpv: str
    cpv_description: str
    value: int
    deadline_days: int  # from today; negative: closed
    published_days: int  # days before today
    fts: bool = False
    vcse: bool = True
    awarded_to: str = ""  # an award release follows the tender
    stage: str = ""  # the pipeline stage the hub has taken it to ("" = not followed)
    description: str = ""


NOTICES = [
    DemoNotice(
        "dv",
        "Domestic abuse community support service",
        "Lancashire County Council",
        "North West",
        "85312000",
        "Social work services without accommodation",
        1_200_000,
        18,
        9,
        fts=True,
        stage=PipelineStage.BIDDING,
        description="Independent domestic violence advisers, outreach and group recovery programmes across the "
        "twelve Lancashire districts, working with refuges, the police and children's services.",
    ),
    DemoNotice(
        "advice",
        "Welfare benefits and debt advice",
        "Lancashire County Council",
        "North West",
        "85312300",
        "Guidance and counselling services",
        480_000,
        25,
        6,
        stage=PipelineStage.BID_NO_BID,
        description="Free, independent advice on welfare benefits, debt and money for residents of Lancashire, "
        "in community venues, by telephone and online, with outreach to carers and people in crisis.",
    ),
    DemoNotice(
        "carers",
        "Carers support service",
        "Lancashire and South Cumbria Integrated Care Board",
        "North West",
        "85312000",
        "Social work services without accommodation",
        900_000,
        40,
        3,
        fts=True,
        stage=PipelineStage.IDENTIFIED,
        description="Information, carers' assessments, breaks and peer support for unpaid carers, including "
        "young carers, across Lancashire.",
    ),
    DemoNotice(
        "jobs",
        "Employment support for people with health conditions",
        "Lancashire County Council",
        "North West",
        "79611000",
        "Job search services",
        2_400_000,
        30,
        12,
        stage=PipelineStage.QUALIFYING,
        description="Individual placement and support for adults with mental or physical health conditions "
        "to find and keep paid work in Preston, Chorley and South Ribble.",
    ),
    DemoNotice(
        "recovery",
        "Drug and alcohol recovery community",
        "Blackpool Council",
        "North West",
        "85312500",
        "Rehabilitation services",
        650_000,
        -12,
        50,
        stage=PipelineStage.SUBMITTED,
        description="Peer-led recovery community activities and aftercare for people leaving treatment "
        "in Blackpool, Fylde and Wyre.",
    ),
    DemoNotice(
        "youngcarers",
        "Young carers service",
        "Blackburn with Darwen Borough Council",
        "North West",
        "85312000",
        "Social work services without accommodation",
        300_000,
        -75,
        120,
        fts=True,
        awarded_to="Lancashire Community Partnership",
        stage=PipelineStage.WON,
        description="Identification, assessment and support for young carers aged 5 to 18 in Blackburn "
        "with Darwen, with schools and families.",
    ),
    DemoNotice(
        "housing",
        "Homelessness prevention and tenancy sustainment",
        "Preston City Council",
        "North West",
        "70333000",
        "Housing services",
        750_000,
        -60,
        110,
        awarded_to="Northern Housing Support Ltd",
        stage=PipelineStage.LOST,
        description="Advice and casework to prevent homelessness and help tenants keep their homes in Preston.",
    ),
    DemoNotice(
        "digital",
        "Digital inclusion programme",
        "Lancashire County Council",
        "North West",
        "80530000",
        "Vocational training services",
        150_000,
        10,
        20,
        stage=PipelineStage.WITHDRAWN,
        description="Devices, data and basic digital skills for older and disabled residents of Lancashire.",
    ),
    DemoNotice(
        "peer",
        "Community mental health peer support",
        "Lancashire and South Cumbria Integrated Care Board",
        "North West",
        "85323000",
        "Community health services",
        1_800_000,
        14,
        15,
        fts=True,
        stage=PipelineStage.NOT_PURSUED,
        description="Peer support workers in community mental health teams across Lancashire and South Cumbria.",
    ),
    DemoNotice(
        "befriending",
        "Befriending service for older people",
        "Fylde Borough Council",
        "North West",
        "85312000",
        "Social work services without accommodation",
        120_000,
        35,
        2,
        description="Telephone and face-to-face befriending for isolated older people in Fylde.",
    ),
    DemoNotice(
        "familyhubs",
        "Family hubs early help",
        "Lancashire County Council",
        "North West",
        "85320000",
        "Social services",
        1_000_000,
        28,
        5,
        fts=True,
        description="Early help for families with children aged 0 to 19 through Lancashire's family hubs.",
    ),
    DemoNotice(
        "refugees",
        "Refugee resettlement support",
        "Hyndburn Borough Council",
        "North West",
        "85312000",
        "Social work services without accommodation",
        220_000,
        21,
        4,
        description="Casework, English language and orientation support for resettled refugee families in Hyndburn.",
    ),
    DemoNotice(
        "liverpool",
        "Welfare advice in GP practices",
        "Liverpool City Council",
        "North West",
        "85312300",
        "Guidance and counselling services",
        260_000,
        20,
        7,
        description="Benefits and debt advice delivered in GP practices across Liverpool.",
    ),
    DemoNotice(
        "roads",
        "Highways resurfacing framework",
        "Lancashire County Council",
        "North West",
        "45233220",
        "Surface work for roads",
        12_000_000,
        30,
        8,
        vcse=False,
        description="A four-year framework for carriageway resurfacing and surface dressing.",
    ),
    DemoNotice(
        "cms",
        "Case management system",
        "Blackpool Council",
        "North West",
        "72000000",
        "IT services: consulting, software development, Internet and support",
        350_000,
        22,
        6,
        vcse=False,
        description="A hosted case management system for adult social care.",
    ),
    DemoNotice(
        "meals",
        "School meals provisions",
        "Lancashire County Council",
        "North West",
        "15000000",
        "Food, beverages, tobacco and related products",
        5_000_000,
        45,
        10,
        vcse=False,
        description="Supply of food and provisions to school kitchens.",
    ),
]

SCORERS = ("manager", "bids", "chair", "vicechair")
CONFLICTED = ("chair", "Preston Domestic Abuse Service")  # the chair is a trustee of this member


def ocid(spec: DemoNotice) -> str:
    guid = uuid.uuid5(NAMESPACE, spec.key)
    return f"ocds-h6vhtk-demo{guid.hex[:8]}" if spec.fts else f"ocds-b5fd17-{guid}"


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _releases(spec: DemoNotice, today: date) -> list[dict[str, Any]]:
    published = datetime.combine(today - timedelta(days=spec.published_days), time(9, 30)).astimezone()
    deadline = datetime.combine(today + timedelta(days=spec.deadline_days), time(12, 0)).astimezone()
    buyer_id = f"demo-{uuid.uuid5(NAMESPACE, spec.buyer).hex[:12]}"
    tender: dict[str, Any] = {
        "id": ocid(spec),
        "title": spec.title,
        "description": spec.description,
        "status": "active",
        "mainProcurementCategory": "services" if spec.vcse else "goods",
        "value": {"amount": spec.value, "currency": "GBP"},
        "tenderPeriod": {"endDate": _iso(deadline)},
        "procurementMethod": "open",
        "procurementMethodDetails": "Open procedure",
    }
    if spec.fts:
        tender["classification"] = {"scheme": "CPV", "id": spec.cpv, "description": spec.cpv_description}
        tender["items"] = [
            {
                "id": "1",
                "deliveryAddresses": [{"region": spec.region}],
                "additionalClassifications": [{"scheme": "CPV", "id": spec.cpv, "description": spec.cpv_description}],
            }
        ]
        tender["suitability"] = {"sme": True, "vcse": spec.vcse}
        tender["documents"] = [
            {
                "id": "1",
                "documentType": "tenderNotice",
                "noticeType": "UK4",
                "description": "Tender notice",
                "datePublished": _iso(published),
            }
        ]
    else:
        tender["items"] = [
            {"id": 1, "classification": {"id": spec.cpv, "scheme": "CPV", "description": spec.cpv_description}}
        ]
        tender["xClassifications"] = {"isSuitableForSme": True, "isSuitableForVco": spec.vcse}
        tender["minValue"] = {"amount": 0, "currency": "GBP"}
    base = {
        "ocid": ocid(spec),
        "initiationType": "tender",
        "buyer": {"id": buyer_id, "name": spec.buyer},
        "parties": [
            {
                "id": buyer_id,
                "name": spec.buyer,
                "roles": ["buyer"],
                "address": {"region": spec.region, "countryName": "England"},
            }
        ],
    }
    releases = [base | {"id": f"{ocid(spec)}-1", "date": _iso(published), "tag": ["tender"], "tender": tender}]
    if spec.awarded_to:
        awarded = min(deadline + timedelta(days=40), datetime.combine(today, time(10, 0)).astimezone())
        award_tender = tender | {"status": "complete"}
        if spec.fts:
            award_tender["documents"] = tender["documents"] + [
                {"id": "2", "documentType": "awardNotice", "noticeType": "UK6", "datePublished": _iso(awarded)}
            ]
        releases.append(
            base
            | {
                "id": f"{ocid(spec)}-2",
                "date": _iso(awarded),
                "tag": ["award"],
                "tender": award_tender,
                "awards": [
                    {
                        "id": "1",
                        "status": "active",
                        "date": _iso(awarded),
                        "value": {"amount": spec.value, "currency": "GBP"},
                        "suppliers": [{"id": "supplier-1", "name": spec.awarded_to}],
                    }
                ],
            }
        )
    return releases


def _user(name: str) -> User:
    user = User.objects.filter(email=f"{name}@{DEMO_DOMAIN}").first()
    if user is None:
        raise DemoDataError(f"The demo login {name}@{DEMO_DOMAIN} is missing; load the personas first.")
    return user


def import_notices(today: date) -> None:
    """Write the demo notices as a release package and import it as a hub manager would."""
    package = {
        "uri": "https://example.org/consortia-demo/notices.json",
        "version": "1.1",
        "publishedDate": _iso(timezone.now()),
        "publisher": {"name": "Consortia demo"},
        "releases": [release for spec in NOTICES for release in _releases(spec, today)],
    }
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "demo-notices.json"
        path.write_bytes(orjson.dumps(package))
        ingester = Ingester("file", user=_user("manager"), files=[path.name])
        ingester.import_file(path)
        run = ingester.finish()
    if run.packages_refused:
        raise DemoDataError(f"The demo notices were refused: {run.messages}")


@transaction.atomic
def load() -> None:
    today = timezone.localdate()
    if not Notice.objects.filter(ocid=ocid(NOTICES[0])).exists():
        import_notices(today)
    matching.match_notices(list(Notice.objects.values_list("pk", flat=True)))
    manager = _user("manager")
    notices = {spec.key: Notice.objects.get(ocid=ocid(spec)) for spec in NOTICES}
    _declared_interest()
    for spec in NOTICES:
        if spec.stage:
            _follow(spec, notices[spec.key], manager)
    _grant(manager, today)


def _declared_interest() -> None:
    person, organisation_name = CONFLICTED
    organisation = Organisation.objects.filter(name=organisation_name).first()
    if (
        organisation is None
        or DeclaredInterest.objects.filter(person=_user(person), organisation=organisation).exists()
    ):
        return
    interest = DeclaredInterest(
        person=_user(person),
        organisation=organisation,
        nature=InterestNature.TRUSTEE,
        details="Trustee since 2021.",
        declared_on=date(2025, 4, 1),
    )
    interest.full_clean()
    interest.save()


# The members that express interest in each followed opportunity: (member, role, status wanted).
INTERESTS = {
    "dv": [
        ("Preston Domestic Abuse Service", InterestRole.LEAD, InterestStatus.PARTNER),
        ("Pendle Women's Centre", InterestRole.PARTNER, InterestStatus.PARTNER),
        ("Wyre Youth Matters", InterestRole.SPECIALIST, InterestStatus.EXPRESSED),
    ],
    "advice": [
        ("Chorley Debt and Money Advice", InterestRole.LEAD, InterestStatus.EXPRESSED),
        ("Skelmersdale Community Advice", InterestRole.PARTNER, InterestStatus.EXPRESSED),
        ("Preston Domestic Abuse Service", InterestRole.SPECIALIST, InterestStatus.EXPRESSED),
    ],
    "carers": [("Ribble Valley Carers Link", InterestRole.LEAD, InterestStatus.EXPRESSED)],
    "recovery": [("Morecambe Bay Recovery Community", InterestRole.LEAD, InterestStatus.PARTNER)],
    "youngcarers": [("South Ribble Young Carers", InterestRole.LEAD, InterestStatus.PARTNER)],
}


def _follow(spec: DemoNotice, notice: Notice, manager: User) -> None:
    opportunity, created = pipeline.create_from_notice(notice, manager)
    if not created:
        return
    opportunity.shared_with_members = spec.key in INTERESTS
    if opportunity.shared_with_members:
        opportunity.circulated = notice.published + timedelta(days=1) if notice.published else timezone.now()
        record_shown_in_portal(notice.pk, opportunity.circulated, len(INTERESTS[spec.key]))
    opportunity.clarification_deadline = notice.deadline - timedelta(days=10) if notice.deadline else None
    opportunity.save()
    for name, role, _ in INTERESTS.get(spec.key, []):
        member = Organisation.objects.filter(name=name).first()
        if member is None:
            continue
        user = User.objects.filter(organisation=member).first() or manager
        interest = Interest(
            opportunity=opportunity,
            organisation=member,
            role=role,
            capacity="Two part-time workers from the start of the contract; about 150 people a year.",
            experience=f"{name} has delivered similar work locally for several years.",
            submitted_by=user,
        )
        interest.stamp(user)
        interest.full_clean()
        interest.save()
    stage = spec.stage
    decided = stage in (
        PipelineStage.BIDDING,
        PipelineStage.SUBMITTED,
        PipelineStage.WON,
        PipelineStage.LOST,
        PipelineStage.NOT_PURSUED,
    )
    if stage in (PipelineStage.QUALIFYING, PipelineStage.BID_NO_BID, PipelineStage.WITHDRAWN) or decided:
        pipeline.move_to_stage(opportunity, PipelineStage.QUALIFYING, manager)
    if stage == PipelineStage.BID_NO_BID or decided:
        pipeline.move_to_stage(opportunity, PipelineStage.BID_NO_BID, manager)
        _score(opportunity, high=stage != PipelineStage.NOT_PURSUED)
    if decided:
        opportunity.refresh_from_db()
        decisions.record_decision(
            opportunity,
            manager,
            decision=Decision.NO_BID if stage == PipelineStage.NOT_PURSUED else Decision.BID,
            rationale=(
                "Members lack capacity for a contract of this size this year; revisit at re-tender."
                if stage == PipelineStage.NOT_PURSUED
                else "A strong fit with members who already deliver this locally; the value covers the bid cost."
            ),
            decided_on=timezone.localdate() - timedelta(days=3),
            minute_reference="Board 2026/14",
        )
        for interest in opportunity.interests.select_related("organisation"):
            wanted = next(status for name, _, status in INTERESTS[spec.key] if name == interest.organisation.name)
            if wanted == InterestStatus.PARTNER and is_eligible(interest.organisation):
                from consortia.opportunities.services.interests import add_as_partner

                add_as_partner(interest, manager)
    if stage in (PipelineStage.SUBMITTED, PipelineStage.WON, PipelineStage.LOST):
        pipeline.move_to_stage(opportunity, PipelineStage.SUBMITTED, manager)
    if stage in (PipelineStage.WON, PipelineStage.LOST, PipelineStage.WITHDRAWN):
        pipeline.move_to_stage(opportunity, stage, manager)


def _score(opportunity: Opportunity, high: bool) -> None:
    criteria = list(BidCriterion.objects.all())
    for offset, name in enumerate(SCORERS):
        scorer = _user(name)
        if BidScore.objects.filter(opportunity=opportunity, scorer=scorer).exists():
            continue
        base = 4 if high else 2
        scores = {c.pk: max(0, min(5, base + ((index + offset) % 3) - 1)) for index, c in enumerate(criteria)}
        if name == "chair":
            scores = {c.pk: 5 for c in criteria}  # the conflicted trustee's enthusiasm, left out
        decisions.record_scores(opportunity, scorer, scores, {})


def _grant(manager: User, today: date) -> None:
    title = "Reaching Communities: Lancashire advice partnership"
    if Opportunity.objects.filter(title=title).exists():
        return
    funder = Organisation.objects.filter(roles__code="funder").order_by("name").first()
    opportunity = Opportunity(
        title=title,
        kind=OpportunityKind.GRANT,
        commissioner=funder,
        description="A five-year grant for a partnership of advice members, applied for through the funder's "
        "two-stage process.",
        value=500_000,
        submission_deadline=timezone.make_aware(datetime.combine(today + timedelta(days=55), time(17, 0))),
        owner=manager,
    )
    opportunity.stamp(manager)
    opportunity.full_clean()
    opportunity.save()
