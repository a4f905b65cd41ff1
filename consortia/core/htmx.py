"""The one place that decides whether a request wants a fragment or the whole page."""

from __future__ import annotations

from django.http import HttpRequest


def wants_partial(request: HttpRequest, target: str) -> bool:
    """True when HTMX asked to swap just `target` (and not a boosted whole-page navigation)."""
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.boosted and htmx.target == target
