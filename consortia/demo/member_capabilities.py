"""The demo's members: a membership for every demo organisation with the directory role "member",
what each delivers (capabilities across Lancashire's districts), quality marks and case studies.

Mostly active full members; some associates with development plans (actions overdue and done), a
partner, one suspended, one lapsed and one that has left. Dates of quality marks and development
actions are relative to the day it first runs; running it again changes nothing (every record is
made only where it is missing). Some services are left with no member in some districts, so the
coverage grid shows gaps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from consortia.directory.models import Area, Organisation
from consortia.members.choices import MembershipStatus, Tier
from consortia.members.models import (
    Capability,
    CaseStudy,
    ClientGroup,
    DevelopmentAction,
    Membership,
    QualityMark,
    ServiceCategory,
)
from consortia.members.reference_capabilities import load_capability_reference

CENTRAL = ("Preston", "Chorley", "South Ribble")
EAST = ("Burnley", "Pendle", "Hyndburn", "Rossendale", "Ribble Valley")
COAST = ("Blackpool", "Fylde", "Wyre")


@dataclass(frozen=True)
class Offer:
    category: str  # ServiceCategory code
    groups: tuple[str, ...]
    areas: tuple[str, ...] = ()  # besides the member's own area
    people: int | None = None
    description: str = ""


@dataclass(frozen=True)
class Plan:
    offers: tuple[Offer, ...]
    tier: str = Tier.FULL
    status: str = MembershipStatus.ACTIVE
    joined: str = "2023-06-01"
    fee: str = "150.00"
    paid: bool = True
    staff: int | None = None
    volunteers: int | None = None
    languages: str = ""
    marks: tuple[tuple[str, int], ...] = ()  # (name, days from today to expiry)
    actions: tuple[tuple[str, int, bool], ...] = ()  # (action, days from today it is due, done)
    left_on: str = ""
    case: tuple[str, str, str] | None = None  # (title, category code, summary)
    own_area: bool = True
    extra: dict[str, str] = field(default_factory=dict)


P, YP, FAM, OLD, DIS, LD, MH, CAR, REF, HOM, EXO, POV, UNE = (
    "People in poverty",
    "Young people",
    "Families",
    "Older people",
    "Disabled people",
    "People with learning disabilities",
    "People with mental ill health",
    "Carers",
    "Refugees and asylum seekers",
    "People who are homeless",
    "Ex-offenders",
    "People in poverty",
    "Unemployed adults",
)
CH = "Children"

PLANS: dict[str, Plan] = {
    "Red Rose Council for Voluntary Service": Plan(
        (
            Offer(
                "volunteering-community", (OLD, YP, UNE), ("Lancashire",), 900, "Volunteer centre and group support."
            ),
            Offer("social-prescribing", (OLD, MH), CENTRAL, 600, "Link workers in three primary care networks."),
        ),
        joined="2023-04-03",
        fee="0.00",
        staff=24,
        volunteers=60,
        marks=(("Trusted Charity Level 2", 300), ("Cyber Essentials", 40)),
    ),
    "Pendle Women's Centre": Plan(
        (
            Offer("domestic-abuse", (FAM,), ("Burnley",), 350, "Outreach, IDVA and a women's recovery programme."),
            Offer("mental-health-wellbeing", (MH,), (), 200, "Counselling for women."),
            Offer("employability-skills", (UNE, REF), (), 120, "ESOL and back-to-work courses."),
        ),
        joined="2023-05-10",
        staff=14,
        volunteers=25,
        languages="Urdu, Punjabi, Bengali",
        marks=(("Women's Aid National Quality Standards", 500),),
        case=(
            "Back to work in Nelson",
            "employability-skills",
            "A twelve-week course with childcare: 38 women finished it, 14 went into work or training.",
        ),
    ),
    "Colne Youth Project": Plan(
        (
            Offer("youth-services", (YP,), (), 400, "Open-access youth clubs and detached youth work."),
            Offer("mental-health-wellbeing", (YP, MH), (), 90, "A weekly mental health drop-in."),
        ),
        tier=Tier.ASSOCIATE,
        joined="2025-02-01",
        fee="50.00",
        paid=False,
        staff=3,
        volunteers=18,
        actions=(
            ("Adopt a safeguarding policy approved by the trustees", -60, True),
            ("Get public liability insurance of at least £5 million", -14, False),
            ("Register with the Information Commissioner's Office", 45, False),
        ),
    ),
    "Burnley Food Futures CIC": Plan(
        (
            Offer("food-poverty", (POV, FAM), (), 1500, "Food pantry and community cafe."),
            Offer("children-families", (FAM, CH), (), 120, "Cook-and-eat courses for families."),
        ),
        joined="2023-09-01",
        staff=6,
        volunteers=40,
        marks=(("Food Hygiene Rating 5", 200),),
    ),
    "Brunshaw Family Support": Plan(
        (Offer("children-families", (FAM, CH), ("Pendle",), 300, "Early help, parenting groups and home visiting."),),
        joined="2024-01-15",
        staff=9,
        volunteers=12,
    ),
    "Chorley Debt and Money Advice": Plan(
        (
            Offer("financial-inclusion", (POV,), ("South Ribble",), 1100, "FCA-authorised debt counselling."),
            Offer("advice-advocacy", (POV, DIS), (), 900, "Benefits advice and appeals."),
        ),
        joined="2023-04-20",
        staff=8,
        volunteers=10,
        marks=(("Advice Quality Standard", 25), ("FCA authorisation", 3000)),
        case=(
            "Money advice on prescription",
            "financial-inclusion",
            "Advisers in four GP surgeries: 310 people helped, £620,000 of debt written off or managed.",
        ),
    ),
    "Chorley Men's Shed": Plan(
        (Offer("social-prescribing", (OLD, MH), (), 60, "Workshop and peer support for older men."),),
        joined="2024-03-01",
        fee="25.00",
        volunteers=22,
    ),
    "Fylde Coast Befriending": Plan(
        (Offer("older-people", (OLD,), ("Blackpool", "Wyre"), 450, "Telephone and face-to-face befriending."),),
        joined="2023-07-01",
        staff=4,
        volunteers=70,
        marks=(("Befriending Networks Quality Award", -20),),
    ),
    "Kirkham and Wesham Community Hub Ltd": Plan(
        (
            Offer("food-poverty", (POV,), (), 300, "Food pantry and warm space."),
            Offer("community-transport", (OLD, DIS), (), 150, "Community minibus."),
        ),
        status=MembershipStatus.SUSPENDED,
        joined="2024-05-01",
        paid=False,
        staff=2,
        volunteers=30,
        extra={"notes": "Suspended 01/2026: accounts overdue at the FCA."},
    ),
    "Hyndburn Refugee Welcome": Plan(
        (
            Offer("refugees-migrants", (REF,), ("Burnley", "Pendle"), 260, "Casework, ESOL clubs and resettlement."),
            Offer("advice-advocacy", (REF,), (), 180, "OISC level 1 immigration advice."),
        ),
        joined="2023-11-01",
        staff=5,
        volunteers=35,
        languages="Arabic, Farsi, Kurdish, Tigrinya",
        marks=(("OISC Level 1", 150),),
    ),
    "Accrington Employment Pathways": Plan(
        (Offer("employability-skills", (UNE, DIS, MH), EAST, 500, "Individual Placement and Support."),),
        joined="2023-04-20",
        fee="300.00",
        staff=22,
        volunteers=4,
        marks=(("Matrix Standard", 50), ("ISO 9001", 400)),
        case=(
            "Individual Placement and Support in East Lancashire",
            "employability-skills",
            "Employment specialists in community mental health teams: 142 people into paid work in 2025.",
        ),
    ),
    "Lancaster District Housing Advice": Plan(
        (Offer("homelessness-housing", (HOM, POV), (), 700, "Homelessness prevention and tenancy sustainment."),),
        joined="2023-04-20",
        staff=11,
        volunteers=6,
        marks=(("Advice Quality Standard", 420),),
    ),
    "Morecambe Bay Recovery Community": Plan(
        (
            Offer("substance-misuse", (EXO,), ("Wyre",), 350, "Recovery cafe, mutual aid and mentoring."),
            Offer("criminal-justice", (EXO,), (), 80, "Through-the-gate recovery mentors."),
        ),
        joined="2024-06-01",
        staff=7,
        volunteers=45,
    ),
    "Preston Domestic Abuse Service": Plan(
        (Offer("domestic-abuse", (FAM, CH), CENTRAL, 800, "Refuge, outreach and IDVA service."),),
        joined="2023-04-20",
        fee="300.00",
        staff=30,
        volunteers=15,
        marks=(("Women's Aid National Quality Standards", -5), ("Leading Lights", 700)),
        case=(
            "Refuge and outreach for Central Lancashire",
            "domestic-abuse",
            "A 14-unit refuge and community outreach: 96% of women leaving the refuge moved to safe housing.",
        ),
    ),
    "Preston Digital Inclusion CIC": Plan(
        (Offer("digital-inclusion", (OLD, POV, UNE), CENTRAL, 650, "Device lending, data and digital skills."),),
        joined="2024-09-01",
        staff=4,
        volunteers=20,
        marks=(("Cyber Essentials", 10),),
    ),
    "Fulwood Memory Cafe": Plan(
        (Offer("older-people", (OLD, CAR), (), 70, "Weekly memory cafe for people with dementia and carers."),),
        tier=Tier.ASSOCIATE,
        joined="2025-10-01",
        fee="0.00",
        volunteers=16,
        actions=(
            ("Write a safeguarding adults policy", -30, False),
            ("Open a bank account in the group's name", -90, True),
        ),
    ),
    "Ribble Valley Carers Link": Plan(
        (Offer("carers-support", (CAR,), ("Hyndburn",), 550, "Carers' assessments, breaks and peer groups."),),
        joined="2023-04-20",
        staff=6,
        volunteers=14,
    ),
    "Longridge Community Action": Plan(
        (
            Offer("community-transport", (OLD, DIS), ("Preston",), 240, "Dial-a-ride and a community car scheme."),
            Offer("older-people", (OLD,), (), 120, "Lunch club and a good-neighbour scheme."),
        ),
        joined="2023-08-01",
        staff=3,
        volunteers=55,
        marks=(("Community Transport Association membership", 90),),
    ),
    "Rossendale Peer Support": Plan(
        (Offer("mental-health-wellbeing", (MH,), ("Burnley", "Hyndburn"), 380, "Peer support and a crisis cafe."),),
        joined="2024-02-01",
        staff=5,
        volunteers=25,
    ),
    "Bacup Family Kitchen CIC": Plan(
        (Offer("food-poverty", (FAM, CH, POV), (), 600, "Holiday activities and food programme."),),
        tier=Tier.ASSOCIATE,
        joined="2025-06-01",
        fee="50.00",
        staff=2,
        volunteers=20,
        actions=(
            ("Produce the first annual accounts as a CIC", -10, False),
            ("Adopt a food safety management system", -45, True),
        ),
    ),
    "South Ribble Young Carers": Plan(
        (Offer("carers-support", (CAR, YP, CH), ("Chorley",), 210, "Young carers' assessments and respite."),),
        joined="2023-04-20",
        staff=4,
        volunteers=12,
    ),
    "Leyland Skills and Enterprise Trust": Plan(
        (Offer("employability-skills", (UNE,), ("Chorley", "Preston"), 420, "Adult skills and pre-employment."),),
        joined="2023-10-01",
        fee="300.00",
        staff=16,
        volunteers=5,
        marks=(("Matrix Standard", 210),),
    ),
    "Skelmersdale Community Advice": Plan(
        (Offer("advice-advocacy", (POV, DIS), (), 1300, "Welfare benefits advice and tribunal representation."),),
        joined="2023-04-20",
        staff=9,
        volunteers=8,
        marks=(("Advice Quality Standard", 35),),
    ),
    "West Lancashire Disability Forum": Plan(
        (
            Offer("advice-advocacy", (DIS, LD), (), 260, "Independent advocacy."),
            Offer("learning-disability", (LD,), (), 90, "Self-advocacy groups and accessible information."),
        ),
        joined="2024-04-01",
        staff=3,
        volunteers=20,
    ),
    "Wyre Youth Matters": Plan(
        (
            Offer("youth-services", (YP,), ("Fylde",), 500, "Youth clubs and mentoring."),
            Offer("employability-skills", (YP, UNE), (), 90, "A youth employability programme for 16–24s."),
        ),
        joined="2023-12-01",
        staff=8,
        volunteers=26,
    ),
    "Fleetwood Community Kitchen CIC": Plan(
        (Offer("food-poverty", (POV, YP), (), 400, "Community meals and a training kitchen."),),
        status=MembershipStatus.LAPSED,
        joined="2024-01-10",
        paid=False,
        staff=3,
        volunteers=12,
        extra={"notes": "Lapsed: the 2025 fee was not paid; the hub has written twice."},
    ),
    "Blackburn Families Together": Plan(
        (Offer("children-families", (FAM, CH), (), 900, "Family support and parenting programmes."),),
        joined="2023-04-20",
        fee="300.00",
        staff=19,
        volunteers=22,
        languages="Urdu, Gujarati, Punjabi",
        marks=(("Investors in People", 365),),
    ),
    "Audley and Bastwell Neighbourhood Trust": Plan(
        (Offer("food-poverty", (POV, FAM), (), 700, "Food bank."),),
        status=MembershipStatus.LEFT,
        joined="2023-04-20",
        left_on="2025-12-31",
        paid=False,
        staff=5,
        volunteers=30,
        languages="Urdu, Gujarati",
    ),
    "Darwen Green Spaces CIC": Plan(
        (
            Offer("social-prescribing", (MH, OLD), (), 180, "Green social prescribing."),
            Offer("physical-activity-health", (MH,), (), 300, "Walking groups and conservation volunteering."),
        ),
        tier=Tier.ASSOCIATE,
        joined="2026-01-10",
        fee="50.00",
        paid=False,
        staff=2,
        volunteers=40,
        actions=(("Agree a lone working policy for outdoor sessions", 30, False),),
    ),
    "Blackpool Homeless Outreach": Plan(
        (
            Offer("homelessness-housing", (HOM,), ("Fylde", "Wyre"), 650, "Street outreach and a day centre."),
            Offer("substance-misuse", (HOM,), (), 150, "Harm reduction at the day centre."),
        ),
        joined="2023-04-20",
        fee="300.00",
        staff=26,
        volunteers=35,
        marks=(("Homeless Link Quality Mark", 20),),
        case=(
            "No second night out in Blackpool",
            "homelessness-housing",
            "Outreach seven days a week: 83% of people found sleeping rough did not spend a second night out.",
        ),
    ),
    "Blackpool Community Grocery Ltd": Plan(
        (Offer("food-poverty", (POV,), (), 1200, "Low-cost food and money advice sessions."),),
        tier=Tier.PARTNER,
        joined="2024-11-01",
        fee="0.00",
        staff=4,
        volunteers=18,
    ),
    "Blackpool Autism Family Support": Plan(
        (Offer("children-families", (FAM, CH, DIS), (), 260, "Support before and after diagnosis."),),
        joined="2025-03-01",
        staff=5,
        volunteers=10,
    ),
}


def _day(text: str) -> date:
    return date.fromisoformat(text)


@transaction.atomic
def load() -> None:
    load_capability_reference()
    today = timezone.localdate()
    categories = {c.code: c for c in ServiceCategory.objects.all()}
    groups = {g.name: g for g in ClientGroup.objects.all()}
    areas = {a.name: a for a in Area.objects.exclude(kind="itl1").order_by("-kind")}
    areas["Lancashire"] = Area.objects.get(name="Lancashire", kind="county")
    members = Organisation.objects.filter(roles__code="member").select_related("area").distinct().order_by("name")
    for index, organisation in enumerate(members):
        plan = PLANS.get(organisation.name) or Plan(
            (Offer("volunteering-community", (OLD, YP), (), 100, "Volunteering opportunities."),)
        )
        membership = Membership.objects.filter(organisation=organisation).first()
        if membership is None:
            joined = _day(plan.joined)
            membership = Membership(
                organisation=organisation,
                tier=plan.tier,
                status=plan.status,
                joined_on=joined,
                renewal_due=date(2026, 4, 1) if joined < date(2026, 4, 1) else date(2027, 4, 1),
                left_on=_day(plan.left_on) if plan.left_on else None,
                annual_fee=Decimal(plan.fee),
                fee_paid=plan.paid,
                fee_paid_on=date(2025, 4, 14 + index % 10) if plan.paid and plan.fee != "0.00" else None,
                agreement_signed_on=joined,
                staff_count=plan.staff,
                volunteer_count=plan.volunteers,
                clients_per_year=sum(offer.people or 0 for offer in plan.offers) or None,
                languages=plan.languages,
                notes=plan.extra.get("notes", ""),
            )
            membership.full_clean()
            membership.save()
        for action, days, done in plan.actions:
            if not DevelopmentAction.objects.filter(membership=membership, action=action).exists():
                step = DevelopmentAction(
                    membership=membership,
                    action=action,
                    due_on=today + timedelta(days=days),
                    done_on=today + timedelta(days=days - 7) if done else None,
                )
                step.full_clean()
                step.save()
        for offer in plan.offers:
            category = categories[offer.category]
            if Capability.objects.filter(organisation=organisation, category=category).exists():
                continue
            capability = Capability(
                organisation=organisation,
                category=category,
                description=offer.description,
                clients_per_year=offer.people,
            )
            capability.full_clean()
            capability.save()
            capability.client_groups.set([groups[name] for name in offer.groups])
            places = [areas[name] for name in offer.areas]
            if organisation.area is not None and organisation.area not in places:
                places.insert(0, organisation.area)
            capability.areas.set(places)
        for name, days in plan.marks:
            if not QualityMark.objects.filter(organisation=organisation, name=name).exists():
                expires = today + timedelta(days=days)
                mark = QualityMark(
                    organisation=organisation,
                    name=name,
                    awarded_on=expires - timedelta(days=3 * 365),
                    expires_on=expires,
                )
                mark.full_clean()
                mark.save()
        if plan.case and not CaseStudy.objects.filter(organisation=organisation, title=plan.case[0]).exists():
            title, code, summary = plan.case
            case = CaseStudy(
                organisation=organisation, title=title, category=categories[code], year=2025, summary=summary
            )
            case.full_clean()
            case.save()
