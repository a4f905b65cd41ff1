"""The dashboard and the global search box."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from consortia.core import registry
from consortia.core.history import history_model_of
from consortia.core.models import record_url
from consortia.core.permissions import perm_checker

SEARCH_LIMIT = 10


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "organisation_id", None) is not None:
        return redirect("portal:home")
    # The record types in the menu: the parts of a record (criteria, readings, timesheet lines)
    # are reached from the record they belong to.
    allowed = perm_checker(request.user)
    shown = []
    for views in registry.records():
        meta = views.model._meta
        if views.menu_group is not None and allowed(f"{meta.app_label}.view_{meta.model_name}"):
            shown.append(views)
    totals = count_all([views.model.objects.restrict(request.user, "view") for views in shown])  # type: ignore[attr-defined]
    counts = [
        {
            "label": str(views.model._meta.verbose_name_plural).capitalize(),
            "count": total,
            "url": reverse(f"{views.model._meta.app_label}:{views.model._meta.model_name}_list"),
        }
        for views, total in zip(shown, totals, strict=True)
    ]
    panels = [
        {"template": panel.template, **panel.context(request)}
        for panel in registry.panels()
        if request.user.has_perm(panel.permission)
    ]
    context = {"counts": counts, "panels": panels, "changes": recent_changes(request.user)}
    return render(request, "core/home.html", context)


def count_all(querysets: list[Any]) -> list[int]:
    """Each queryset's count, in one query (a scalar sub-query each) rather than one per record type."""
    if not querysets:
        return []
    parts, params = [], []
    for index, queryset in enumerate(querysets):
        sql, values = queryset.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted_{index})")
        params.extend(values)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return [int(value) for value in cursor.fetchone()]


def recent_changes(user: Any, limit: int = 12) -> list[dict[str, Any]]:
    """The latest changes to the records this (staff) user may see.

    One query finds the latest `limit` changes across every history table the user may read
    (each table's own latest, by its date index, then merged); then one query per record type
    among those few reads them whole, so the names are worked out for `limit` records only."""
    allowed = perm_checker(user)
    tables = []
    for views in registry.records():
        meta = views.model._meta
        history = history_model_of(views.model)
        if history is not None and allowed(f"{meta.app_label}.view_{meta.model_name}"):
            tables.append((views, history))
    if not tables:
        return []
    quote = connection.ops.quote_name
    parts = [
        f"SELECT * FROM (SELECT {index} AS kind, {quote('history_id')} AS hid, {quote('history_date')} AS hdate "
        f"FROM {quote(model._meta.db_table)} ORDER BY {quote('history_date')} DESC LIMIT {int(limit)}) latest_{index}"
        for index, (_views, model) in enumerate(tables)
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts) + f" ORDER BY hdate DESC LIMIT {int(limit)}")
        latest = cursor.fetchall()
    wanted: dict[int, list[int]] = {}
    for kind, history_id, _when in latest:
        wanted.setdefault(kind, []).append(history_id)
    changes = []
    for kind, ids in wanted.items():
        views, model = tables[kind]
        meta = views.model._meta
        for record in model.objects.filter(history_id__in=ids).select_related("history_user"):
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
    return changes


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Up to ten matches from every record type the user may see (one query per type), or from
    one type only (`in`: its label, e.g. `members.evidence`)."""
    query = request.GET.get("q", "").strip()
    only = registry.record_for_label(request.GET.get("in", ""))
    groups: list[dict[str, Any]] = []
    if len(query) >= 2:
        for views in [only] if only else registry.records():
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
        request,
        "core/search.html",
        {
            "search_query": query,
            "groups": groups,
            "too_short": 0 < len(query) < 2,
            "only": str(only.model._meta.verbose_name_plural) if only else "",
        },
    )
