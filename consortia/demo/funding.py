"""The demo's fundraising: prospects with the demo funders, applications in every status (moved
through the service, so each move is dated), the awards' payments and the reports they require;
and the real 360Giving file of the Andrew Lloyd Webber Foundation for the research page.

- Prospects: one programme of each demo funder (a grant, a development grant, repayable finance,
  social investment and a contract for services), fit rated.
- Applications: drafting, submitted, awarded (payments part received; a report due in three
  weeks and one overdue), declined, withdrawn and completed (paid, reports sent).
- 360Giving: `../shared/data/360giving/*grants*.json` beside the repository, when it is there (the
  research page works without it: the message says so).

Made only where missing (prospects by funder and programme, applications by title, payments and
reports by application and date; the 360Giving file by its fingerprint): running it again
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from consortia.demo.errors import DemoDataError
from consortia.demo.personas import DEMO_DOMAIN
from consortia.directory.choices import OrganisationRoleCode
from consortia.directory.models import Organisation
from consortia.funding.choices import ApplicationStatus, FundingKind, MoneyKind, ProspectStatus
from consortia.funding.models import Application, FundingPayment, GrantRecord, Prospect, ReportingRequirement
from consortia.funding.services.applications import move_application, prospect_from_grant
from consortia.funding.services.giving import import_file
from consortia.users.models import User

# The shared fixtures sit beside the repository: /work/main -> /work/shared/data.
GIVING_FOLDER = Path(settings.BASE_DIR).parent / "shared" / "data" / "360giving"


@dataclass(frozen=True)
class ProspectSpec:
    funder: str
    programme: str
    kind: str
    low: str
    high: str
    deadline_days: int | None
    fit: int
    fit_note: str
    status: str
    eligibility: str
    source: str


PROSPECTS = (
    ProspectSpec(
        "The National Lottery Community Fund",
        "Reaching Communities: Partnerships",
        FundingKind.GRANT,
        "10000",
        "500000",
        None,
        5,
        "Funds partnerships of local charities for up to five years, with core costs: the consortium's model.",
        ProspectStatus.TO_APPLY,
        "Voluntary and community organisations; partnerships led by one of them. Over £10,000, up to five years.",
        "https://www.tnlcommunityfund.org.uk/funding/programmes/reaching-communities-england",
    ),
    ProspectSpec(
        "Bowland Community Foundation",
        "Partnership development grants",
        FundingKind.DEVELOPMENT,
        "5000",
        "25000",
        45,
        4,
        "Pays for the time to build a consortium's bidding capacity; a good fit for the hub's first year.",
        ProspectStatus.TO_APPLY,
        "Lancashire charities working together; one application per partnership a year.",
        "",
    ),
    ProspectSpec(
        "Morecambe Bay Health and Wellbeing Fund",
        "Recoverable grants for health contracts",
        FundingKind.LOAN,
        "25000",
        "150000",
        90,
        3,
        "Working capital while payment-by-results contracts pay in arrears; repayable, so only with a contract won.",
        ProspectStatus.RESEARCHING,
        "Charities delivering NHS-funded services around Morecambe Bay; repaid over up to three years.",
        "",
    ),
    ProspectSpec(
        "The Cotton Town Charitable Trust",
        "Employment and skills social investment",
        FundingKind.SOCIAL_INVESTMENT,
        "50000",
        "250000",
        None,
        2,
        "Wants a share of outcome payments in return; the members would rather not take on investment yet.",
        ProspectStatus.NOT_PURSUING,
        "Organisations in east Lancashire's former mill towns with an employment programme.",
        "",
    ),
    ProspectSpec(
        "The Hargreaves Family Charitable Trust",
        "Carers' breaks service",
        FundingKind.CONTRACT,
        "20000",
        "40000",
        30,
        4,
        "The trust buys short breaks for carers as a service: a contract payment, not a grant.",
        ProspectStatus.TO_APPLY,
        "Providers of short breaks for older carers in Lancashire.",
        "",
    ),
)


@dataclass(frozen=True)
class ApplicationSpec:
    programme: str
    title: str
    status: str
    ask: str
    award: str | None
    money_kind: str
    conditions: str = ""
    clawback: str = ""


APPLICATIONS = (
    ApplicationSpec(
        "Reaching Communities: Partnerships",
        "Lancashire Community Partnership: five years of shared delivery",
        ApplicationStatus.DRAFTING,
        "450000",
        None,
        MoneyKind.GRANT,
    ),
    ApplicationSpec(
        "Partnership development grants",
        "Bid-writing capacity for the partnership, 2026–27",
        ApplicationStatus.SUBMITTED,
        "24000",
        None,
        MoneyKind.GRANT,
    ),
    ApplicationSpec(
        "Partnership development grants",
        "Setting up the hub: development grant",
        ApplicationStatus.AWARDED,
        "25000",
        "22500",
        MoneyKind.GRANT,
        "Quarterly progress reports; a final report within two months of the end; acknowledge the foundation.",
        "Any part of the grant not spent on the agreed purpose, or spent before the conditions are met, must be repaid.",
    ),
    ApplicationSpec(
        "Recoverable grants for health contracts",
        "Working capital for the social prescribing contract",
        ApplicationStatus.DECLINED,
        "60000",
        None,
        MoneyKind.GRANT,
    ),
    ApplicationSpec(
        "Employment and skills social investment",
        "Employment support outcomes fund",
        ApplicationStatus.WITHDRAWN,
        "150000",
        None,
        MoneyKind.GRANT,
    ),
    ApplicationSpec(
        "Carers' breaks service",
        "Carers' short breaks, 2025",
        ApplicationStatus.COMPLETED,
        "36000",
        "36000",
        MoneyKind.CONTRACT,
        "Monthly activity figures; invoices quarterly in arrears.",
    ),
)

# The statuses an application passes through to reach each one.
PATHS: dict[str, tuple[str, ...]] = {
    ApplicationStatus.DRAFTING: (),
    ApplicationStatus.SUBMITTED: (ApplicationStatus.SUBMITTED,),
    ApplicationStatus.AWARDED: (ApplicationStatus.SUBMITTED, ApplicationStatus.AWARDED),
    ApplicationStatus.DECLINED: (ApplicationStatus.SUBMITTED, ApplicationStatus.DECLINED),
    ApplicationStatus.WITHDRAWN: (ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN),
    ApplicationStatus.COMPLETED: (ApplicationStatus.SUBMITTED, ApplicationStatus.AWARDED, ApplicationStatus.COMPLETED),
}


def _user(name: str) -> User:
    user = User.objects.filter(email=f"{name}@{DEMO_DOMAIN}").first()
    if user is None:
        raise DemoDataError(f"The demo login {name}@{DEMO_DOMAIN} is missing; load the personas first.")
    return user


def _funder(name: str) -> Organisation:
    funder = Organisation.objects.filter(name=name, roles__code=OrganisationRoleCode.FUNDER).first()
    if funder is None:
        raise DemoDataError(f"The demo funder “{name}” is missing; load the demo organisations first.")
    return funder


def _prospects(user: User, today: date) -> dict[str, Prospect]:
    found: dict[str, Prospect] = {}
    for spec in PROSPECTS:
        funder = _funder(spec.funder)
        prospect = Prospect.objects.filter(funder=funder, programme=spec.programme).first()
        if prospect is None:
            prospect = Prospect(
                funder=funder,
                programme=spec.programme,
                kind=spec.kind,
                amount_min=Decimal(spec.low),
                amount_max=Decimal(spec.high),
                deadline=today + timedelta(days=spec.deadline_days) if spec.deadline_days else None,
                fit=spec.fit,
                fit_note=spec.fit_note,
                status=spec.status,
                eligibility=spec.eligibility,
                source_url=spec.source,
            )
            prospect.full_clean()
            prospect.stamp(user)
            prospect._history_user = user  # type: ignore[attr-defined]
            prospect.save()
        found[spec.programme] = prospect
    return found


def _application(spec: ApplicationSpec, prospect: Prospect, user: User, today: date) -> Application:
    application = Application.objects.filter(title=spec.title).first()
    if application is not None:
        return application
    application = Application(
        prospect=prospect,
        title=spec.title,
        ask_amount=Decimal(spec.ask),
        money_kind=spec.money_kind,
        clawback_terms=spec.clawback,
    )
    application.full_clean()
    application.stamp(user)
    application._history_user = user  # type: ignore[attr-defined]
    application.save()
    # Submitted about four months ago, decided two months later, completed last month.
    dates: dict[str, date] = {
        ApplicationStatus.SUBMITTED: today - timedelta(days=120),
        ApplicationStatus.AWARDED: today - timedelta(days=60),
        ApplicationStatus.DECLINED: today - timedelta(days=60),
        ApplicationStatus.WITHDRAWN: today - timedelta(days=90),
        ApplicationStatus.COMPLETED: today - timedelta(days=20),
    }
    for status in PATHS[spec.status]:
        award = Decimal(spec.award) if status == ApplicationStatus.AWARDED and spec.award else None
        conditions = spec.conditions if status == ApplicationStatus.AWARDED else None
        application = move_application(
            application, user, status, dates[status], award_amount=award, conditions=conditions
        )
    return application


def _payment(application: Application, due_on: date, amount: str, received_on: date | None, user: User) -> None:
    if FundingPayment.objects.filter(application=application, due_on=due_on).exists():
        return
    payment = FundingPayment(application=application, due_on=due_on, amount=Decimal(amount), received_on=received_on)
    payment.full_clean()
    payment.stamp(user)
    payment.save()


def _report(application: Application, title: str, due_on: date, sent_on: date | None, user: User) -> None:
    if ReportingRequirement.objects.filter(application=application, title=title).exists():
        return
    report = ReportingRequirement(application=application, title=title, due_on=due_on, submitted_on=sent_on)
    report.full_clean()
    report.stamp(user)
    report.save()


def load_giving() -> str:
    """The real 360Giving file, when the shared data sit beside the repository."""
    # The grants files (the folder also holds the registry's metadata, which is not a 360Giving file).
    files = sorted(GIVING_FOLDER.glob("*grants*.json")) if GIVING_FOLDER.is_dir() else []
    if not files:
        return f"360Giving: no file at {GIVING_FOLDER}; the research page stays empty until one is imported."
    lines = []
    for path in files:
        result, _ = import_file(path.read_bytes(), path.name)
        if not result.ok:
            raise DemoDataError(f"The 360Giving file {path.name} did not load: {result.errors[0]}")
        lines.append(f"{path.name}: {result.summary()}")
    return "360Giving: " + " ".join(lines)


@transaction.atomic
def load() -> None:
    """Create whatever part of the demo's fundraising is missing."""
    user = _user("finance")
    today = timezone.localdate()
    prospects = _prospects(user, today)
    applications = {spec.status: _application(spec, prospects[spec.programme], user, today) for spec in APPLICATIONS}
    awarded = applications[ApplicationStatus.AWARDED]
    _payment(awarded, today - timedelta(days=45), "11250", today - timedelta(days=40), user)
    _payment(awarded, today + timedelta(days=45), "11250", None, user)
    _report(awarded, "First quarterly progress report", today - timedelta(days=5), None, user)
    _report(awarded, "Second quarterly progress report", today + timedelta(days=21), None, user)
    _report(awarded, "Final report", today + timedelta(days=300), None, user)
    completed = applications[ApplicationStatus.COMPLETED]
    for quarter in range(4):
        due = today - timedelta(days=110 - quarter * 25)
        _payment(completed, due, "9000", min(due + timedelta(days=14), today - timedelta(days=1)), user)
    _report(completed, "Annual activity figures", today - timedelta(days=30), today - timedelta(days=32), user)
    load_giving()
    # The research turned into prospects: the programme of the file's largest recent grants.
    for grant in GrantRecord.objects.exclude(programme="").order_by("-award_date", "-amount_awarded")[:1]:
        prospect_from_grant(grant, user)


def summary() -> str:
    grants = GrantRecord.objects.count()
    missing = "" if grants or GIVING_FOLDER.is_dir() else f" (no 360Giving file found at {GIVING_FOLDER})"
    return (
        f"Funding: {Prospect.objects.count()} prospects, {Application.objects.count()} applications, "
        f"{FundingPayment.objects.count()} payments due, {ReportingRequirement.objects.count()} reports due, "
        f"{grants} 360Giving grants for research{missing}."
    )
