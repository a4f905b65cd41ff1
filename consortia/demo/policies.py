"""The demo hub's policy library and risk register.

A policy for each area of the starter list, each with an approved version (a small PDF built
from its text), some due for review soon; most active members have acknowledged the policies
asked of them, a few have not. The risk register holds a dozen risks a consortium hub carries,
with reviews (so trends) and actions. Safe to run again: policies and risks are matched on
their titles and nothing already there is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from consortia.core.dates import add_months
from consortia.demo.errors import DemoDataError
from consortia.demo.personas import DEMO_DOMAIN
from consortia.documents.builders import pdf_from_template
from consortia.policies.choices import Audience, PolicyKind, RiskCategory, RiskStatus
from consortia.policies.models import Acknowledgement, Policy, PolicyArea, PolicyVersion, Risk, RiskAction
from consortia.policies.services.policies import (
    acknowledge,
    approve_version,
    load_starter_areas,
    required_organisations,
)
from consortia.policies.services.risks import record_review
from consortia.users.models import User


@dataclass(frozen=True)
class PolicySpec:
    title: str
    area: str
    kind: str
    owner: str  # the demo login's name before the @
    months: int  # review period
    approved_days_ago: int  # of the current version; near the period, its review is due soon
    acknowledge: bool
    purpose: str
    earlier_version: bool = False


POLICIES = (
    PolicySpec(
        "Safeguarding children and adults at risk",
        "Safeguarding",
        PolicyKind.POLICY,
        "manager",
        12,
        330,
        True,
        "How the consortium and its members keep children and adults at risk safe, who the designated "
        "safeguarding leads are, and how concerns are reported to the local authority within one working day.",
        earlier_version=True,
    ),
    PolicySpec(
        "Data protection and information sharing",
        "Data protection",
        PolicyKind.POLICY,
        "manager",
        12,
        200,
        True,
        "How personal data of clients, staff and volunteers is collected, shared between the hub and members "
        "under the data-processing terms, kept secure and deleted, and how a breach is reported within 72 hours.",
    ),
    PolicySpec(
        "Personal data breach procedure",
        "Data protection",
        PolicyKind.PROCEDURE,
        "contracts",
        24,
        120,
        True,
        "The steps to take in the first hour, day and 72 hours after a personal data breach, and who tells "
        "the Information Commissioner's Office and the commissioner.",
    ),
    PolicySpec(
        "Equality, diversity and inclusion",
        "Equality and diversity",
        PolicyKind.POLICY,
        "manager",
        24,
        400,
        True,
        "How the consortium meets the Equality Act 2010 in its services, recruitment and the allocation of "
        "work to members, and monitors who uses its services.",
    ),
    PolicySpec(
        "Complaints procedure",
        "Complaints",
        PolicyKind.PROCEDURE,
        "contracts",
        12,
        100,
        True,
        "How a client, a commissioner or a member raises a complaint, the timescales for answering it, and "
        "how the hub learns from complaints across the supply chain.",
    ),
    PolicySpec(
        "Whistleblowing",
        "Whistleblowing",
        PolicyKind.POLICY,
        "manager",
        12,
        352,
        True,
        "How staff, volunteers and members' staff raise concerns about wrongdoing safely, and the protection "
        "the Public Interest Disclosure Act 1998 gives them.",
    ),
    PolicySpec(
        "Conflicts of interest",
        "Conflicts of interest",
        PolicyKind.POLICY,
        "chair",
        12,
        150,
        True,
        "How board members, hub staff and members declare interests, and stay out of decisions on bids, "
        "allocations and payments where they have one.",
    ),
    PolicySpec(
        "Health and safety",
        "Health and safety",
        PolicyKind.POLICY,
        "manager",
        12,
        60,
        False,
        "How the hub keeps its staff, volunteers and visitors safe, including lone working and home visits.",
    ),
    PolicySpec(
        "Supply chain management and subcontracting",
        "Subcontracting",
        PolicyKind.PROCEDURE,
        "contracts",
        12,
        300,
        True,
        "How the hub allocates work to members, agrees subcontracts, passes payments on within 30 days, "
        "manages performance and handles a member's failure to deliver.",
    ),
    PolicySpec(
        "Risk management",
        "Risk management",
        PolicyKind.POLICY,
        "chair",
        24,
        500,
        False,
        "How the hub identifies, scores (likelihood times impact), controls and reviews its risks, and how "
        "the board sees the top risks each quarter.",
    ),
    PolicySpec(
        "Financial procedures",
        "Financial procedures",
        PolicyKind.PROCEDURE,
        "finance",
        12,
        310,
        False,
        "Who may authorise spending and payments, the management fee (top-slice), reserves, and the "
        "controls over payment runs to members.",
    ),
)


@dataclass(frozen=True)
class RiskSpec:
    title: str
    category: str
    owner: str
    inherent: tuple[int, int]
    reviews: tuple[tuple[int, int, int, str], ...]  # days ago, likelihood, impact, note (oldest first)
    controls: str
    description: str
    actions: tuple[tuple[str, str, int, bool], ...] = ()  # what, owner, due in days (negative: past), done
    review_overdue: bool = False
    closed: bool = False


RISKS = (
    RiskSpec(
        "Payment by results cash flow",
        RiskCategory.FINANCIAL,
        "finance",
        (5, 4),
        (
            (120, 4, 4, "Outcome payments lag delivery by up to five months."),
            (30, 4, 3, "Working capital loan agreed."),
        ),
        "A cash-flow forecast reviewed monthly; a working capital loan; members paid within 30 days of the hub being paid.",
        "Outcome payments arrive months after members' costs, so the hub runs short of cash to pay members on time.",
        (
            ("Agree a revolving credit facility with the community bank", "finance", 45, False),
            ("Report the 13-week cash forecast to every board meeting", "finance", -20, True),
        ),
    ),
    RiskSpec(
        "A member organisation fails or withdraws mid-contract",
        RiskCategory.CONTRACTUAL,
        "contracts",
        (3, 5),
        ((150, 3, 4, "Two members with under three months' reserves."), (40, 3, 4, "No change.")),
        "Annual due diligence including reserves; step-in arrangements in subcontracts; a second member able to take on each lot.",
        "A member closes or hands back its subcontract, leaving clients without a service and the hub in breach.",
        (("Name a reserve provider for each lot of the social prescribing contract", "contracts", 30, False),),
    ),
    RiskSpec(
        "TUPE liabilities when contracts transfer",
        RiskCategory.PEOPLE,
        "manager",
        (3, 4),
        ((90, 2, 4, "Legal advice taken on the children's services transfer."),),
        "Employee liability information requested before bidding; TUPE costs priced into bids; indemnities from outgoing providers.",
        "Staff transfer to members under TUPE on terms the contract price does not cover.",
    ),
    RiskSpec(
        "A safeguarding incident involving a member's client",
        RiskCategory.SAFEGUARDING,
        "manager",
        (3, 5),
        (
            (200, 2, 5, "All members' safeguarding leads trained."),
            (20, 2, 5, "Policy reviewed; members asked to acknowledge it."),
        ),
        "The safeguarding policy acknowledged by every member; DBS checks verified in due diligence; incidents reported to the hub within a day.",
        "A child or adult at risk is harmed by, or while in the care of, a member delivering a consortium contract.",
        (("Chase the members that have not acknowledged the safeguarding policy", "contracts", 10, False),),
    ),
    RiskSpec(
        "A personal data breach in the supply chain",
        RiskCategory.COMPLIANCE,
        "contracts",
        (4, 4),
        (
            (100, 3, 4, "Two members still e-mail referral forms."),
            (15, 2, 4, "Secure referral portal in use by all but one member."),
        ),
        "Data-processing terms in every subcontract; the secure referral portal; breach procedure acknowledged by members.",
        "Clients' personal data is lost or sent to the wrong person by the hub or a member.",
        (("Move the last member off e-mailed referral forms", "contracts", -5, False),),
    ),
    RiskSpec(
        "Loss of the key contract at re-procurement",
        RiskCategory.STRATEGIC,
        "manager",
        (3, 5),
        (
            (180, 3, 5, "Re-procurement expected next spring."),
            (60, 3, 5, "Commissioner confirms a competitive tender."),
        ),
        "Performance kept above target; quarterly meetings with the commissioner; the bid library kept up to date.",
        "The social prescribing contract, most of the hub's income, is re-let to another provider.",
        (("Prepare the case for an extension with a year of outcomes data", "bids", 60, False),),
    ),
    RiskSpec(
        "Hub capacity: too few staff for the contracts won",
        RiskCategory.OPERATIONAL,
        "manager",
        (4, 3),
        ((70, 4, 3, "Contracts officer post vacant."), (10, 3, 3, "Post filled; starts next month.")),
        "The workplan; recharges for shared staff; recruitment started as soon as a bid is won.",
        "The hub cannot manage contracts, returns and payments on time as the work grows.",
    ),
    RiskSpec(
        "Commissioner pays late",
        RiskCategory.FINANCIAL,
        "finance",
        (3, 3),
        ((110, 2, 3, "Invoices paid within 30 days this quarter."), (45, 3, 3, "Two invoices past 45 days.")),
        "Invoices raised on the day returns are validated; late payment chased at 31 days.",
        "The commissioner pays the hub late, so the hub must pay members before it is paid.",
        review_overdue=True,
    ),
    RiskSpec(
        "Conflicts of interest in allocating work",
        RiskCategory.REPUTATIONAL,
        "chair",
        (3, 3),
        ((160, 2, 3, "Register of interests updated by the board."),),
        "The register of declared interests; those with an interest leave allocation decisions; decisions minuted.",
        "Members see work allocated to organisations linked to board members, damaging trust in the consortium.",
    ),
    RiskSpec(
        "Members' performance falls below contract KPIs",
        RiskCategory.CONTRACTUAL,
        "contracts",
        (4, 3),
        ((95, 3, 3, "One member on an improvement plan."), (25, 2, 3, "Improvement plan met.")),
        "Monthly returns validated by the hub; improvement plans; the commissioner told early.",
        "Members miss KPIs, so the commissioner withholds payment or ends the contract.",
    ),
    RiskSpec(
        "Cyber attack on the hub's systems",
        RiskCategory.OPERATIONAL,
        "manager",
        (3, 4),
        ((130, 2, 4, "Cyber Essentials achieved."),),
        "Cyber Essentials; two-factor sign-in; daily backups tested each quarter.",
        "Ransomware or a phishing attack takes the hub's systems or data out of use.",
        (("Renew Cyber Essentials certification", "manager", 75, False),),
        review_overdue=True,
    ),
    RiskSpec(
        "Loss of the hub's charitable or VAT status advantages",
        RiskCategory.COMPLIANCE,
        "finance",
        (2, 3),
        ((210, 1, 3, "Adviser confirms the VAT treatment of the management fee."),),
        "VAT advice taken on each contract; charity law advice on trading.",
        "The management fee or contract income is treated differently for VAT, costing the hub money.",
        closed=True,
    ),
)


def _user(name: str) -> User:
    user = User.objects.filter(email=f"{name}@{DEMO_DOMAIN}").first()
    if user is None:
        raise DemoDataError(f"The demo login {name}@{DEMO_DOMAIN} is missing; load the personas first.")
    return user


def load() -> None:
    """The policy library (with acknowledgements) and the risk register, where missing."""
    load_starter_areas()
    with transaction.atomic():
        for index, spec in enumerate(POLICIES):
            _policy(index, spec)
    with transaction.atomic():
        for risk in RISKS:
            _risk(risk)


def _pdf(policy: Policy, number: int, changes: str, purpose: str) -> ContentFile:
    sections = [
        ("Purpose", purpose),
        (
            "Who it applies to",
            "The consortium's board, the hub's staff and volunteers, and every member organisation "
            "delivering services under a consortium contract.",
        ),
        (
            "Responsibilities",
            f"{policy.owner.full_name} owns this {policy.get_kind_display().lower()} and reviews it "
            f"every {policy.review_period_months} months. The board approves each version.",
        ),
    ]
    built = pdf_from_template(
        "policies/policy_pdf.html",
        {"policy": policy, "number": number, "sections": sections, "changes": changes},
        title=policy.title,
        filename=slugify(policy.title),
    )
    return ContentFile(built.content, name=f"{slugify(policy.title)}-v{number}.pdf")


def _version(policy: Policy, manager: User, approved_on: date, changes: str, purpose: str) -> PolicyVersion:
    number = (policy.versions.count() or 0) + 1
    version = PolicyVersion(policy=policy, summary=changes)
    version.file.save(f"{slugify(policy.title)}-v{number}.pdf", _pdf(policy, number, changes, purpose), save=False)
    version.stamp(manager)
    version.save()
    minute = f"Board {approved_on:%d/%m/%Y}, minute {3 + number}"
    return approve_version(version, manager, approved_on, minute)


def _policy(index: int, spec: PolicySpec) -> None:
    if Policy.objects.filter(title=spec.title).exists():
        return
    manager = _user("manager")
    today = timezone.localdate()
    policy = Policy(
        title=spec.title,
        kind=spec.kind,
        area=PolicyArea.objects.get(name=spec.area),
        owner=_user(spec.owner),
        review_period_months=spec.months,
        acknowledgement_required=spec.acknowledge,
        audience=Audience.ALL,
    )
    policy.stamp(manager)
    policy.save()
    approved_on = today - timedelta(days=spec.approved_days_ago)
    if spec.earlier_version:
        # The first version, approved as long ago as the review rule allows, now superseded.
        earlier = max(approved_on - timedelta(days=200), add_months(today, -spec.months) + timedelta(days=1))
        _version(policy, manager, earlier, "First version.", spec.purpose)
    _version(
        policy,
        manager,
        approved_on,
        "Reviewed: updated for the consortium's new contracts." if spec.earlier_version else "First version.",
        spec.purpose,
    )
    policy.refresh_from_db()
    if not spec.acknowledge:
        return
    version = policy.current_version
    assert version is not None
    for number, organisation in enumerate(required_organisations(policy).order_by("name", "pk")):
        if (number + index) % 4 == 0:  # most members have acknowledged; a few have not yet
            continue
        if Acknowledgement.objects.filter(version=version, organisation=organisation).exists():
            continue
        member_user = User.objects.filter(organisation=organisation, is_active=True).order_by("pk").first()
        made = acknowledge(version, organisation, member_user or manager)
        made.acknowledged_on = (
            min(today, version.approved_on + timedelta(days=3 + number * 2)) if version.approved_on else today
        )
        made.save(update_fields=["acknowledged_on"])


def _risk(spec: RiskSpec) -> None:
    if Risk.objects.filter(title=spec.title).exists():
        return
    manager = _user("manager")
    today = timezone.localdate()
    first = spec.reviews[0]
    risk = Risk(
        title=spec.title,
        description=spec.description,
        category=spec.category,
        owner=_user(spec.owner),
        inherent_likelihood=spec.inherent[0],
        inherent_impact=spec.inherent[1],
        residual_likelihood=first[1],
        residual_impact=first[2],
        controls=spec.controls,
        review_on=today + timedelta(days=60),
        status=RiskStatus.CLOSED if spec.closed else RiskStatus.OPEN,
    )
    risk.stamp(manager)
    risk.save()
    for position, (days_ago, likelihood, impact, note) in enumerate(spec.reviews):
        reviewed_on = today - timedelta(days=days_ago)
        last = position == len(spec.reviews) - 1
        next_review = reviewed_on + timedelta(days=days_ago - 7) if last and spec.review_overdue else None
        record_review(risk, _user(spec.owner), reviewed_on, likelihood, impact, note, next_review)
    for description, owner, due_in, done in spec.actions:
        due_on = today + timedelta(days=due_in)
        action = RiskAction(
            risk=risk,
            description=description,
            owner=_user(owner),
            due_on=due_on,
            done_on=min(due_on, today) if done else None,
        )
        action.stamp(manager)
        action.save()


def summary() -> str:
    return (
        f"Policies: {Policy.objects.count()} policies, {PolicyVersion.objects.count()} versions, "
        f"{Acknowledgement.objects.count()} acknowledgements; {Risk.objects.count()} risks."
    )
