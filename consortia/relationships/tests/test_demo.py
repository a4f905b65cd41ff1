"""The demo's relationships: a plan for every demo commissioner and a year of contact; loaded once."""

from __future__ import annotations

from django.utils import timezone

from consortia.demo import data
from consortia.demo import relationships as demo
from consortia.demo.services import load_demo
from consortia.relationships.choices import InteractionKind
from consortia.relationships.models import EngagementPlan, FollowUp, Interaction
from consortia.relationships.services.engagement import stakeholder_map


def test_demo_relationships_are_made_once(db: None) -> None:
    load_demo(with_hub=False)  # the directory and the logins
    made = demo.load()
    today = timezone.localdate()
    assert made == Interaction.objects.count() > 0
    assert EngagementPlan.objects.filter(is_current=True).count() == len(data.COMMISSIONERS)
    assert set(Interaction.objects.values_list("kind", flat=True)) == set(InteractionKind.values)
    assert Interaction.objects.filter(date__lt=today.replace(year=today.year - 1)).count() == 0
    assert FollowUp.objects.filter(done_on__isnull=True, due_on__lt=today).exists()  # some overdue
    assert FollowUp.objects.filter(done_on__isnull=False).exists()
    assert FollowUp.objects.filter(done_on__isnull=True, due_on__gte=today).exists()
    grid = stakeholder_map(EngagementPlan.objects.all())
    assert all(grid.by_quadrant.values()), "every quadrant has someone in it"
    days = [plan.days_since_contact for quadrant in grid.by_quadrant.values() for plan in quadrant]
    assert len(set(days)) == len(data.COMMISSIONERS), "each commissioner last heard from on a different day"
    assert max(days) > 90
    counts = (EngagementPlan.objects.count(), Interaction.objects.count(), FollowUp.objects.count())
    assert demo.load() == 0
    assert (EngagementPlan.objects.count(), Interaction.objects.count(), FollowUp.objects.count()) == counts
