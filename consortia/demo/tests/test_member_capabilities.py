"""The demo's members and capabilities: what `member_capabilities.load` makes, and that running it again
changes nothing."""

from __future__ import annotations

import pytest

from consortia.demo import member_capabilities
from consortia.demo.services import load_demo
from consortia.directory.models import Organisation
from consortia.members.choices import MembershipStatus, Tier
from consortia.members.models import Capability, CaseStudy, DevelopmentAction, Membership, QualityMark
from consortia.members.services.capabilities import coverage, search
from consortia.members.tables.capabilities import expiry_flag
from consortia.users.models import User

pytestmark = pytest.mark.django_db

MODELS = (Membership, DevelopmentAction, Capability, QualityMark, CaseStudy)


def snapshot() -> dict[str, tuple[int, int]]:
    return {model.__name__: (model.objects.count(), model.history.count()) for model in MODELS}  # type: ignore[attr-defined]


def test_demo_members_and_capabilities() -> None:
    load_demo(with_hub=False)
    member_capabilities.load()
    first = snapshot()
    member_capabilities.load()
    assert snapshot() == first

    members = Organisation.objects.filter(roles__code="member").distinct()
    assert Membership.objects.count() == members.count() >= 30
    statuses = set(Membership.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in MembershipStatus} - {MembershipStatus.APPLICANT}
    assert set(Membership.objects.values_list("tier", flat=True)) == {t.value for t in Tier}
    assert Membership.objects.get(status=MembershipStatus.LEFT).left_on is not None
    assert Membership.objects.filter(fee_paid=False).exists()
    assert Membership.objects.filter(fee_paid=True).exists()
    actions = DevelopmentAction.objects.filter(membership__tier=Tier.ASSOCIATE)
    assert actions.filter(done_on__isnull=False).exists()
    assert any(a.done_on is None and a.due_on < a.created.date() for a in actions)
    for membership in Membership.objects.all():
        assert 1 <= membership.organisation.capabilities.count() <= 4
    flags = {expiry_flag(mark.expires_on) for mark in QualityMark.objects.all()}
    assert {"Expired", "Expires within 60 days", ""} <= flags
    assert CaseStudy.objects.count() >= 3

    manager = User.objects.filter(is_active=True, organisation__isnull=True, is_superuser=False).first() or User(
        is_superuser=True, is_active=True
    )
    if not manager.pk:
        pytest.skip("no hub user")
    grid = coverage(manager)
    assert grid.columns
    assert grid.gaps > 0
    assert any(count for _, counts in grid.rows for count in counts)
    food = Capability.objects.filter(category__code="food-poverty").first()
    assert food is not None
    assert search(manager, food.category, include_other_tiers=True)
