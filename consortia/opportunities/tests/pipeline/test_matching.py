"""Matching notices to members, the weekly digest (once a week), and the circulation measure."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consortia.directory.models import Area, Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.hub import measures
from consortia.members.choices import MembershipStatus
from consortia.members.models import Capability, ClientGroup, ServiceCategory
from consortia.members.tests.membership.factories import MembershipFactory
from consortia.opportunities import search
from consortia.opportunities.ingest import Ingester
from consortia.opportunities.models import Circulation, DigestSent, Notice, NoticeMatch, SavedSearch
from consortia.opportunities.services import matching
from consortia.opportunities.services.digest import send_digests
from consortia.users.testing import Personas, make_user


def member(name: str, category: str, area: str, groups: tuple[str, ...] = (), staff: int = 10) -> Organisation:
    organisation = OrganisationFactory(name=name, roles=["member"])
    MembershipFactory(organisation=organisation, status=MembershipStatus.ACTIVE, staff_count=staff)
    capability = Capability.objects.create(
        organisation=organisation, category=ServiceCategory.objects.get(code=category)
    )
    capability.areas.set([Area.objects.get(name=area)])
    capability.client_groups.set(ClientGroup.objects.filter(name__in=groups))
    return organisation


def notice(ocid: str, cpv: str, region: str = "North West", value: int | None = 120_000, **extra: object) -> Notice:
    fields = {
        "ocid": ocid,
        "source": "cf",
        "title": "Advice for unpaid carers",
        "description": "Welfare benefits advice for carers across the county.",
        "buyer_name": "Lancashire County Council",
        "region": region,
        "value_amount": Decimal(value) if value else None,
        "cpv_codes": cpv,
        "deadline": timezone.now() + timedelta(days=20),
        "published": timezone.now() - timedelta(days=2),
    } | extra
    fields["search_text"] = f"{fields['title']} {fields['description']} {fields['buyer_name']}"
    return Notice.objects.create(**fields)


def test_scores_follow_service_place_people_and_size(personas: Personas) -> None:
    near = member("Preston Advice", "advice-advocacy", "Preston", ("Carers",))
    far = member("Cornwall Advice", "advice-advocacy", "Cornwall")
    other = member("Preston Jobs", "employability-skills", "Preston")
    member("Tiny Advice", "advice-advocacy", "Preston", staff=1)
    item = notice("ocds-1", "85312300")
    matching.match_notices([item.pk])
    scores = dict(NoticeMatch.objects.filter(notice=item).values_list("organisation__name", "score"))
    assert scores == {"Preston Advice": 100, "Tiny Advice": 75}  # 45 + 25 + 0 + 5: too small for £40,000 a year
    assert far.name not in scores
    assert other.name not in scores
    reasons = NoticeMatch.objects.get(organisation=near).reasons
    assert reasons == "Delivers this service; works in Lancashire; works with carers; the right size"
    item.refresh_from_db()
    assert (item.member_fit, item.matched_members) == (100, 2)


def test_the_cpv_hierarchy_counts(personas: Personas) -> None:
    assert matching.trimmed("85312300-2") == "853123"
    assert matching.trimmed("85000000") == "85"
    assert matching.service_score(["853123"], ["853123"]) == 45
    assert matching.service_score(["85"], ["853123"]) == 20  # a whole division: loosely
    assert matching.service_score(["8532"], ["853123"]) == 20  # siblings in the same group
    assert matching.service_score(["45"], ["853123"]) == 0


def test_places_are_found_by_whole_words(db: None) -> None:
    names = matching.place_names()
    assert matching.places_named("advice in preston and south ribble for wyreside", names) == {
        "preston",
        "south ribble",
    }
    assert matching.place("Bristol, City of") == "bristol city of"


def test_places_named_decide_and_regions_count_less(personas: Personas) -> None:
    member("Preston Advice", "advice-advocacy", "Preston")
    national = notice(
        "ocds-2", "85312300", region="UK", description="Advice services.", buyer_name="Department for Work and Pensions"
    )
    regional = notice("ocds-2b", "85312300", description="Advice services.", buyer_name="NHS England North West")
    elsewhere = notice(
        "ocds-2c", "85312300", description="Advice across Liverpool.", buyer_name="Liverpool City Council"
    )
    matching.match_notices([national.pk, regional.pk, elsewhere.pk])
    matching.match_notices([national.pk, regional.pk, elsewhere.pk])
    scores = dict(NoticeMatch.objects.values_list("notice__ocid", "score"))
    assert scores == {"ocds-2": 70, "ocds-2b": 72}  # 45 + 10 or 12 + 0 + 15; Liverpool is not theirs


def test_the_digest_goes_once_a_week_and_records_circulation(personas: Personas) -> None:
    advice = member("Preston Advice", "advice-advocacy", "Preston", ("Carers",))
    make_user("one@preston-advice.test", organisation=advice)
    make_user("two@preston-advice.test", organisation=advice)
    lapsed = member("Lapsed Advice", "advice-advocacy", "Preston")
    lapsed.membership.status = MembershipStatus.LAPSED
    lapsed.membership.save()
    make_user("x@lapsed.test", organisation=lapsed)
    item = notice("ocds-3", "85312300")
    closed = notice("ocds-4", "85312300", title="Closed already", deadline=timezone.now() - timedelta(days=1))
    matching.match_notices([item.pk, closed.pk])

    report = send_digests()
    assert report.sent == ["Preston Advice"]
    assert sorted(message.to[0] for message in mail.outbox) == ["one@preston-advice.test", "two@preston-advice.test"]
    body = mail.outbox[0].body
    assert "Advice for unpaid carers" in body
    assert "Closed already" not in body
    assert "Why: Delivers this service; works in Lancashire; works with carers; the right size" in body
    assert DigestSent.objects.get().notices == 1
    circulation = Circulation.objects.get()
    assert circulation.notice == item
    assert circulation.members == 1

    call_command("send_opportunity_digests", stdout=StringIO())
    assert len(mail.outbox) == 2  # nothing sent twice
    assert DigestSent.objects.count() == 1


def test_circulation_is_measured_in_working_days(personas: Personas) -> None:
    item = notice("ocds-5", "85312300", published=datetime(2026, 11, 20, 9, 0, tzinfo=UTC))  # a Friday
    Circulation.objects.create(notice=item, circulated=datetime(2026, 11, 24, 10, 0, tzinfo=UTC), how="Weekly digest")
    value = measures.compute("opportunities.circulation_days", date(2026, 11, 1), date(2026, 11, 30))
    assert value == Decimal("2.00")  # Monday and Tuesday


def test_members_saved_searches_feed_the_digest(personas: Personas, client_for: Callable[..., Client]) -> None:
    MembershipFactory(organisation=personas.org_a, status=MembershipStatus.ACTIVE)
    befriending = notice("ocds-6", "85312000", title="Befriending for older people", description="Befriending.")
    search.reindex([befriending.pk])
    client = client_for(personas.member_a)
    page = client.get(reverse("portal:notices"), {"q": "befriending"})
    assert "Befriending for older people" in page.content.decode()
    client.post(reverse("portal:notices"), {"name": "Befriending", "query": "q=befriending"})
    saved = SavedSearch.objects.get()
    assert (saved.organisation, saved.owner, saved.query) == (personas.org_a, personas.member_a, "q=befriending")
    # Another member can neither see nor delete it.
    other = client_for(personas.member_b)
    assert "Befriending</a>" not in other.get(reverse("portal:notices")).content.decode()
    assert other.post(reverse("portal:notices"), {"delete": saved.pk}).status_code == 404
    assert SavedSearch.objects.exists()

    report = send_digests()
    assert report.sent == [personas.org_a.name]
    assert "Found by your saved search “Befriending”" in mail.outbox[0].body
    assert mail.outbox[0].to == [personas.member_a.email]


def _package(release_id: str, date: str, cpv: str, title: str) -> bytes:
    release = {
        "ocid": "ocds-b5fd17-match-1",
        "id": release_id,
        "date": date,
        "tag": ["tender"],
        "buyer": {"name": "Lancashire County Council"},
        "tender": {
            "id": "tender-1",
            "title": title,
            "description": "Welfare benefits advice for carers in Preston.",
            "status": "active",
            "value": {"amount": 120000, "currency": "GBP"},
            "items": [{"id": "1", "classification": {"scheme": "CPV", "id": cpv}}],
        },
    }
    return json.dumps({"uri": "https://example.test/p", "releases": [release]}).encode()


def test_an_import_matches_as_it_writes_and_an_amendment_matches_again(personas: Personas) -> None:
    member("Preston Advice", "advice-advocacy", "Preston", ("Carers",))
    member("Cornwall Advice", "advice-advocacy", "Cornwall")
    ingester = Ingester("file")
    assert ingester.add_package_bytes(
        _package("r1", "2026-11-01T09:00:00Z", "85312300", "Advice for unpaid carers"), "p1"
    ).committed
    item = Notice.objects.get(ocid="ocds-b5fd17-match-1")
    assert item.cpv_codes == "85312300"

    def state() -> tuple[set[tuple[str, int, str]], tuple[int, int]]:
        item.refresh_from_db()
        rows = NoticeMatch.objects.filter(notice=item).values_list("organisation__name", "score", "reasons")
        return set(rows), (item.member_fit, item.matched_members)

    imported = state()
    assert {name for name, _score, _reasons in imported[0]} == {"Preston Advice"}
    assert imported[1] == (100, 1)
    matching.match_notices([item.pk])  # matching on its own gives what the import gave
    assert state() == imported
    assert list(search.search_notices(Notice.objects.all(), "unpaid carers")) == [item]

    # An amendment to another service: the match goes, the fit with it, and the index follows.
    assert ingester.add_package_bytes(
        _package("r2", "2026-11-08T09:00:00Z", "45000000", "Building works"), "p2"
    ).committed
    assert state() == (set(), (0, 0))
    assert list(search.search_notices(Notice.objects.all(), "unpaid")) == []
    assert list(search.search_notices(Notice.objects.all(), "building")) == [item]
    ingester.finish()
