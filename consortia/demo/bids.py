"""The demo's bids: two bids, one won ("Young carers service") and one being written
("Domestic abuse community support service"), with partners, questions, pricing, a timetable,
a clarification, the compliance checklist, and an answer library that both have drawn on.

Made only where missing: running it again changes nothing.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from consortia.bids.choices import EntryKind, Outcome, PartnerRole, QuestionStatus
from consortia.bids.importers import ParsedQuestion, import_questions
from consortia.bids.models import Bid, BidPartner, Clarification, LibraryEntry, Milestone
from consortia.bids.services import library, workspace
from consortia.demo.errors import DemoDataError
from consortia.demo.personas import DEMO_DOMAIN
from consortia.members.services.diligence import is_eligible
from consortia.opportunities.choices import InterestStatus
from consortia.opportunities.models import Opportunity
from consortia.users.models import User

LIBRARY = [
    (
        EntryKind.ANSWER,
        "Safeguarding approach",
        "How do you keep children and adults at risk safe?",
        "Every worker has an enhanced DBS check and safeguarding training each year. Each partner has a designated "
        "safeguarding lead; concerns go to the local authority's front door the same day, and the hub reviews every "
        "referral at its quarterly partnership meeting.",
        "safeguarding, training, referrals",
        2,
    ),
    (
        EntryKind.ANSWER,
        "Partnership governance",
        "How will the consortium manage its partners?",
        "The hub holds the contract and subcontracts to members under one agreement. A partnership board meets monthly "
        "to review performance against the contract's measures; under-performance triggers an improvement plan.",
        "governance, partnership, performance",
        14,
    ),
    (
        EntryKind.CASE_STUDY,
        "Young carers in Blackburn schools",
        "Give an example of similar work.",
        "In 2024–25 our partners identified 240 young carers through schools in Blackburn with Darwen; 85% reported "
        "less isolation after six months of support.",
        "young carers, schools, outcomes",
        20,
    ),
]

QUESTIONS = {
    "youngcarers": [
        ("1.1", "Service delivery", "Describe how you will identify young carers and assess their needs.", 750, "30"),
        (
            "1.2",
            "Service delivery",
            "How will you keep young carers safe? Describe your safeguarding approach.",
            500,
            "20",
        ),
        ("2.1", "Partnership", "How will the consortium manage its partners and their performance?", 500, "20"),
        ("3.1", "Social value", "What social value will the contract bring to Blackburn with Darwen?", 300, "10"),
    ],
    "dv": [
        (
            "1",
            "Delivery",
            "Describe your model for independent domestic violence advisers across the districts.",
            1000,
            "25",
        ),
        (
            "2",
            "Delivery",
            "How will you keep survivors and their children safe? Describe your safeguarding approach.",
            750,
            "25",
        ),
        ("3", "Partnership", "How will the consortium manage its partners and their performance?", 500, "15"),
        ("4", "Mobilisation", "Set out your mobilisation plan for the first 90 days.", 500, "15"),
    ],
}


def _user(name: str) -> User:
    user = User.objects.filter(email=f"{name}@{DEMO_DOMAIN}").first()
    if user is None:
        raise DemoDataError(f"The demo login {name}@{DEMO_DOMAIN} is missing; load the personas first.")
    return user


@transaction.atomic
def load() -> None:
    manager = _user("manager")
    today = timezone.localdate()
    entries = {}
    for kind, title, question, text, tags, reviewed_months_ago in LIBRARY:
        entry = LibraryEntry.objects.filter(title=title).first()
        if entry is None:
            entry = LibraryEntry(
                kind=kind,
                title=title,
                question=question,
                text=text,
                tags=tags,
                owner=manager,
                last_reviewed=today - timedelta(days=30 * reviewed_months_ago),
                review_months=12,
            )
            entry.full_clean()
            entry.stamp(manager)
            entry.save()
        entries[title] = entry
    won = _bid("Young carers service", "youngcarers", manager, entries)
    _bid("Domestic abuse community support service", "dv", manager, entries)
    if won is not None and not won.outcome:
        for question in won.questions.all():
            question.status = QuestionStatus.FINAL
            question.save(update_fields=["status"])
        if won.status == "writing":
            workspace.submit(won, manager, "BwD-2026-0147", when=timezone.now() - timedelta(days=60))
        scores: dict[int, tuple[Decimal | None, Decimal | None, str]] = {
            q.pk: (Decimal(4), Decimal(5), "Clear and well evidenced.") for q in won.questions.all()
        }
        workspace.record_outcome(
            won,
            manager,
            outcome=Outcome.WON,
            outcome_on=today - timedelta(days=20),
            scores=scores,
            feedback="The strongest bid on partnership and local reach.",
            lessons_learned="Start the case studies early; the schools' letters of support scored well.",
        )
        first = won.questions.order_by("order", "pk").first()
        if first is not None:
            library.save_to_library(first, manager, tags="young carers, assessment")


def _bid(title: str, key: str, manager: User, entries: dict[str, LibraryEntry]) -> Bid | None:
    opportunity = Opportunity.objects.filter(title=title).select_related("bid_decision").first()
    if opportunity is None or not hasattr(opportunity, "bid_decision"):
        return None
    existing = Bid.objects.filter(opportunity=opportunity).first()
    if existing is not None:
        return existing
    bid = Bid(
        opportunity=opportunity,
        manager=manager,
        top_slice=Decimal("7.5"),
        notes="Started from the bid/no-bid decision.",
    )
    bid.full_clean()
    bid.stamp(manager)
    bid.save()
    bid.team.add(_user("bids"))
    interests = list(opportunity.interests.filter(status=InterestStatus.PARTNER).select_related("organisation"))
    partners = [interest for interest in interests if is_eligible(interest.organisation)]
    for index, interest in enumerate(partners):
        share = Decimal(100) / len(partners)
        partner = BidPartner(
            bid=bid,
            organisation=interest.organisation,
            role=PartnerRole.LEAD if index == 0 else PartnerRole.PARTNER,
            delivery_share=share.quantize(Decimal("0.01")),
            delivery_cost=(opportunity.value or Decimal(100000)) * Decimal("0.9") / len(partners),
        )
        partner.delivery_cost = workspace.pennies(partner.delivery_cost)
        partner.full_clean()
        partner.stamp(manager)
        partner.save()
    parsed = [
        ParsedQuestion(row, number, section, text, "words", limit, Decimal(weight))
        for row, (number, section, text, limit, weight) in enumerate(QUESTIONS[key], start=2)
    ]
    import_questions(bid, parsed, manager)
    first_partner = bid.partners.order_by("pk").first()
    deadline = opportunity.submission_deadline.date() if opportunity.submission_deadline else timezone.localdate()
    for question in bid.questions.order_by("order"):
        question.owner = _user("bids")
        question.due_on = deadline - timedelta(days=10)
        if "safeguarding" in question.text and first_partner is not None:
            question.assigned_partner = first_partner
        question.answer = f"Draft: {question.text}"
        question.status = QuestionStatus.DRAFTING
        question.stamp(manager)
        question.save()
        if "partners" in question.text:
            library.use_entry(entries["Partnership governance"], question, manager)
    for name, days in (("First drafts to the hub", 14), ("Review panel", 7), ("Sign-off by the chair", 2)):
        Milestone.objects.create(
            bid=bid, name=name, due_on=deadline - timedelta(days=days), owner=manager, created_by=manager
        )
    Clarification.objects.create(
        bid=bid,
        reference="CQ1",
        question="Will TUPE apply to the current provider's staff?",
        asked_on=deadline - timedelta(days=20),
        answer="No: this is a new service.",
        answered_on=deadline - timedelta(days=16),
        created_by=manager,
    )
    workspace.pull_in_evidence(bid, manager)
    return bid
