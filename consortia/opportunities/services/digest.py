"""The weekly digest: each member is e-mailed the open notices matched to it since its last digest.

Run by `manage.py send_opportunity_digests` (weekly, from cron). Idempotent: a member gets one
digest a week however often the command runs (`DigestSent`). The first time a notice reaches
members is recorded (`Circulation`), which the hub's service standard on circulating
opportunities is measured from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone

from consortia.directory.models import Organisation
from consortia.members.choices import MembershipStatus
from consortia.opportunities.filtersets.notices import open_condition
from consortia.opportunities.models import Circulation, DigestSent, Notice, NoticeMatch, SavedSearch
from consortia.users.models import User

DIGEST_LIMIT = 25  # notices in one e-mail; the rest are on the portal


def week_of(day: date) -> date:
    """The Monday of the week `day` falls in."""
    return day - timedelta(days=day.weekday())


@dataclass
class Entry:
    """One notice in a member's digest, and why it is there."""

    notice: Notice
    reasons: str
    organisation: Organisation


def _saved_search_entries(week: date, last: dict[int, datetime], now: datetime) -> dict[int, list[Entry]]:
    """New open notices found by members' own saved searches marked for the weekly e-mail."""
    from consortia.opportunities.filtersets.notices import NoticeFilterSet

    found: dict[int, list[Entry]] = defaultdict(list)
    searches = SavedSearch.objects.filter(
        in_digest=True, organisation__membership__status=MembershipStatus.ACTIVE
    ).select_related("organisation")
    for search in searches:
        since = _since(search.organisation_id, week, last)
        fresh = Notice.objects.filter(open_condition(now), created__gte=since).defer("compiled", "search_text")
        filterset = NoticeFilterSet(QueryDict(search.query), queryset=fresh)
        if not filterset.is_valid():
            continue
        for notice in filterset.qs[:DIGEST_LIMIT]:
            found[search.organisation_id].append(
                Entry(notice, f"Found by your saved search “{search.name}”", search.organisation)
            )
    return found


@dataclass
class DigestReport:
    week: date
    sent: list[str] = field(default_factory=list)  # organisations e-mailed
    already: int = 0  # organisations whose digest for the week had gone already
    no_users: int = 0  # members with new matches but nobody to e-mail
    notices_circulated: int = 0


def _since(organisation_id: int, week: date, last: dict[int, datetime]) -> datetime:
    start = timezone.make_aware(datetime.combine(week - timedelta(days=7), time.min))
    return max(last.get(organisation_id, start), start)


def send_digests(today: date | None = None) -> DigestReport:
    """Send this week's digests that have not gone yet."""
    now = timezone.now()
    today = today or timezone.localdate()
    week = week_of(today)
    report = DigestReport(week)
    done = set(DigestSent.objects.filter(week=week).values_list("organisation_id", flat=True))
    last = dict(
        DigestSent.objects.filter(week__lt=week)
        .order_by("organisation_id", "-sent")
        .values_list("organisation_id", "sent")
    )
    matches = (
        NoticeMatch.objects.filter(organisation__membership__status=MembershipStatus.ACTIVE)
        .filter(open_condition(now, path="notice__"))
        .select_related("notice", "organisation")
        .defer("notice__compiled", "notice__search_text")
        .order_by("organisation_id", F("notice__deadline").asc(nulls_last=True), "-score")
    )
    by_member: dict[int, list[Entry]] = defaultdict(list)
    for match in matches:
        if match.notice.created >= _since(match.organisation_id, week, last):
            by_member[match.organisation_id].append(Entry(match.notice, match.reasons, match.organisation))
    for organisation_id, entries in _saved_search_entries(week, last, now).items():
        seen = {entry.notice.pk for entry in by_member[organisation_id]}
        by_member[organisation_id].extend(entry for entry in entries if entry.notice.pk not in seen)
    users: dict[int, list[str]] = defaultdict(list)
    for organisation_id, email in User.objects.filter(organisation_id__in=list(by_member), is_active=True).values_list(
        "organisation_id", "email"
    ):
        users[organisation_id].append(email)
    report.already = len(done & set(by_member))
    circulated: dict[int, int] = defaultdict(int)
    with get_connection() as connection:
        for organisation_id, found in by_member.items():
            if organisation_id in done:
                continue
            recipients = users.get(organisation_id, [])
            if not recipients:
                report.no_users += 1
                continue
            organisation = found[0].organisation
            try:
                with transaction.atomic():
                    DigestSent.objects.create(
                        organisation_id=organisation_id, week=week, notices=len(found), recipients=len(recipients)
                    )
                    body = render_to_string(
                        "opportunities/email/digest.txt",
                        {
                            "organisation": organisation,
                            "matches": found[:DIGEST_LIMIT],
                            "more": max(0, len(found) - DIGEST_LIMIT),
                            "site_url": getattr(settings, "SITE_URL", "").rstrip("/"),
                            "consortium": settings.CONSORTIUM_NAME or "the consortium",
                        },
                    )
                    for email in recipients:  # one each: members' addresses are not shown to each other
                        EmailMessage(
                            f"New opportunities for {organisation.name}",
                            body,
                            to=[email],
                            connection=connection,
                        ).send()
            except IntegrityError:  # another run sent it a moment ago
                report.already += 1
                continue
            report.sent.append(organisation.name)
            for entry in found[:DIGEST_LIMIT]:
                circulated[entry.notice.pk] += 1
    for notice_id, members in circulated.items():
        _, created = Circulation.objects.get_or_create(
            notice_id=notice_id, defaults={"circulated": now, "how": "Weekly digest", "members": members}
        )
        report.notices_circulated += created
    return report


def record_shown_in_portal(notice_id: int, when: datetime, members: int) -> None:
    """A notice first shown to members in the portal (an opportunity from it shared with members)."""
    Circulation.objects.get_or_create(
        notice_id=notice_id, defaults={"circulated": when, "how": "Shown in the portal", "members": members}
    )
