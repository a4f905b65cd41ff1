"""The dashboard and the global search box."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from consortia.core import prepared, registry
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
    shown = tuple(
        views
        for views in registry.records()
        if views.menu_group is not None
        and allowed(f"{views.model._meta.app_label}.view_{views.model._meta.model_name}")
    )
    cards = _cards_for(shown, get_script_prefix())
    totals = count_visible(request.user, [views.model for views in shown])
    counts = [{"label": card.label, "count": total, "url": card.url} for card, total in zip(cards, totals, strict=True)]
    panels = [
        {"template": panel.template, **panel.context(request)}
        for panel in registry.panels()
        if allowed(panel.permission)
    ]
    context = {
        "counts": counts,
        "counts_html": mark_safe(
            "".join(card.before + str(total) + card.after for card, total in zip(cards, totals, strict=True))
        ),
        "panels": panels,
        "changes": recent_changes(request.user),
    }
    return render(request, "core/home.html", context)


@dataclass(frozen=True)
class _Card:
    """One record type's card on the dashboard: its label and list address, and its markup on
    either side of the count (escaped already)."""

    label: str
    url: str
    before: str
    after: str


# The cards' markup, per set of record types shown (which follows from the user's rights) and script
# prefix: the same for everyone with those rights, and about a hundred cards of three template
# variables each cost more through the template engine than the rest of the page's markup. Only
# the counts, which are read afresh every time, change from one request to the next. Bounded.
_CARDS: dict[tuple[Any, ...], tuple[_Card, ...]] = {}
_CARDS_LIMIT = 200


def _cards_for(shown: tuple[Any, ...], prefix: str) -> tuple[_Card, ...]:
    key = (shown, prefix)
    cards = _CARDS.get(key)
    if cards is None:
        cards = tuple(_card(views) for views in shown)
        if len(_CARDS) >= _CARDS_LIMIT:
            _CARDS.clear()
        _CARDS[key] = cards
    return cards


def _card(views: Any) -> _Card:
    """The markup core/home.html drew for the card in its loop, byte for byte."""
    meta = views.model._meta
    label = str(meta.verbose_name_plural).capitalize()
    url = registry.static_url(f"{meta.app_label}:{meta.model_name}_list")
    before = format_html(
        '\n  <div class="col-sm-6 col-lg-3">\n'
        '    <a class="card text-decoration-none h-100" href="{}">\n'
        '      <div class="card-body">\n'
        '        <p class="display-6 mb-0">',
        url,
    )
    after = format_html('</p>\n        <p class="mb-0">{}</p>\n      </div>\n    </a>\n  </div>\n  ', label)
    return _Card(label, url, str(before), str(after))


def count_all(querysets: list[Any]) -> list[int]:
    """Each queryset's count, in one query (a scalar sub-query each) rather than one per record type."""
    if not querysets:
        return []
    sql, params = _counting_sql(querysets)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(value) for value in cursor.fetchone()]


def _counting_sql(querysets: list[Any]) -> tuple[str, tuple[Any, ...]]:
    parts, params = [], []
    for index, queryset in enumerate(querysets):
        try:
            sql, values = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # restrict() gave none(): a record type the user sees no row of
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted_{index})")
        params.extend(values)
    return "SELECT " + ", ".join(parts), tuple(params)


# The dashboard's counting query, per user and set of record types, kept by each process: building
# the hundred-odd restricted querysets and compiling them cost several times what running the
# query does. The query's text depends only on who asks (their right to view each record type,
# and their organisation, which scopes the rows), never on the rows, so the same user asking
# about the same record types with the same rights gets the same query; the counts themselves are
# read afresh every time. Bounded, so that a process seeing many users does not grow without limit.
_COUNTING_SQL: dict[tuple[Any, ...], tuple[str, tuple[Any, ...]]] = {}
_COUNTING_SQL_LIMIT = 500


def count_visible(user: Any, models: list[Any]) -> list[int]:
    """How many rows of each model `user` may see (`restrict(user, "view")`), in one query."""
    if not models:
        return []
    allowed = perm_checker(user)
    key = (
        user.pk,
        getattr(user, "organisation_id", None),
        tuple(
            (model._meta.label_lower, allowed(f"{model._meta.app_label}.view_{model._meta.model_name}"))
            for model in models
        ),
    )
    compiled = _COUNTING_SQL.get(key)
    if compiled is None:
        compiled = _counting_sql([model.objects.restrict(user, "view") for model in models])
        if len(_COUNTING_SQL) >= _COUNTING_SQL_LIMIT:
            _COUNTING_SQL.clear()
        _COUNTING_SQL[key] = compiled
    # The same question on every visit: planned once per connection (core/prepared.py).
    return [int(value) for value in prepared.fetch_all(*compiled)[0]]


def recent_changes(user: Any, limit: int = 12) -> list[dict[str, Any]]:
    """The latest changes to the records this (staff) user may see.

    One query finds the latest `limit` changes across every history table the user may read
    (each table's own latest, by its date index, then merged); then one query per record type
    among those few reads them whole, so the names are worked out for `limit` records only."""
    allowed = perm_checker(user)
    readable = tuple(entry for entry in _with_history() if allowed(entry[2]))
    if not readable:
        return []
    latest = prepared.fetch_all(_latest_sql(readable, limit))
    wanted: dict[int, list[int]] = {}
    for kind, history_id, _when in latest:
        wanted.setdefault(kind, []).append(history_id)
    changes = []
    for kind, ids in wanted.items():
        views, model, _permission = readable[kind]
        meta = views.model._meta
        records = list(model.objects.filter(history_id__in=ids).select_related("history_user"))
        names = names_as_recorded(views.model, records)
        for record, name in zip(records, names, strict=True):
            changes.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "what": {"+": "Created", "~": "Changed", "-": "Deleted"}.get(record.history_type, ""),
                    "kind": str(meta.verbose_name),
                    "name": name,
                    "url": None
                    if record.history_type == "-"
                    else record_url(f"{meta.app_label}:{meta.model_name}_detail", record.id),
                }
            )
    changes.sort(key=lambda change: change["when"], reverse=True)
    return changes


# The record types with a history, and the query finding the latest changes among those a user may
# read: both follow from the code (and the user's rights), never from the rows, so each process
# works them out once (per number of record types registered, as the apps' views are imported;
# per set of readable tables). The changes themselves are read afresh every time. Bounded.
_HISTORIES: dict[int, tuple[tuple[Any, Any, str], ...]] = {}
_LATEST_SQL: dict[tuple[Any, ...], str] = {}
_LATEST_SQL_LIMIT = 200


def _with_history() -> tuple[tuple[Any, Any, str], ...]:
    """(views, history model, permission to view) for every registered record type with a history."""
    records = registry.records()
    found = _HISTORIES.get(len(records))
    if found is None:
        found = tuple(
            (views, history, f"{views.model._meta.app_label}.view_{views.model._meta.model_name}")
            for views in records
            if (history := history_model_of(views.model)) is not None
        )
        _HISTORIES.clear()
        _HISTORIES[len(records)] = found
    return found


def _latest_sql(tables: tuple[tuple[Any, Any, str], ...], limit: int) -> str:
    """The one query finding the latest `limit` changes across these history tables (each table's
    own latest, by its date index, then merged): rows of (index in `tables`, history id, date)."""
    key = (tables, limit, connection.vendor)
    found = _LATEST_SQL.get(key)
    if found is None:
        quote = connection.ops.quote_name
        parts = [
            f"SELECT * FROM (SELECT {index} AS kind, {quote('history_id')} AS hid, {quote('history_date')} AS hdate "
            f"FROM {quote(model._meta.db_table)} ORDER BY {quote('history_date')} DESC LIMIT {int(limit)}) latest_{index}"
            for index, (_views, model, _permission) in enumerate(tables)
        ]
        found = " UNION ALL ".join(parts) + f" ORDER BY hdate DESC LIMIT {int(limit)}"
        if len(_LATEST_SQL) >= _LATEST_SQL_LIMIT:
            _LATEST_SQL.clear()
        _LATEST_SQL[key] = found
    return found


def names_as_recorded(model: Any, records: list[Any]) -> list[str]:
    """Each history record's name (`str()` of the record as that change left it), in order.

    What `str(record.instance)` gives, for less: django-simple-history's `instance` reads the
    fields the history leaves out (`updated`, `updated_by`) from the live row, a query per
    record, and no record's name uses them; and the related records a name mentions (an interest
    return's person) are read for all the records of a kind at once rather than one by one. Which
    ones a name mentions is learnt from the first record's name, once a process per record type
    (it follows from the model's `__str__`, not the rows): after that, every record's related
    records are read at once before any name is worked out. A name that mentions others still
    reads them itself, so the names are right whatever was learnt.
    """
    kept = [field.attname for field in records[0].tracked_fields] if records else []
    instances = [model(**{name: getattr(record, name) for name in kept}) for record in records]
    if not instances:
        return []
    mentioned = _MENTIONED.get(model)
    if mentioned is not None:
        if mentioned:
            prefetch_related_objects(instances, *mentioned)
        return [str(instance) for instance in instances]
    first = str(instances[0])
    mentioned = tuple(_read_through(instances[0]))
    _MENTIONED[model] = mentioned
    if mentioned and len(instances) > 1:
        prefetch_related_objects(instances[1:], *mentioned)
    return [first, *(str(instance) for instance in instances[1:])]


# Per record type, the related records its name mentions (see `names_as_recorded`).
_MENTIONED: dict[Any, tuple[str, ...]] = {}


def _read_through(instance: Any, prefix: str = "") -> list[str]:
    """The relations (as prefetch paths) that working out `instance`'s name read: the forward
    relations it loaded, and theirs in turn (a monitoring return's name is its subcontract's
    organisation and its period)."""
    forward = {field.name for field in type(instance)._meta.concrete_fields if field.is_relation}
    paths = []
    for name, related in instance._state.fields_cache.items():
        if name in forward and related is not None:
            paths.append(prefix + name)
            paths.extend(_read_through(related, f"{prefix}{name}__"))
    return paths


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
