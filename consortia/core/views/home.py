"""The dashboard and the global search box."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from consortia.core import registry
from consortia.core.models import record_url

SEARCH_LIMIT = 10


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "organisation_id", None) is not None:
        return redirect("portal:home")
    counts = []
    # The record types in the menu: the parts of a record (criteria, readings, timesheet lines)
    # are reached from the record they belong to.
    for views in registry.records():
        if views.menu_group is None:
            continue
        meta = views.model._meta
        queryset = views.model._default_manager.all().restrict(request.user, "view")  # type: ignore[attr-defined]
        if request.user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            counts.append(
                {
                    "label": str(meta.verbose_name_plural).capitalize(),
                    "count": queryset.count(),
                    "url": reverse(f"{meta.app_label}:{meta.model_name}_list"),
                }
            )
    panels = [
        {"template": panel.template, **panel.context(request)}
        for panel in registry.panels()
        if request.user.has_perm(panel.permission)
    ]
    context = {"counts": counts, "panels": panels, "changes": recent_changes(request.user)}
    return render(request, "core/home.html", context)


def recent_changes(user: Any, limit: int = 12) -> list[dict[str, Any]]:
    """The latest changes to the records this (staff) user may see: one query per record type."""
    changes = []
    for views in registry.records():
        meta = views.model._meta
        history = getattr(views.model, "history", None)
        if history is None or not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            continue
        for record in history.select_related("history_user").order_by("-history_date")[:limit]:
            changes.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "what": {"+": "Created", "~": "Changed", "-": "Deleted"}.get(record.history_type, ""),
                    "kind": str(meta.verbose_name),
                    "name": str(record.instance),
                    "url": None
                    if record.history_type == "-"
                    else record_url(f"{meta.app_label}:{meta.model_name}_detail", record.id),
                }
            )
    changes.sort(key=lambda change: change["when"], reverse=True)
    return changes[:limit]


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Up to ten matches from every record type the user may see (one query per type)."""
    query = request.GET.get("q", "").strip()
    groups: list[dict[str, Any]] = []
    if len(query) >= 2:
        for views in registry.records():
            if not views.search_fields:
                continue
            queryset = views.search(views.queryset().restrict(request.user, "view"), query)
            found = list(queryset[: SEARCH_LIMIT + 1])
            if found:
                meta = views.model._meta
                groups.append(
                    {
                        "label": str(meta.verbose_name_plural).capitalize(),
                        "results": [
                            {
                                "object": obj,
                                "note": getattr(obj, views.search_description, "") if views.search_description else "",
                            }
                            for obj in found[:SEARCH_LIMIT]
                        ],
                        "more": len(found) > SEARCH_LIMIT,
                        "list_url": reverse(f"{meta.app_label}:{meta.model_name}_list") + "?q=" + query,
                    }
                )
    return render(
        request, "core/search.html", {"search_query": query, "groups": groups, "too_short": 0 < len(query) < 2}
    )
