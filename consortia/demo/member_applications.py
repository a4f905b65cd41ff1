"""The demo consortium's membership applications and the eligibility questions on its public form.

Lancashire Community Partnership asks four yes-or-no questions of every applicant. The queue
holds an application in each state: a draft, two waiting for a decision, one the hub has asked
more of, one not approved (with the reason) and one approved, which is linked to Chorley Men's
Shed, already a member in the directory. Names and e-mail addresses are fictional (.example).

Idempotent: questions are matched on their text and applications on the organisation's name
and contact e-mail; what is already there is left as it is, so a demo people have been
clicking around in keeps their changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from consortia.demo.personas import DEMO_DOMAIN
from consortia.directory.choices import LegalForm
from consortia.directory.models import Area, Organisation
from consortia.members.choices import ApplicationStatus, QuestionKind, Tier
from consortia.members.forms.applications import local_authorities
from consortia.members.models import ClientGroup, EligibilityQuestion, MembershipApplication, ServiceCategory
from consortia.users.models import User

YES, NO = "Yes", "No"

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("Does your organisation work in Lancashire?", "Delivering services to people who live in Lancashire."),
    (
        "Are you a voluntary, community or social enterprise organisation?",
        "A charity, community group, CIC, co-operative or other not-for-profit organisation.",
    ),
    (
        "Are you committed to the consortium's values?",
        "Working together, putting people first, and being open with each other.",
    ),
    ("Does your organisation have a safeguarding policy?", "Reviewed within the last year, with a named lead."),
)


@dataclass(frozen=True)
class Applicant:
    organisation_name: str
    contact_name: str
    contact_email: str
    status: str
    legal_form: str
    postcode: str
    address: str
    services: str
    area: str
    tier_requested: str = Tier.FULL
    charity_number: str = ""
    company_number: str = ""
    answers: tuple[str, str, str, str] = (YES, YES, YES, YES)
    days_ago: int = 10  # when it was sent
    reason: str = ""
    tier_granted: str = ""
    categories: tuple[int, ...] = field(default=(0,))


APPLICANTS: tuple[Applicant, ...] = (
    Applicant(
        organisation_name="Ribble Valley Rural Transport",
        contact_name="Helen Whittaker",
        contact_email="helen@ribblevalleytransport.example",
        status=ApplicationStatus.DRAFT,
        legal_form=LegalForm.CIO,
        postcode="BB7 2AA",
        address="Unit 3, Station Yard\nClitheroe",
        services="Volunteer drivers taking older and disabled people to appointments.",
        area="Ribble Valley",
        answers=(YES, YES, "", ""),
    ),
    Applicant(
        organisation_name="Skelmersdale Community Larder",
        contact_name="Marcus Bennett",
        contact_email="marcus@skemlarder.example",
        status=ApplicationStatus.SUBMITTED,
        legal_form=LegalForm.CIC,
        company_number="12876543",
        postcode="WN8 6AA",
        address="The Concourse\nSkelmersdale",
        services="A low-cost community food shop with debt and energy advice sessions.",
        area="West Lancashire",
        days_ago=4,
    ),
    Applicant(
        organisation_name="Rossendale Young Carers",
        contact_name="Aisha Begum",
        contact_email="aisha@rossendaleyoungcarers.example",
        status=ApplicationStatus.SUBMITTED,
        legal_form=LegalForm.CHARITY,
        charity_number="1198765",
        postcode="BB4 7AA",
        address="12 Bank Street\nRawtenstall",
        services="Respite, groups and school support for young carers aged 8 to 18.",
        area="Rossendale",
        tier_requested=Tier.ASSOCIATE,
        answers=(YES, YES, YES, NO),  # no safeguarding policy yet: the review page flags it
        days_ago=2,
    ),
    Applicant(
        organisation_name="Wyre Coastal Walks",
        contact_name="Tom Gregson",
        contact_email="tom@wyrecoastalwalks.example",
        status=ApplicationStatus.MORE_INFO,
        legal_form=LegalForm.UNINCORPORATED,
        postcode="FY7 6AA",
        address="c/o Marine Hall\nFleetwood",
        services="Led health walks and a walking football group.",
        area="Wyre",
        tier_requested=Tier.ASSOCIATE,
        days_ago=21,
        reason="Please send your constitution and tell us who leads on safeguarding for the walks.",
    ),
    Applicant(
        organisation_name="North West Lettings Solutions Ltd",
        contact_name="Gary Fielding",
        contact_email="gary@nwlettings.example",
        status=ApplicationStatus.REJECTED,
        legal_form=LegalForm.CLS,
        company_number="09123456",
        postcode="PR1 3AA",
        address="45 Fishergate\nPreston",
        services="Private lettings and property management.",
        area="Preston",
        answers=(YES, NO, YES, YES),
        days_ago=45,
        reason=(
            "Membership is open to voluntary, community and social enterprise organisations; a company "
            "limited by shares that distributes its profits is not eligible."
        ),
    ),
    Applicant(
        organisation_name="Chorley Men's Shed",
        contact_name="Brian Haworth",
        contact_email="brian@chorleymensshed.example",
        status=ApplicationStatus.APPROVED,
        legal_form=LegalForm.CIO,
        charity_number="1911804",
        postcode="PR7 3AB",
        address="The Workshop, 40 Bolton Street\nChorley",
        services="Workshop and peer support for older men at risk of loneliness.",
        area="Chorley",
        days_ago=400,
        tier_granted=Tier.FULL,
    ),
)


def _manager() -> User | None:
    return User.objects.filter(email=f"manager@{DEMO_DOMAIN}").first()


@transaction.atomic
def load() -> None:
    manager = _manager()
    questions = []
    for order, (text, help_text) in enumerate(QUESTIONS, start=1):
        question = EligibilityQuestion.objects.filter(text=text).first()
        if question is None:
            question = EligibilityQuestion(
                text=text,
                help_text=help_text,
                kind=QuestionKind.YES_NO,
                required=True,
                expected_answer=YES,
                active=True,
                order=order * 10,
            )
            question.stamp(manager)
            question.full_clean()
            question.save()
        questions.append(question)

    categories = list(ServiceCategory.objects.all()[:3])
    client_groups = list(ClientGroup.objects.all()[:2])
    now = timezone.now()
    for spec in APPLICANTS:
        if MembershipApplication.objects.filter(
            organisation_name=spec.organisation_name, contact_email=spec.contact_email
        ).exists():
            continue
        sent = spec.status != ApplicationStatus.DRAFT
        application = MembershipApplication(
            status=spec.status,
            organisation_name=spec.organisation_name,
            legal_form=spec.legal_form,
            charity_number=spec.charity_number,
            company_number=spec.company_number,
            address=spec.address,
            postcode=spec.postcode,
            contact_name=spec.contact_name,
            contact_email=spec.contact_email,
            services=spec.services,
            tier_requested=spec.tier_requested,
            answers={
                str(question.pk): answer for question, answer in zip(questions, spec.answers, strict=True) if answer
            },
            submitted_at=now - timedelta(days=spec.days_ago) if sent else None,
        )
        if spec.status in (ApplicationStatus.MORE_INFO, ApplicationStatus.REJECTED, ApplicationStatus.APPROVED):
            application.decided_at = now - timedelta(days=max(spec.days_ago - 3, 1))
            application.decided_by = manager
            application.decision_reason = spec.reason
        if spec.status == ApplicationStatus.APPROVED:
            application.tier_granted = spec.tier_granted
            application.organisation = Organisation.objects.filter(name=spec.organisation_name).first()
        application.stamp(manager)
        application.full_clean(exclude=["categories", "client_groups", "areas"])
        application.save()
        application.categories.set([categories[index] for index in spec.categories if index < len(categories)])
        application.client_groups.set(client_groups)
        area: Area | None = local_authorities().filter(name=spec.area).first()
        if area is not None:
            application.areas.set([area])
