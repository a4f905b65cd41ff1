"""Matching notices to the members who could deliver them, from what members say they deliver.

Each active member's capabilities (service categories mapped to CPV codes, the local authority
areas they serve, the client groups they work with, their size) are read once; each notice is
scored 0–100 against each member:

- **service** (up to 45): the notice's CPV codes against the member's categories' codes. Codes
  form a hierarchy (85000000 health and social work ⊃ 853… social work ⊃ 85312… social work
  without accommodation): the more specific the shared code, the higher the score;
- **area** (up to 25): when the notice names local authorities or counties (in its buyer, title
  or description), the member must work in one of them (25); otherwise its delivery region is
  one the member works in (12), or it names no particular place or a national one (10);
- **client groups** (up to 15): the notice mentions a client group the member works with;
- **size** (up to 15): the contract's yearly value is within what the member could take on,
  reckoned at £35,000 a year per paid member of staff (a notice without a value scores 8).

A member is matched when the service fits, the place is one it works in (or the notice names
no particular place), and the score is at least 40. The notice keeps its
best score as its fit (`member_fit`), so the hub can sort notices by how well the consortium fits them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from consortia.directory.choices import AreaKind
from consortia.directory.models import Area
from consortia.members.choices import MembershipStatus
from consortia.members.models import Capability, Membership
from consortia.opportunities.models import Notice, NoticeMatch

THRESHOLD = 40
VALUE_PER_STAFF_A_YEAR = Decimal(35_000)
ASSUMED_YEARS = 3  # a notice's value is usually for the whole term; most run about three years
NATIONAL = {"", "uk", "united kingdom", "gb", "great britain", "england", "any region", "national"}
BATCH = 500
LOCAL_KINDS = {
    AreaKind.COUNTY,
    AreaKind.UNITARY,
    AreaKind.DISTRICT,
    AreaKind.METROPOLITAN,
    AreaKind.LONDON_BOROUGH,
}
LONGEST_PLACE_NAME = 5  # words ("Kingston upon Hull, City of" is the longest after punctuation goes)


def place(name: str) -> str:
    """A place name as text is searched for it: lower case, words only ("Bristol, City of" → "bristol city of")."""
    return " ".join(re.findall(r"[a-z0-9']+", name.lower()))


def place_names() -> set[str]:
    """Every local authority's and county's name, as `place` writes it (one query)."""
    return {place(name) for name in Area.objects.filter(kind__in=LOCAL_KINDS).values_list("name", flat=True)}


def places_named(text: str, names: set[str]) -> set[str]:
    """The places in `names` that `text` mentions, found by looking up its runs of words."""
    words = re.findall(r"[a-z0-9']+", text)
    found = set()
    for size in range(1, LONGEST_PLACE_NAME + 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if phrase in names:
                found.add(phrase)
    return found


def trimmed(code: str) -> str:
    """A CPV code without its check digit and trailing zeros: 85312300-2 → 853123 (at least 2 digits)."""
    digits = re.sub(r"\D", "", code.split("-")[0])[:8]
    stripped = digits.rstrip("0")
    return stripped if len(stripped) >= 2 else digits[:2]


def service_score(notice_codes: Iterable[str], member_codes: Iterable[str]) -> int:
    """How closely the codes fit: a shared or enclosing code, the more specific the better."""
    best = 0
    members = list(member_codes)
    for notice_code in notice_codes:
        for member_code in members:
            if notice_code.startswith(member_code) or member_code.startswith(notice_code):
                depth = min(len(notice_code), len(member_code))
                score = 45 if depth >= 5 else 40 if depth == 4 else 30 if depth == 3 else 20
            else:
                common = len(_common_prefix(notice_code, member_code))
                score = 20 if common >= 3 else 10 if common == 2 else 0
            best = max(best, score)
    return best


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


@dataclass
class Profile:
    """What one member delivers, gathered from its capabilities and membership."""

    organisation_id: int
    name: str
    codes: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)  # area names with their county, region, country
    local_names: set[str] = field(default_factory=set)  # its local authorities and their counties
    authorities: set[str] = field(default_factory=set)  # its local authorities alone
    client_groups: set[str] = field(default_factory=set)
    staff: int | None = None

    def score(self, notice: Notice, codes: list[str], text: str, named_places: set[str]) -> tuple[int, list[str]]:
        reasons = []
        service = service_score(codes, self.codes)
        if service == 0:
            return 0, []
        reasons.append("delivers this service" if service >= 40 else "delivers related services")
        region = notice.region.strip().lower()
        if named_places:
            # The notice names its places: the member must work in one of them.
            here = named_places & self.local_names
            if not here:
                return 0, []
            area = 25
            # Name the most local place: the member's own authority before the county around it.
            place_named = sorted(here & self.authorities) or sorted(here)
            reasons.append(f"works in {place_named[0].title()}")
        elif region and region in self.places:
            area = 12
            reasons.append(f"works in {notice.region}")
        elif region in NATIONAL:
            area = 10
        else:
            return 0, []  # somewhere the member does not work
        groups = sorted(group for group in self.client_groups if _mentions(text, group))
        clients = 15 if groups else 0
        if groups:
            reasons.append(f"works with {groups[0]}")
        size = self.size_score(notice.value_amount)
        if size == 15:
            reasons.append("the right size")
        return service + area + clients + size, reasons

    def size_score(self, value: Decimal | None) -> int:
        if not value:
            return 8
        if not self.staff:
            return 5
        yearly = value / ASSUMED_YEARS
        capacity = VALUE_PER_STAFF_A_YEAR * self.staff
        return 15 if yearly <= capacity else 5 if yearly <= 2 * capacity else 0


def _sentence(reasons: list[str]) -> str:
    text = "; ".join(reasons)
    return (text[:1].upper() + text[1:])[:500]


def _mentions(text: str, phrase: str) -> bool:
    return bool(phrase) and re.search(rf"\b{re.escape(phrase)}\b", text) is not None


def profiles() -> list[Profile]:
    """Every active member's profile (five queries, whatever the number of members)."""
    members = dict(
        Membership.objects.filter(status=MembershipStatus.ACTIVE).values_list("organisation_id", "staff_count")
    )
    found: dict[int, Profile] = {}
    capabilities = Capability.objects.filter(organisation_id__in=list(members)).select_related(
        "organisation", "category"
    )
    by_capability: dict[int, Profile] = {}
    for capability in capabilities:
        profile = found.get(capability.organisation_id)
        if profile is None:
            profile = found[capability.organisation_id] = Profile(
                capability.organisation_id, capability.organisation.name, staff=members.get(capability.organisation_id)
            )
        profile.codes.update(trimmed(code) for code in capability.category.cpv_codes.split(",") if code.strip())
        by_capability[capability.pk] = profile
    through_areas = Capability.areas.through.objects.filter(capability_id__in=list(by_capability)).select_related(
        "area__parent__parent__parent"
    )
    for row in through_areas:
        profile = by_capability[row.capability_id]
        area: Any = row.area
        profile.authorities.add(place(area.name))
        while area is not None:
            profile.places.add(area.name.lower())
            if area.kind in LOCAL_KINDS:
                profile.local_names.add(place(area.name))
            area = area.parent
    through_groups = Capability.client_groups.through.objects.filter(
        capability_id__in=list(by_capability)
    ).select_related("clientgroup")
    for group_row in through_groups:
        by_capability[group_row.capability_id].client_groups.add(group_row.clientgroup.name.lower())
    return list(found.values())


@dataclass
class Matcher:
    """The active members' profiles and the place names, read once, to match many notices.

    An import reads them once for the whole run (members do not change their capabilities
    mid-import), rather than for every batch of notices.
    """

    members: list[Profile]
    names: set[str]
    index: dict[str, list[Profile]] = field(default_factory=dict)  # a CPV division -> its members

    @classmethod
    def load(cls, members: list[Profile] | None = None) -> Matcher:
        members = profiles() if members is None else members
        index: dict[str, list[Profile]] = defaultdict(list)
        for profile in members:
            for division in {code[:2] for code in profile.codes}:
                index[division].append(profile)
        return cls(members, place_names() if members else set(), dict(index))

    def rows(self, notice: Notice) -> list[NoticeMatch]:
        """The notice's matches, each with the notice's id (None for a notice not yet written)."""
        if not self.index:
            return []
        codes = [trimmed(code) for code in notice.cpv_codes.split()]
        if not codes:
            return []
        candidates = {id(p): p for code in codes for p in self.index.get(code[:2], [])}
        if not candidates:
            return []
        text = f"{notice.title} {notice.buyer_name} {notice.description}".lower()
        named = places_named(text, self.names)
        rows = []
        for profile in candidates.values():
            score, reasons = profile.score(notice, codes, text, named)
            if score >= THRESHOLD:
                rows.append(
                    NoticeMatch(
                        notice_id=notice.pk,
                        organisation_id=profile.organisation_id,
                        score=min(score, 100),
                        reasons=_sentence(reasons),
                    )
                )
        return rows


def fit_of(rows: list[NoticeMatch]) -> tuple[int, int]:
    """A notice's fit (its best score) and how many members could deliver it, from its matches."""
    return max((row.score for row in rows), default=0), len(rows)


@transaction.atomic
def match_notices(notice_ids: Iterable[int], members: list[Profile] | None = None) -> int:
    """Score the notices against every active member, replacing their matches; returns matches made."""
    matcher = Matcher.load(members)
    ids = list(notice_ids)
    made = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        notices = Notice.objects.filter(pk__in=batch).only(
            "pk", "title", "description", "buyer_name", "region", "value_amount", "cpv_codes", "member_fit",
            "matched_members",
        )  # fmt: skip
        rows = []
        changed = []
        for notice in notices:
            found = matcher.rows(notice)
            rows.extend(found)
            fit, matched = fit_of(found)
            if (notice.member_fit, notice.matched_members) != (fit, matched):
                notice.member_fit, notice.matched_members = fit, matched
                changed.append(notice)
        NoticeMatch.objects.filter(notice_id__in=batch).delete()
        NoticeMatch.objects.bulk_create(rows, batch_size=1000)
        made += len(rows)
        Notice.objects.bulk_update(changed, ["member_fit", "matched_members"], batch_size=1000)
    return made
