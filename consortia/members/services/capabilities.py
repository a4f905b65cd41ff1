"""Who can deliver what, for whom and where: the capability search and the coverage grid."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, prefetch_related_objects

from consortia.directory.choices import AreaKind
from consortia.directory.models import Area
from consortia.documents.builders import Built, ExcelWorkbook
from consortia.members.choices import MembershipStatus, Tier
from consortia.members.models import Capability, Membership, QualityMark, ServiceCategory
from consortia.members.tables.capabilities import expiry_flag

# The kinds of area that are counties (they hold districts) and local authorities (grid columns).
COUNTY_KINDS = (AreaKind.COUNTY,)
LOCAL_KINDS = (AreaKind.UNITARY, AreaKind.DISTRICT, AreaKind.METROPOLITAN, AreaKind.LONDON_BOROUGH)


def active_members(user: Any, include_other_tiers: bool = False) -> QuerySet:
    """Ids of organisations with an active membership the user may see (full members only, or all tiers)."""
    memberships = Membership.objects.restrict(user, "view").filter(status=MembershipStatus.ACTIVE)
    if not include_other_tiers:
        memberships = memberships.filter(tier=Tier.FULL)
    return memberships.values("organisation_id")


@dataclass
class Match:
    organisation: Any
    membership: Any
    capabilities: list[Capability] = field(default_factory=list)
    quality_marks: list[tuple[QualityMark, str]] = field(default_factory=list)

    @property
    def capacity(self) -> int | None:
        known = [c.clients_per_year for c in self.capabilities if c.clients_per_year]
        return sum(known) if known else None


def matching_capabilities(
    user: Any,
    category: ServiceCategory | None,
    client_group_id: int | None = None,
    area: Area | None = None,
    include_other_tiers: bool = False,
) -> QuerySet:
    """The capabilities of active members that match, in the order the search shows them.

    An area matches capabilities that list it, any area within it (a county's districts), or the
    area it lies in (a member working across the county works in each district).
    """
    rows = Capability.objects.restrict(user, "view")
    if not user.has_perm("members.view_membership"):
        return rows.none()  # as `active_members`: only memberships the user may see count
    # The membership is joined (it is shown anyway) rather than looked up in a subquery: given
    # `organisation_id IN (…) AND id IN (…)`, SQLite probes the (organisation, category) index
    # for every pair of the two lists, seconds at 5,000 members.
    rows = rows.filter(organisation__membership__status=MembershipStatus.ACTIVE)
    if not include_other_tiers:
        rows = rows.filter(organisation__membership__tier=Tier.FULL)
    if category is not None:
        rows = rows.filter(category=category)
    if client_group_id:
        rows = rows.filter(
            pk__in=Capability.client_groups.through.objects.filter(clientgroup_id=client_group_id).values(
                "capability_id"
            )
        )
    if area is not None:
        places = Q(area_id=area.pk) | Q(area__parent_id=area.pk) | Q(area__parent__parent_id=area.pk)
        if area.parent_id:
            places |= Q(area_id=area.parent_id)
        rows = rows.filter(pk__in=Capability.areas.through.objects.filter(places).values("capability_id"))
    return rows.select_related("organisation__membership", "category").order_by(
        "organisation__name", "category__order", "category__name", "pk"
    )


def matches_for(user: Any, capabilities: Iterable[Capability]) -> list[Match]:
    """The capabilities grouped by organisation, with their client groups, areas and the
    organisations' quality marks (three queries, whatever the number of rows)."""
    rows = list(capabilities)
    prefetch_related_objects(rows, "client_groups", "areas")
    matches: dict[int, Match] = {}
    for capability in rows:
        organisation = capability.organisation
        match = matches.setdefault(organisation.pk, Match(organisation, organisation.membership))
        match.capabilities.append(capability)
    marks = QualityMark.objects.restrict(user, "view").filter(organisation_id__in=list(matches))
    for mark in marks:
        matches[mark.organisation_id].quality_marks.append((mark, expiry_flag(mark.expires_on)))
    return list(matches.values())


def search(
    user: Any,
    category: ServiceCategory | None,
    client_group_id: int | None = None,
    area: Area | None = None,
    include_other_tiers: bool = False,
) -> list[Match]:
    """Member organisations whose capabilities match, all of them; a fixed number of queries
    (four). The search page shows them a page at a time (`matching_capabilities`, `matches_for`)."""
    return matches_for(user, matching_capabilities(user, category, client_group_id, area, include_other_tiers))


@dataclass
class Coverage:
    categories: list[ServiceCategory]
    # (group heading, [areas]) in column order
    groups: list[tuple[str, list[Area]]]
    # category id -> [count per column]
    rows: list[tuple[ServiceCategory, list[int]]]
    gaps: int

    @property
    def columns(self) -> list[Area]:
        return [area for _, areas in self.groups for area in areas]


def coverage(user: Any, county: Area | None = None) -> Coverage:
    """Service categories × local authority areas, each cell the number of active members there.

    A capability that lists a county counts in each of its districts. Columns are the areas any
    active member covers, grouped by county (unitary authorities together), or a chosen county's
    districts. A fixed number of queries (four, five with a county).
    """
    capabilities = Capability.objects.restrict(user, "view").filter(
        organisation_id__in=active_members(user, include_other_tiers=True)
    )
    links = list(
        Capability.areas.through.objects.filter(capability__in=capabilities).values_list(
            "capability__category_id", "capability__organisation_id", "area_id", "area__kind"
        )
    )
    counties = {area_id for _, _, area_id, kind in links if kind in COUNTY_KINDS}
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in Area.objects.filter(parent_id__in=counties, kind__in=LOCAL_KINDS).values_list(
        "pk", "parent_id"
    ):
        children[parent_id].append(pk)
    members: dict[tuple[int, int], set[int]] = defaultdict(set)
    for category_id, organisation_id, area_id, kind in links:
        for place in children[area_id] if kind in COUNTY_KINDS else [area_id]:
            members[(category_id, place)].add(organisation_id)
    if county is not None:
        areas = list(Area.objects.filter(parent=county, kind__in=LOCAL_KINDS).order_by("name"))
        groups = [(county.name, areas)] if areas else []
    else:
        covered = {place for _, place in members}
        areas = list(
            Area.objects.filter(pk__in=covered, kind__in=LOCAL_KINDS).select_related("parent").order_by("name")
        )
        grouped: dict[str, list[Area]] = defaultdict(list)
        for area in areas:
            heading = area.parent.name if area.parent and area.parent.kind in COUNTY_KINDS else "Unitary authorities"
            grouped[heading].append(area)
        groups = sorted(grouped.items(), key=lambda item: (item[0] == "Unitary authorities", item[0]))
    categories = list(ServiceCategory.objects.restrict(user, "view"))
    columns = [area for _, group in groups for area in group]
    rows = [(category, [len(members[(category.pk, area.pk)]) for area in columns]) for category in categories]
    gaps = sum(1 for _, counts in rows for count in counts if count == 0)
    return Coverage(categories, groups, rows, gaps)


def coverage_workbook(grid: Coverage, county: Area | None = None) -> Built:
    """The coverage grid as Excel: a row per service, a column per area, 0 where no member is."""
    where = f"{county.name}'s districts" if county is not None else "areas where active members work"
    workbook = ExcelWorkbook(f"Coverage of services: {where}")
    headers = ["Service", "CPV codes", *(area.name for area in grid.columns), "Areas with no member"]
    rows = [
        [category.name, category.cpv_codes, *counts, sum(1 for count in counts if count == 0)]
        for category, counts in grid.rows
    ]
    workbook.sheet(
        "Coverage",
        headers,
        rows,
        notes=[
            f"Active members (any tier) delivering each service, by local authority: {where}.",
            "0 means the consortium has no member delivering that service there.",
        ],
    )
    return workbook.build(f"coverage-{county.name if county is not None else 'all-areas'}")
