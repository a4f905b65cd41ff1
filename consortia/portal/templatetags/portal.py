"""The portal's tabs, drawn in Python: every portal page shows them."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

CURRENT = mark_safe(' aria-current="page"')

# (section, route, label), in the order the tabs are shown.
TABS = [
    ("home", "portal:home", "Overview"),
    ("profile", "portal:profile", "Profile"),
    ("contacts", "portal:contacts", "Contacts"),
    ("capabilities", "portal:capabilities", "Capabilities"),
    ("evidence", "portal:evidence", "Evidence"),
    ("membership", "portal:membership", "Membership"),
    ("opportunities", "portal:opportunities", "Opportunities"),
    ("bids", "portal:bids", "Bids"),
    ("subcontracts", "portal:subcontracts", "Subcontracts"),
    ("returns", "portal:returns", "Returns"),
    ("payments", "portal:payments", "Payments"),
    ("policies", "portal:policies", "Policies"),
    ("notices", "portal:notices", "Published notices"),
]


@register.simple_tag
def portal_tabs(section: str) -> SafeString:
    """The tabs' `<li>` items, the current section's marked active. Through the template engine
    they cost about half a millisecond a page (a reversed route and three conditions a tab); they
    are the same for every page of a section, so each process draws them once per section."""
    return tabs_markup(str(section), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=64)
def tabs_markup(section: str, prefix: str, urlconf: str | None) -> SafeString:
    # `prefix` is part of the key because `reverse` reads it.
    return format_html_join(
        "\n    ",
        '<li class="nav-item"><a class="nav-link{}" href="{}"{}>{}</a></li>',
        (
            (
                " active" if name == section else "",
                reverse(route, urlconf=urlconf),
                CURRENT if name == section else "",
                label,
            )
            for name, route, label in TABS
        ),
    )
