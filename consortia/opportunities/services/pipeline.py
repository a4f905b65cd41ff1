"""The pipeline: opportunities from notices or by hand, their stages, and their deadlines as a calendar."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from consortia.directory.models import Organisation
from consortia.opportunities.choices import Decision, OpportunityKind, PipelineStage
from consortia.opportunities.models import CalendarFeed, Notice, Opportunity

# The stages an opportunity may move to from each stage. Closing stages are reachable from any
# open one (a bid can be withdrawn at any time); a closed opportunity can be reopened.
ORDER = [
    PipelineStage.IDENTIFIED,
    PipelineStage.QUALIFYING,
    PipelineStage.BID_NO_BID,
    PipelineStage.BIDDING,
    PipelineStage.SUBMITTED,
]


@transaction.atomic
def create_from_notice(notice: Notice, user: Any) -> tuple[Opportunity, bool]:
    """The opportunity following `notice`, made from it the first time (returns it, created)."""
    existing = Opportunity.objects.filter(notice=notice).order_by("pk").first()
    if existing is not None:
        return existing, False
    commissioner = None
    if notice.buyer_name:
        commissioner = Organisation.objects.filter(name__iexact=notice.buyer_name.strip()).order_by("pk").first()
    opportunity = Opportunity(
        title=(notice.title or notice.ocid)[:300],
        kind=OpportunityKind.CONTRACT,
        notice=notice,
        commissioner=commissioner,
        description=notice.description,
        value=notice.value_amount if notice.value_amount else None,
        submission_deadline=notice.deadline,
        source_url=notice.url,
        owner=user if getattr(user, "is_authenticated", False) else None,
        notes="" if commissioner or not notice.buyer_name else f"Buyer named in the notice: {notice.buyer_name}.",
    )
    # A notice's own dates can be out of order (an award before the deadline): keep what it says.
    opportunity.full_clean(exclude=["award_date", "start_date", "clarification_deadline"])
    opportunity.stamp(user)
    opportunity.save()
    return opportunity, True


def stage_blockers(opportunity: Opportunity, stage: str) -> list[str]:
    """Plain-English reasons the opportunity cannot move to `stage` now."""
    reasons = []
    decision = getattr(opportunity, "bid_decision", None)
    if stage in (PipelineStage.BIDDING, PipelineStage.SUBMITTED, PipelineStage.WON, PipelineStage.LOST):
        if decision is None:
            reasons.append("Record the bid/no-bid decision first.")
        elif decision.decision != Decision.BID:
            reasons.append("The bid/no-bid decision was not to bid.")
    if stage == PipelineStage.SUBMITTED and opportunity.stage not in (PipelineStage.BIDDING, PipelineStage.SUBMITTED):
        reasons.append("Only a bid being written can be submitted.")
    if stage in (PipelineStage.WON, PipelineStage.LOST) and opportunity.stage != PipelineStage.SUBMITTED:
        reasons.append("Only a submitted bid can be won or lost.")
    return reasons


@transaction.atomic
def move_to_stage(opportunity: Opportunity, stage: str, user: Any) -> Opportunity:
    """Move the opportunity to another stage, if the pipeline's rules allow it."""
    if stage not in PipelineStage.values:
        raise ValidationError({"stage": f"“{stage}” is not a stage of the pipeline."})
    reasons = stage_blockers(opportunity, stage)
    if reasons:
        raise ValidationError({"stage": reasons})
    opportunity.stage = stage
    opportunity.stamp(user)
    opportunity.save(update_fields=["stage", "updated", "updated_by"])
    return opportunity


@dataclass
class Column:
    stage: str
    label: str
    opportunities: list[Opportunity]

    @property
    def total_value(self) -> Any:
        return sum((o.value for o in self.opportunities if o.value is not None), start=0)


def board(opportunities: Iterable[Opportunity]) -> list[Column]:
    """The opportunities in one column per stage, in pipeline order (no queries of its own)."""
    columns = {stage.value: Column(stage.value, stage.label, []) for stage in PipelineStage}
    for opportunity in opportunities:
        columns[opportunity.stage].opportunities.append(opportunity)
    return list(columns.values())


# -- deadlines ------------------------------------------------------------------------------------

DEADLINES = [
    ("clarification_deadline", "Clarification questions due"),
    ("submission_deadline", "Submission deadline"),
    ("award_date", "Expected award"),
    ("start_date", "Contract start"),
]


@dataclass
class Deadline:
    opportunity: Opportunity
    kind: str
    label: str
    when: datetime | date

    @property
    def day(self) -> date:
        if isinstance(self.when, datetime):
            return timezone.localtime(self.when).date()
        return self.when

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime)


def deadlines(
    opportunities: Iterable[Opportunity], start: date | None = None, end: date | None = None
) -> list[Deadline]:
    """Every deadline of the opportunities, in date order, optionally between two days."""
    found = []
    for opportunity in opportunities:
        for field, label in DEADLINES:
            value = getattr(opportunity, field)
            if value is None:
                continue
            deadline = Deadline(opportunity, field, label, value)
            if (start and deadline.day < start) or (end and deadline.day > end):
                continue
            found.append(deadline)
    found.sort(key=lambda d: (d.day, d.has_time is False, d.when if d.has_time else time(), d.opportunity.pk))
    return found


def deadline_window(start: date, end: date) -> Q:
    """Opportunities with any deadline between two days (for the calendar's one query)."""
    first = timezone.make_aware(datetime.combine(start, time.min))
    last = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return (
        Q(clarification_deadline__gte=first, clarification_deadline__lt=last)
        | Q(submission_deadline__gte=first, submission_deadline__lt=last)
        | Q(award_date__range=(start, end))
        | Q(start_date__range=(start, end))
    )


def calendar_feed_for(user: Any) -> CalendarFeed:
    """The user's private calendar address, made the first time it is asked for."""
    feed, _ = CalendarFeed.objects.get_or_create(user=user, defaults={"token": secrets.token_urlsafe(32)})
    return feed


@transaction.atomic
def renew_calendar_feed(user: Any) -> CalendarFeed:
    """A new private address; the old one stops working at once (when it has been shared by mistake)."""
    feed = calendar_feed_for(user)
    feed.token = secrets.token_urlsafe(32)
    feed.save(update_fields=["token"])
    return feed


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """RFC 5545 lines of at most 75 octets, continued with a leading space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return [line]
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return [parts[0], *(" " + part for part in parts[1:])]


def icalendar(items: Iterable[Deadline], *, name: str, host: str, base_url: str) -> str:
    """An iCalendar (RFC 5545) text of the deadlines, for Outlook, Google or Apple calendars."""
    stamp = timezone.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Consortia//Opportunity deadlines//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        "X-WR-TIMEZONE:Europe/London",
    ]
    for item in items:
        opportunity = item.opportunity
        lines.append("BEGIN:VEVENT")
        lines.append(f"UID:opportunity-{opportunity.pk}-{item.kind}@{host}")
        lines.append(f"DTSTAMP:{stamp}")
        if item.has_time:
            moment = item.when.astimezone(UTC)  # type: ignore[union-attr]
            lines.append(f"DTSTART:{moment:%Y%m%dT%H%M%SZ}")
            lines.append(f"DTEND:{moment + timedelta(minutes=30):%Y%m%dT%H%M%SZ}")
        else:
            lines.append(f"DTSTART;VALUE=DATE:{item.day:%Y%m%d}")
            lines.append(f"DTEND;VALUE=DATE:{item.day + timedelta(days=1):%Y%m%d}")
        lines.append(f"SUMMARY:{_escape(f'{item.label}: {opportunity.title}')}")
        lines.append(f"DESCRIPTION:{_escape(f'Stage: {opportunity.get_stage_display()}.')}")
        lines.append(f"URL:{base_url}{opportunity.get_absolute_url()}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return "\r\n".join(folded) + "\r\n"
