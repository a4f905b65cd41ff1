"""Template helpers used by the generic templates."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.db.models import Model
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import is_aware, localtime

from consortia.core import formats
from consortia.core.models import record_url

register = template.Library()


@register.filter
def show(value: Any) -> Any:
    """A value as a person reads it: dates DD/MM/YYYY, yes/no, links for records and URLs, — for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "hour"):
        # Stored in UTC: shown in the hub's time (18:00 in June is stored as 17:00).
        return date_format(localtime(value) if is_aware(value) else value, "DATETIME_FORMAT")
    if hasattr(value, "strftime"):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, Model) and hasattr(value, "get_absolute_url"):
        return format_html('<a href="{}">{}</a>', value.get_absolute_url(), value)
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return format_html('<a href="{}" rel="noopener">{}</a>', value, value)
    return value


@register.filter
def pounds(value: Any) -> str:
    """Money as "£1,250,000" or "£1,234.50" (pence only when there are any); — for nothing."""
    return formats.pounds(value, whole=True)


@register.filter
def split(value: str) -> list[str]:
    """ "Mon Tue Wed" as a list of words, for a template's loop."""
    return value.split()


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (for export links and the like)."""
    request: HttpRequest = context["request"]
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag
def link(name: str, pk: Any = None) -> str:
    """`{% url name %}`, or `{% url name pk %}` for a route taking one record's key, at a fraction
    of the cost.

    The page shell and the portal's pages draw a few dozen links on every page, and each
    `{% url %}` reverses its route again (about 20 µs). A route's path depends only on the route,
    the URL configuration and the script prefix, so each process works it out once for those
    (with a stand-in key for a record's route, `core.models.record_url`).
    """
    if pk is not None:
        return record_url(name, pk)
    return route_url(name, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=512)
def route_url(name: str, prefix: str, urlconf: str | None) -> str:
    """The path of a route without arguments (`prefix` is part of the key: `reverse` reads it)."""
    return reverse(name, urlconf=urlconf)
