"""Free-text matching shared by the search box and every list's search filter."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Q

PUNCTUATION = '.,:;()[]"“”‘’—–'


def text_query(fields: Iterable[str], value: str, model: type[models.Model] | None = None) -> Q:
    """Every word must appear in at least one of the fields ("sam jones" finds Sam Jones).

    A field across a relation ("organisation__name") is matched with a subquery on the related
    table rather than a join, which keeps a search over 60,000 contacts from joining them all.
    """
    fields = list(fields)
    condition = Q()
    for word in value.split()[:8]:
        # "Centre:" or "(Alpha" as a record's name shows it still finds the record.
        word = word.strip(PUNCTUATION)
        if not word:
            continue
        any_field = Q()
        for field in fields:
            any_field |= _match(model, field, word)
        condition &= any_field
    return condition


def _match(model: type[models.Model] | None, field: str, word: str) -> Q:
    if model is not None and "__" in field:
        relation, rest = field.split("__", 1)
        related = model._meta.get_field(relation).related_model
        if related is not None and rest and "__" not in rest:
            matches = related._default_manager.filter(**{f"{rest}__icontains": word}).values("pk")  # type: ignore[union-attr]
            return Q(**{f"{relation}__in": matches})
    return Q(**{f"{field}__icontains": word})
