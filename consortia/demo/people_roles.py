"""Demo job roles and recruitment for Lancashire Community Partnership.

The five usual hub roles from the templates (the Consortium Manager and the Finance Officer
agreed); the 2023 recruitment of the Bid Manager, from four applicants to the appointment of
Imran Hussain, the bid writer the demo's `bids@` login belongs to, with the panel's shortlisting
and interview scores and a handful of equal-opportunities returns; and a Hub Administrator
vacancy open now. Everyone here is fictional; phone numbers are in Ofcom's drama range.

Safe to run again: roles are matched on their titles and vacancies on their references, and a
vacancy that exists is left as it is (with its applicants, whose data the retention command may
since have deleted).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from consortia.demo.data import CONSORTIUM_NAME
from consortia.demo.errors import DemoDataError
from consortia.demo.personas import DEMO_DOMAIN
from consortia.directory.models import Organisation
from consortia.people.choices import ApplicationStage, AssessmentStage, VacancyStatus
from consortia.people.models import Application, JobRole, Vacancy
from consortia.people.role_templates import TEMPLATES
from consortia.people.services import recruitment, roles
from consortia.users.models import User

T = TypeVar("T")
AGREED = ("Consortium Manager", "Finance Officer")
# The hub is run by Red Rose CVS for the consortium (see the hub set-up demo).
LOCATION = "Red Rose CVS, Fishergate Court, Preston, with home working and travel across Lancashire"
BID_VACANCY = "LCP-2023-03"
ADMIN_VACANCY = "LCP-HA-01"


@dataclass(frozen=True)
class Applicant:
    first_name: str
    last_name: str
    phone: str
    received_on: date
    # Scores at shortlisting, criterion by criterion in the person specification's order of the
    # criteria assessed at application: (the manager's, the chair's).
    shortlisting: tuple[tuple[int, ...], tuple[int, ...]]
    # And at interview (criteria assessed at interview or by a test), for the shortlist.
    interview: tuple[tuple[int, ...], tuple[int, ...]] | None = None

    @property
    def email(self) -> str:
        return f"{self.first_name}.{self.last_name}@example.com".lower()


# The Bid Manager's criteria at application: APMP (D), bids won (E), managing a bid (E), VCS (D),
# written English (E), organising (E), procurement (E), outcomes (D).
# At interview or by a test: bids won (E), managing a bid (E), written English (E), tender
# analysis (E), organising (E), spreadsheets (D), procurement (E), outcomes (D), values (E).
APPLICANTS = (
    Applicant(
        "Imran",
        "Hussain",
        "01632 960411",
        date(2023, 2, 27),
        ((2, 3, 3, 3, 3, 2, 3, 2), (1, 3, 2, 3, 3, 3, 3, 2)),
        ((3, 3, 3, 3, 2, 2, 3, 2, 3), (3, 2, 3, 3, 3, 2, 3, 2, 3)),
    ),
    Applicant(
        "Rachel",
        "Whitworth",
        "01632 960412",
        date(2023, 3, 1),
        ((0, 2, 3, 3, 2, 2, 2, 2), (0, 2, 2, 3, 3, 2, 2, 1)),
        ((2, 3, 2, 2, 2, 3, 2, 1, 3), (2, 2, 2, 1, 2, 3, 2, 2, 3)),
    ),
    Applicant(
        "Daniel",
        "Okafor",
        "01632 960413",
        date(2023, 3, 3),
        ((0, 1, 2, 1, 2, 2, 1, 1), (0, 1, 1, 2, 2, 2, 2, 0)),
    ),
    Applicant(
        "Sophie",
        "Brennan",
        "01632 960414",
        date(2023, 3, 6),
        ((3, 2, 2, 0, 3, 2, 3, 3), (3, 3, 2, 1, 2, 2, 2, 3)),
        ((2, 2, 2, 2, 1, 3, 3, 3, 2), (2, 2, 1, 2, 1, 3, 2, 3, 2)),
    ),
)
APPOINTED = "Hussain"
NOT_SHORTLISTED = ("Okafor",)

# A handful of the applicants' equal-opportunities forms: (age band, sex, ethnic group, disability).
EQUAL_OPPORTUNITIES = (
    ("25-34", "male", "asian", "no"),
    ("35-44", "female", "white", "no"),
    ("25-34", "male", "black", "unsaid"),
    ("45-54", "female", "white", "yes"),
)


def load() -> None:
    """Create whatever part of the demo's job roles and recruitment is missing."""
    with transaction.atomic():
        manager, chair, bids = (_persona(name) for name in ("manager", "chair", "bids"))
        job_roles = _job_roles(manager)
        _bid_manager_recruitment(job_roles["Bid Manager"], manager, chair, bids)
        _hub_administrator_vacancy(job_roles["Hub Administrator"], manager, chair)


def _persona(local: str) -> User:
    user = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()
    if user is None:
        raise DemoDataError(f"The demo login {local}@{DEMO_DOMAIN} is missing; run `manage.py load_demo` first.")
    return user


def _job_roles(manager: User) -> dict[str, JobRole]:
    """The five roles from the templates; the Consortium Manager first, as the others report to it."""
    found: dict[str, JobRole] = {}
    for template in TEMPLATES:
        job_role = JobRole.objects.filter(title=template.title).first()
        if job_role is None:
            job_role = _check(template.title, roles.create_from_template, template.code, manager)
            job_role.location = LOCATION
            _save(job_role, manager)
            if job_role.title in AGREED:
                _check(job_role.title, roles.agree_job_role, job_role, manager)
        found[template.title] = job_role
    return found


def _bid_manager_recruitment(job_role: JobRole, manager: User, chair: User, bids: User) -> None:
    if Vacancy.objects.filter(reference=BID_VACANCY).exists():
        return
    vacancy = Vacancy(
        job_role=job_role,
        reference=BID_VACANCY,
        status=VacancyStatus.SHORTLISTING,
        opens_on=date(2023, 2, 6),
        closing_date=date(2023, 3, 6),
        shortlisting_date=date(2023, 3, 9),
        interview_dates="21/03/2023 and 22/03/2023",
        retention_months=6,
    )
    _save(vacancy, manager)
    vacancy.panel.set([manager, chair])

    applications: dict[str, Application] = {}
    for applicant in APPLICANTS:
        application = Application(
            vacancy=vacancy,
            first_name=applicant.first_name,
            last_name=applicant.last_name,
            email=applicant.email,
            phone=applicant.phone,
            received_on=applicant.received_on,
        )
        _save(application, manager)
        applications[applicant.last_name] = application

    _score(vacancy, AssessmentStage.SHORTLISTING, applications, (manager, chair))
    decisions = {
        application.pk: ApplicationStage.NOT_SHORTLISTED if name in NOT_SHORTLISTED else ApplicationStage.SHORTLISTED
        for name, application in applications.items()
    }
    _check(BID_VACANCY, recruitment.record_shortlisting, vacancy, decisions, manager)
    vacancy.status = VacancyStatus.INTERVIEWING
    _save(vacancy, manager)
    _score(vacancy, AssessmentStage.INTERVIEW, applications, (manager, chair))

    chosen = applications[APPOINTED]
    chosen.refresh_from_db()
    _check(str(chosen), recruitment.make_offer, chosen, date(2023, 3, 23), manager)
    _check(str(chosen), recruitment.record_acceptance, chosen, date(2023, 3, 27), manager)
    employer = Organisation.objects.filter(name=CONSORTIUM_NAME).first()
    if employer is None:
        raise DemoDataError(f"“{CONSORTIUM_NAME}” is missing; run `manage.py load_demo` first.")
    # The bid writer's login, unless the demo already gave it a staff record of its own.
    login = bids if not hasattr(bids, "staff_record") else None
    _check(
        str(chosen),
        recruitment.appoint,
        chosen,
        employer,
        date(2023, 5, 2),
        Decimal("23.30"),
        Decimal("0.80"),
        manager,
        login=login,
    )
    for age_band, sex, ethnic_group, disability in EQUAL_OPPORTUNITIES:
        answers = {"age_band": age_band, "sex": sex, "ethnic_group": ethnic_group, "disability": disability}
        _check(BID_VACANCY, recruitment.record_equal_opportunities, vacancy, answers)


def _score(vacancy: Vacancy, stage: str, applications: dict[str, Application], panel: tuple[User, User]) -> None:
    criteria = list(recruitment.criteria_for(vacancy, stage).order_by("order", "pk"))
    for applicant in APPLICANTS:
        given = applicant.shortlisting if stage == AssessmentStage.SHORTLISTING else applicant.interview
        if given is None:
            continue
        application = applications[applicant.last_name]
        for member, marks in zip(panel, given, strict=True):
            if len(marks) != len(criteria):
                raise DemoDataError(f"{applicant.last_name}: {len(marks)} {stage} scores for {len(criteria)} criteria.")
            cells = dict(zip(criteria, marks, strict=True))
            _check(str(application), recruitment.record_assessments, application, member, stage, cells)


def _hub_administrator_vacancy(job_role: JobRole, manager: User, chair: User) -> None:
    if Vacancy.objects.filter(reference=ADMIN_VACANCY).exists():
        return
    today = timezone.localdate()
    vacancy = Vacancy(
        job_role=job_role,
        reference=ADMIN_VACANCY,
        status=VacancyStatus.OPEN,
        opens_on=today - timedelta(days=7),
        closing_date=today + timedelta(days=21),
        shortlisting_date=today + timedelta(days=25),
        interview_dates="In the week after shortlisting",
        retention_months=6,
    )
    _save(vacancy, manager)
    vacancy.panel.set([manager, chair])


def _save(record: models.Model, user: User) -> None:
    _check(str(record), record.full_clean)
    record.stamp(user)  # type: ignore[attr-defined]
    record.save()


def _check(label: str, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a service or validation; a refusal becomes a DemoDataError naming the record."""
    try:
        return operation(*args, **kwargs)
    except ValidationError as error:
        raise DemoDataError(f"{label}: {' '.join(error.messages)}") from error
