"""Factories for relationships: commissioners with plans, interactions, follow-ups, radar rows."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from consortia.contracts.tests.factories import commissioner
from consortia.core.dates import add_months
from consortia.directory.models import Contact, Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.opportunities.models import Notice
from consortia.opportunities.tests.factories import NoticeFactory
from consortia.relationships.choices import EndBasis, Health, InteractionKind
from consortia.relationships.models import EngagementPlan, ExpiringContract, FollowUp, Interaction
from consortia.users.models import User

_numbers = itertools.count(1)


def council(name: str | None = None) -> Organisation:
    """A new organisation with the commissioner role."""
    return commissioner(OrganisationFactory(name=name or f"Council {next(_numbers)}", roles=[]))


def plan(owner: User, of: Organisation | None = None, **fields: Any) -> EngagementPlan:
    fields.setdefault("influence", 4)
    fields.setdefault("interest", 4)
    fields.setdefault("objectives", "Be the council's first call for community services.")
    fields.setdefault("health", Health.GREEN)
    fields.setdefault("review_on", timezone.localdate() + timedelta(days=90))
    return EngagementPlan.objects.create(commissioner=of or council(), owner=owner, **fields)


def interaction(of: Organisation, on: date | None = None, **fields: Any) -> Interaction:
    fields.setdefault("kind", InteractionKind.MEETING)
    fields.setdefault("title", f"Meeting {next(_numbers)} with {of.name}")
    return Interaction.objects.create(commissioner=of, date=on or timezone.localdate(), **fields)


def follow_up(on: Interaction, owner: User, due_on: date, **fields: Any) -> FollowUp:
    fields.setdefault("description", f"Send the note of meeting {next(_numbers)}")
    return FollowUp.objects.create(interaction=on, owner=owner, due_on=due_on, **fields)


def contact(of: Organisation, first_name: str = "Pat", last_name: str = "Lee") -> Contact:
    return Contact.objects.create(organisation=of, first_name=first_name, last_name=last_name)


def expiring(title: str | None = None, months: int = 12, matched: int = 1, **fields: Any) -> ExpiringContract:
    """A radar row ending `months` from today, from a notice `matched` members could deliver."""
    number = next(_numbers)
    notice: Notice = NoticeFactory(title=title or f"Contract {number}", matched_members=matched)
    fields.setdefault("key", "award:1")
    fields.setdefault("basis", EndBasis.AWARD)
    fields.setdefault("buyer_name", "Somewhere Council")
    fields.setdefault("value", Decimal("120000.00"))
    return ExpiringContract.objects.create(
        notice=notice, title=notice.title, end_date=add_months(timezone.localdate(), months), **fields
    )
