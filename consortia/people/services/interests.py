"""Declared interests, and the conflicts they raise in the hub's decisions.

A person with a current interest in an organisation that stands to gain from a decision is
conflicted: their say in it (a bid/no-bid score, say) is left out and the record says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Q
from django.utils import timezone

from consortia.people.models import DeclaredInterest


def current(on: date | None = None) -> Q:
    """Interests in force on a day: declared by then and not yet ended."""
    day = on or timezone.localdate()
    return Q(declared_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


def conflicts(
    person_ids: Iterable[int], organisation_ids: Iterable[int], on: date | None = None
) -> dict[int, list[DeclaredInterest]]:
    """{person id: their current interests in any of the organisations}, in one query."""
    people = list(person_ids)
    organisations = list(organisation_ids)
    found: dict[int, list[DeclaredInterest]] = defaultdict(list)
    if not people or not organisations:
        return {}
    rows = (
        DeclaredInterest.objects.filter(current(on), person_id__in=people, organisation_id__in=organisations)
        .select_related("organisation")
        .order_by("person_id", "organisation__name")
    )
    for interest in rows:
        found[interest.person_id].append(interest)
    return dict(found)


def describe(interests: Iterable[DeclaredInterest]) -> str:
    """ "Trustee, director or committee member of Bay Advice" and so on, joined for a sentence."""
    return "; ".join(f"{interest.get_nature_display().lower()} of {interest.organisation}" for interest in interests)
