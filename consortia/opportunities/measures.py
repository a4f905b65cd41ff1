"""The opportunities app's service-standard measures, registered with the hub's registry."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from consortia.core.workdays import working_days_between
from consortia.hub.choices import Unit
from consortia.hub.measures import average, measure


@measure(
    "opportunities.circulation_days",
    "Working days to circulate an opportunity",
    Unit.WORKING_DAYS,
    "Average working days from a notice's publication to its first circulation to members (the weekly "
    "digest or the portal), for notices first circulated in the period.",
    "bidding",
)
def circulation_days(period_start: date, period_end: date) -> Decimal | None:
    """One query."""
    from consortia.opportunities.models import Circulation

    start = timezone.make_aware(datetime.combine(period_start, time.min))
    end = timezone.make_aware(datetime.combine(period_end + timedelta(days=1), time.min))
    rows = Circulation.objects.filter(circulated__gte=start, circulated__lt=end, notice__published__isnull=False)
    days = [
        working_days_between(timezone.localtime(published).date(), timezone.localtime(circulated).date())
        for published, circulated in rows.values_list("notice__published", "circulated")
    ]
    return average(days)
