"""The demo's commissioner relationships: an engagement plan for each demo commissioner, placed
across the stakeholder map, and a year of interactions of every kind with their follow-ups
(some done, some still to do, some overdue), so the map and the last-contact dates mean
something.

Made only where missing (a commissioner's current plan; its interactions, if it has none):
running it again changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from consortia.demo import data
from consortia.demo.errors import DemoDataError
from consortia.demo.personas import DEMO_DOMAIN
from consortia.directory.models import Contact, Organisation
from consortia.relationships.choices import Health, InteractionKind
from consortia.relationships.models import EngagementPlan, FollowUp, Interaction
from consortia.relationships.services.radar import build_radar
from consortia.users.models import User

# Per commissioner, in the order of data.COMMISSIONERS: influence, interest, health, why, and
# how many days ago the last contact was (so "days since last contact" varies).
PLANS: tuple[tuple[int, int, str, str, int], ...] = (
    (5, 5, Health.GREEN, "", 6),
    (4, 2, Health.AMBER, "A new commissioning lead since the spring; we have not met them yet.", 75),
    (5, 4, Health.GREEN, "", 12),
    (3, 4, Health.GREEN, "", 20),
    (5, 3, Health.AMBER, "Frustrated by late monitoring data from the social prescribing contract.", 33),
    (2, 4, Health.GREEN, "", 45),
    (2, 2, Health.RED, "They went to a national provider last time without speaking to the sector.", 150),
    (1, 3, Health.AMBER, "Little contact since the probation reforms; need a way in.", 210),
)
OBJECTIVES = (
    "Be the first call when {name} designs community services; co-produce the next strategy with them.",
    "Agree how the consortium can help {name} meet its duties, and show our reach in its area.",
)
# A year of contact: (days ago, kind, title); every kind appears for every commissioner.
PATTERN: tuple[tuple[int, str, str], ...] = (
    (350, InteractionKind.EVENT, "Provider market event"),
    (300, InteractionKind.CONSULTATION, "Response to the consultation on the commissioning strategy"),
    (240, InteractionKind.MEETING, "Introductory meeting with the commissioning team"),
    (180, InteractionKind.MARKET, "Market engagement session ahead of re-procurement"),
    (120, InteractionKind.CALL, "Call about the needs assessment"),
    (60, InteractionKind.EMAIL, "Sent the consortium's annual impact summary"),
    (0, InteractionKind.MEETING, "Quarterly relationship meeting"),
)


def _user(name: str) -> User:
    user = User.objects.filter(email=f"{name}@{DEMO_DOMAIN}").first()
    if user is None:
        raise DemoDataError(f"The demo login {name}@{DEMO_DOMAIN} is missing; load the personas first.")
    return user


def _save(record: EngagementPlan | Interaction | FollowUp, user: User) -> None:
    record.full_clean()
    record.stamp(user)
    record.save()


@transaction.atomic
def load() -> int:
    """The demo's plans and interactions, made where missing; returns how many interactions were made."""
    manager, bids = _user("manager"), _user("bids")
    today = timezone.localdate()
    names = [spec.name for spec in data.COMMISSIONERS]
    commissioners = {org.name: org for org in Organisation.objects.filter(name__in=names)}
    made = 0
    for index, name in enumerate(names):
        organisation = commissioners.get(name)
        if organisation is None:
            raise DemoDataError(f"The demo commissioner {name} is missing; load the directory first.")
        influence, interest, health, note, last_days = PLANS[index % len(PLANS)]
        owner = manager if index % 2 == 0 else bids
        if not EngagementPlan.objects.filter(commissioner=organisation, is_current=True).exists():
            _save(
                EngagementPlan(
                    commissioner=organisation,
                    influence=influence,
                    interest=interest,
                    objectives=OBJECTIVES[index % 2].format(name=name),
                    owner=owner,
                    health=health,
                    health_note=note,
                    review_on=today + timedelta(days=30 + 20 * index),
                ),
                manager,
            )
        if not Interaction.objects.filter(commissioner=organisation).exists():
            made += _interactions(organisation, owner, manager, today, last_days, index)
    # The contract-expiry radar from the notices the demo imported (rebuilt whole: the same rows).
    build_radar()
    return made


def _interactions(
    organisation: Organisation, owner: User, manager: User, today: date, last_days: int, index: int
) -> int:
    people = list(Contact.objects.filter(organisation=organisation).order_by("pk"))
    made = 0
    for number, (days_ago, kind, title) in enumerate(PATTERN):
        on = today - timedelta(days=max(days_ago, last_days) + index)
        if days_ago < last_days and number < len(PATTERN) - 1:
            continue  # the quieter relationships have fewer recent contacts
        interaction = Interaction(commissioner=organisation, kind=kind, date=on, title=title)
        interaction.notes = f"{title} with {organisation.name}: notes kept by {owner.full_name}."
        _save(interaction, manager)
        interaction.hub_attendees.set([owner] if kind == InteractionKind.EMAIL else [owner, manager])
        if kind != InteractionKind.CONSULTATION and people:
            interaction.contacts.set(people[: 1 + number % 2])
        made += 1
        # Each contact leaves a promise behind: the old ones kept, the recent ones still open
        # (some already overdue, some due in the coming days).
        due = on + timedelta(days=14)
        follow_up = FollowUp(
            interaction=interaction,
            description=f"Send {organisation.name} what we promised after: {title.lower()}",
            owner=owner,
            due_on=due,
            done_on=due - timedelta(days=2) if due < today - timedelta(days=30) else None,
        )
        _save(follow_up, manager)
    return made


def summary() -> str:
    """The demo's relationships, for `load_demo`'s summary."""
    return (
        f"Relationships: {EngagementPlan.objects.filter(is_current=True).count()} engagement plans, "
        f"{Interaction.objects.count()} interactions, {FollowUp.objects.count()} follow-ups."
    )
