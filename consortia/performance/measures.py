"""The performance app's service-standard measures, registered with the hub's registry."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from consortia.core.workdays import working_days_between
from consortia.hub.choices import Unit
from consortia.hub.measures import average, measure


@measure(
    "performance.return_validation_days",
    "Working days to validate a monitoring return",
    Unit.WORKING_DAYS,
    "Average working days from a member submitting a monitoring return to the hub validating it, for returns "
    "validated in the period (a queried return counts from its last submission).",
    "contracts",
)
def return_validation_days(period_start: date, period_end: date) -> Decimal | None:
    """One query."""
    from consortia.performance.choices import ReturnStatus
    from consortia.performance.models import MonitoringReturn

    start = timezone.make_aware(datetime.combine(period_start, time.min))
    end = timezone.make_aware(datetime.combine(period_end + timedelta(days=1), time.min))
    rows = MonitoringReturn.objects.filter(
        status=ReturnStatus.VALIDATED, validated_at__gte=start, validated_at__lt=end, submitted_at__isnull=False
    ).values_list("submitted_at", "validated_at")
    return average(
        [
            working_days_between(timezone.localtime(submitted).date(), timezone.localtime(validated).date())
            for submitted, validated in rows
        ]
    )
