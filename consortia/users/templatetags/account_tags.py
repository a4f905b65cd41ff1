"""Template helpers for the account pages."""

from __future__ import annotations

from datetime import timedelta

from django import template

register = template.Library()


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


@register.filter
def duration(value: timedelta | None) -> str:
    """A length of time as people say it: "30 minutes", "1 hour and 15 minutes"."""
    if value is None:
        return ""
    minutes = max(1, round(value.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return _plural(minutes, "minute")
    if not minutes:
        return _plural(hours, "hour")
    return f"{_plural(hours, 'hour')} and {_plural(minutes, 'minute')}"
