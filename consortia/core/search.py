"""Free-text matching shared by the search box and every list's search filter."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q


def text_query(fields: Iterable[str], value: str) -> Q:
    """Every word must appear in at least one of the fields ("sam jones" finds Sam Jones)."""
    fields = list(fields)
    condition = Q()
    for word in value.split()[:8]:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition
