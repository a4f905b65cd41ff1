"""No member organisation's user reads another organisation's rows, or the hub's own, anywhere.

Organisation A gets a row of every record type an organisation can own; the walker (walker.py)
then requests every route of the site, the API's included, as organisation B's member user and
looks in every answer (pages, CSV, Excel, Word, PDF, JSON) for the markers written into every
row that is not B's. The same walk as A's own user must find A's markers, or the markers prove
nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from tests.security.walker import World, build_world, is_hubs_own, scoped_models, walk

# The walk as A's user must find markers of A's rows of at least this many record types (it
# found 0 when the markers were not rendered anywhere; see the printed summary for today's count).
MIN_RECORD_TYPES_SEEN_BY_A = 25


@pytest.fixture(scope="module")
def built(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """The rows built once for the module; rolled back at its end (each test runs in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(built: World, db: None) -> World:
    return built


def test_every_record_type_has_rows_to_walk(world: World) -> None:
    """A record type the walker has no row of would be walked for nothing: fail instead."""
    assert world.no_maker == [], "record types whose tests have no make(personas, organisation, index)"
    assert world.failed == {}, "record types whose make() failed"
    missing_a = [m._meta.label for m in scoped_models() if not world.own_a.get(m)]
    assert missing_a == [], "record types scoped to an organisation with no row of organisation A"
    # The hub's own records (organisation_field None) belong to no organisation, so A has none
    # of them by design; they must still have rows, which no member's user may see.
    missing_hub = [m._meta.label for m in world.secret if is_hubs_own(m) and not m._base_manager.exists()]
    assert missing_hub == [], "hub record types with no row"


def test_member_of_another_organisation_sees_none_of_it(world: World) -> None:
    result = walk(world, world.personas.member_b)
    print("\n" + world.summary() + "\n" + result.summary("member of B"))
    assert result.server_errors == []
    assert [str(finding) for finding in result.findings] == []


def test_walker_finds_the_organisations_rows_as_its_own_member(world: World) -> None:
    # Only the record types a member may view: the walk as B has shown the rest refused.
    result = walk(world, world.personas.member_a, only_viewable=True)
    own = world.marker_rows(world.own_a)
    seen_types = {world.markers[n][0] for n in result.markers_seen & own}
    print("\n" + result.summary("member of A") + f"; A's rows of {len(seen_types)} record types seen")
    assert result.server_errors == []
    assert len(seen_types) >= MIN_RECORD_TYPES_SEEN_BY_A, sorted(seen_types)
