"""Storing a batch of releases and compiling the notices they belong to, in a fixed number of queries.

A batch costs: one query for which of its releases are already stored (by content hash, the
lead column of the `release_once` index), one to load the notices they belong to, one to load
the stored releases of any notice that needs a full recompile, then the bulk writes. A notice
is brought up to date by merging its new releases onto its compiled release when they are all
at least as recent as its latest; a release older than that means merging everything again
from the stored releases, in date order, as the OCDS merge rules require.

The notices are matched against the members as they are compiled, from the notices in hand
(with the members' profiles the import read once), and indexed for full-text search from the
same objects: nothing is read back after it is written.

`write_batch` is three steps, so that the middle one can run in another process
(`ingest.worker`): `read_state` (what the database knows of the batch), `plan_batch`
(compiling, extracting and matching, without the database but for the stored releases of a
notice compiled again) and `write_planned`.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import ocdsmerge_rs
import orjson
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.base import ModelState
from ocdsmerge_rs.exceptions import MergeError

from consortia.opportunities import ocds, search
from consortia.opportunities.choices import Source
from consortia.opportunities.ingest.merge import Unsupported, compile_release, merge_onto
from consortia.opportunities.ingest.prepare import Prepared, as_floats, dumps, stored_text, text_placeholder
from consortia.opportunities.models import CpvCode, Notice, NoticeCpv, NoticeMatch, Release
from consortia.opportunities.schema import release_schema
from consortia.opportunities.services import matching

NOTICE_FIELDS = [
    "title",
    "description",
    "buyer_name",
    "buyer_identifier",
    "value_amount",
    "value_minimum",
    "currency",
    "published",
    "last_release",
    "deadline",
    "stage",
    "status",
    "procedure",
    "procedure_details",
    "main_category",
    "notice_type",
    "region",
    "main_cpv",
    "cpv_codes",
    "suitable_sme",
    "suitable_vcse",
    "url",
    "release_count",
    "compiled",
    "search_text",
    "updated",
]
RELEASE_COLUMNS = [
    "ocid",
    "release_id",
    "date",
    "tags",
    "notice_type",
    "source",
    "content_hash",
    "data",
    "notice",
    "run",
    "received",
]
# The fields `ocds.extract` gives as they are; the others are worked out from the releases too.
EXTRACTED = [
    name
    for name in NOTICE_FIELDS
    if name not in {"published", "stage", "notice_type", "release_count", "compiled", "search_text", "updated"}
]
# What a batch reads of the notices it touches; the rest is recomputed.
NOTICE_LOADED = [
    "id",
    "ocid",
    "compiled",
    "published",
    "release_count",
    "notice_type",
    "cpv_codes",
    "source",
    "member_fit",
    "matched_members",
    "search_text",  # to leave the full-text index alone when the text has not changed
]
# What an update writes: the compiled fields, and the fit from the matching done beside it.
NOTICE_UPDATED = [*NOTICE_FIELDS, "member_fit", "matched_members"]


@functools.cache
def merger() -> ocdsmerge_rs.Merger:
    """The OCDS merger, with the rules of the committed patched schema."""
    schema = orjson.loads(orjson.dumps(release_schema()))  # dereferencing must not touch the cached copy
    return ocdsmerge_rs.Merger(rules=ocdsmerge_rs.Merger.get_rules(ocdsmerge_rs.Merger.dereference(schema)))


@dataclass(slots=True)
class Entry:
    """One release of a notice, as the merge and the notice's fields need it (and its JSON text,
    when at hand, to read it again after a merge that consumed it)."""

    release: dict[str, Any]
    date_text: str
    tags: str
    notice_type: str
    text: str | bytes | None = None


@dataclass
class BatchOutcome:
    """What writing a batch did."""

    new: int = 0
    duplicate: int = 0
    created: int = 0
    updated: int = 0
    notice_ids: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def merge_input(release: dict[str, Any]) -> dict[str, Any]:
    """The release as the merge takes it: a `date` that is not text is left out, not fatal."""
    date = release.get("date")
    if date is None or isinstance(date, str):
        return release
    return {key: value for key, value in release.items() if key != "date"}


def compile_entries(
    ocid: str,
    entries: Sequence[Entry],
    previous: str | None,
    notes: list[str],
    *,
    parsed: dict[str, Any] | None = None,
    consume: bool = False,
) -> dict[str, Any]:
    """Merge `entries` (sorted by date) onto `previous` (a compiled release's JSON) or from nothing.

    The compiled release is merged onto in place (`merge_onto`: only the parts the new releases
    touch): `parsed`, the caller's own copy parsed from `previous`, or a copy parsed here. From
    nothing, with `consume`, the first release's objects become the compiled release's
    (`compile_release(consume=True)`): the entries' releases are then not to be used again, and
    where the fast merge gives up they are read again from their text.
    The fast merge gives ocdsmerge's result; where it cannot be sure, ocdsmerge_rs merges.
    Releases that break the merge rules (a field that is an object in one release and text in
    another) cannot be compiled; the notice then shows its latest release, with a note.
    """
    releases = [merge_input(entry.release) for entry in entries]
    consume = consume and previous is None and all(entry.text is not None for entry in entries)
    try:
        if previous is None:
            return compile_release(releases, consume=consume)
        return merge_onto(orjson.loads(previous) if parsed is None else parsed, releases)
    except Unsupported:
        pass
    if consume:
        # The fast merge may have changed the first release half-way: read them all again.
        entries = [Entry(orjson.loads(cast(str | bytes, entry.text)), entry.date_text, entry.tags,
                         entry.notice_type, entry.text) for entry in entries]  # fmt: skip
        releases = [merge_input(entry.release) for entry in entries]
    if previous is not None:
        releases.insert(0, orjson.loads(previous))  # afresh: the failed merge left its copy half-changed
    try:
        with warnings.catch_warnings():
            # Repeated dates and repeated ids within a list are normal in the feeds.
            warnings.simplefilter("ignore")
            return dict(merger().create_compiled_release([as_floats(release) for release in releases]))
    except (MergeError, TypeError, ValueError) as error:
        notes.append(f"{ocid}: its releases could not be merged ({error}); the notice shows its latest release")
        return dict(entries[-1].release)


def _apply(notice: Notice, compiled: dict[str, Any], entries: Sequence[Entry], notes: list[str]) -> None:
    """Set the notice's fields from its compiled release and its (sorted) new releases."""
    fields = ocds.extract(compiled, notice.ocid)
    notes.extend(f"{notice.ocid}: {note}" for note in fields.notes)
    for name in EXTRACTED:
        setattr(notice, name, getattr(fields, name))
    # First published: the earliest of the tender's own date and every release's date.
    dates = [notice.published, fields.published]
    for entry in entries:
        dates.append(ocds.parse_date(entry.date_text, "A release date", []))
    known = [date for date in dates if date is not None]
    notice.published = min(known) if known else None
    latest = entries[-1]
    notice.stage = ocds.stage_of(latest.tags.split(), fields.status)
    notice.notice_type = next(
        (entry.notice_type for entry in reversed(entries) if entry.notice_type), notice.notice_type
    )
    notice.search_text = fields.search_text
    # Bytes on SQLite (see `stored_text`): written only by this module's own INSERT and UPDATE.
    notice.compiled = stored_text(dumps(compiled))  # type: ignore[assignment]
    notice._cpvs = fields.cpvs  # type: ignore[attr-defined]


def _stored_entries(notice_ids: Iterable[int]) -> dict[int, list[Entry]]:
    """The stored releases of these notices, in the order they were stored."""
    stored: dict[int, list[Entry]] = defaultdict(list)
    rows = Release.objects.filter(notice_id__in=list(notice_ids)).order_by("id")
    for notice_id, data, tags, notice_type in rows.values_list("notice_id", "data", "tags", "notice_type"):
        release = orjson.loads(data)
        date = release.get("date")
        stored[notice_id].append(Entry(release, date if isinstance(date, str) else "", tags, notice_type))
    return stored


def _sort(entries: list[Entry]) -> list[Entry]:
    # Stable: releases with the same date stay in the order they were stored, as ocdsmerge's own sort.
    return sorted(entries, key=lambda entry: entry.date_text)


def _entry(prepared: Prepared) -> Entry:
    return Entry(prepared.parsed(), prepared.date_text, prepared.tags, prepared.notice_type, prepared.data)


def _notice_source(ocid: str, source: str) -> str:
    if source == Source.FILE:
        return ocds.source_of(ocid) or Source.FILE
    return source


def _unique(batch: Sequence[Prepared]) -> tuple[dict[tuple[str, str, str], Prepared], int]:
    """The batch's releases without repeats (the first of each kept), and how many repeats."""
    unique: dict[tuple[str, str, str], Prepared] = {}
    repeats = 0
    for prepared in batch:
        key = (prepared.content_hash, prepared.ocid, prepared.release_id)
        if key in unique:
            repeats += 1
        else:
            unique[key] = prepared
    return unique, repeats


@functools.cache
def _notice_defaults() -> dict[str, Any]:
    """Every field of a new notice at its default (all plain values: none is made by a callable)."""
    defaults = {}
    for column in Notice._meta.concrete_fields:
        assert not (column.has_default() and callable(column.default)), f"{column.name}: a default made by a callable"
        defaults[column.attname] = column.get_default()
    return defaults


def _notice(values: dict[str, Any], *, stored: bool) -> Notice:
    """A notice with these field values, the rest at their defaults: what `Notice(**values)`
    gives, for a fifth of the cost (an import builds one for every notice it touches)."""
    notice = Notice.__new__(Notice)
    notice._state = ModelState()
    notice._state.adding = not stored
    notice.__dict__.update(_notice_defaults())
    notice.__dict__.update(values)
    return notice


def _compile_new(ocid: str, source: str, entries: list[Entry], notes: list[str]) -> Notice:
    """A notice not stored yet, compiled from its (sorted) releases."""
    notice = _notice({"ocid": ocid, "source": _notice_source(ocid, source)}, stored=False)
    notice.release_count = len(entries)
    # The batch's releases are not needed again once compiled: the compiled release takes them over.
    compiled = compile_entries(ocid, entries, None, notes, consume=True)
    _apply(notice, compiled, entries, notes)
    return notice


Key = tuple[str, str, str]  # a release's content hash, ocid and id: stored once


@dataclass(slots=True)
class BatchState:
    """What a batch needs to know of the database: which of its releases are stored already,
    and the notices of its new releases' processes (each as NOTICE_LOADED's values)."""

    stored: set[Key]
    notices: dict[str, dict[str, Any]]


@dataclass(slots=True)
class Planned:
    """A batch worked out and ready to write: the notices to insert and to update (an update's
    `pk` is None when its notice was inserted by a batch not written when this one was planned:
    it is found by ocid), the releases to insert with their notice and date, the matches."""

    new: int = 0
    duplicate: int = 0
    creating: list[Notice] = field(default_factory=list)
    updating: list[Notice] = field(default_factory=list)
    old_codes: dict[str, str] = field(default_factory=dict)  # by ocid: the codes before the update
    retext: set[str] = field(default_factory=set)  # the updated notices whose search text changed
    # (notice, ocid, release id, date, tags, notice type, content hash, data)
    releases: list[tuple[Notice, str, str, dt.datetime | None, str, str, str, str | bytes]] = field(
        default_factory=list
    )
    matches: list[tuple[Notice, list[NoticeMatch]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def keys(self) -> set[Key]:
        return {(row[6], row[1], row[2]) for row in self.releases}

    # Sent between processes with each notice as a tuple of its values: a quarter of the cost of
    # pickling model instances, the largest part of the batch after the releases' text.
    def __getstate__(self) -> tuple[Any, ...]:
        notices = [*self.creating, *self.updating]
        place = {id(notice): number for number, notice in enumerate(notices)}
        values_of = _pickled_values()
        return (
            self.new,
            self.duplicate,
            len(self.creating),
            [values_of(notice.__dict__) for notice in notices],
            self.old_codes,
            self.retext,
            [(place[id(row[0])], *row[1:]) for row in self.releases],
            [(place[id(notice)], found) for notice, found in self.matches],
            self.notes,
        )

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.new, self.duplicate, creating, rows, self.old_codes, self.retext, releases, matches, self.notes = state
        attributes = _pickled_attributes()
        notices = [
            _notice(dict(zip(attributes, values, strict=True)), stored=number >= creating)
            for number, values in enumerate(rows)
        ]
        self.creating, self.updating = notices[:creating], notices[creating:]
        self.releases = [(notices[row[0]], *row[1:]) for row in releases]
        self.matches = [(notices[number], found) for number, found in matches]


@functools.cache
def _pickled_attributes() -> list[str]:
    """What a planned notice holds: its fields and the CPV codes `_apply` found."""
    return [field.attname for field in Notice._meta.concrete_fields] + ["_cpvs"]


@functools.cache
def _pickled_values() -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A notice's `_pickled_attributes` values from its `__dict__`, as a tuple, in one C call."""
    return operator.itemgetter(*_pickled_attributes())


def batch_keys(batch: Sequence[Prepared]) -> list[Key]:
    """The batch's releases as stored once (their keys), without repeats, in order."""
    return list(_unique(batch)[0])


def read_state(keys: Sequence[Key], overlay: Sequence[Planned] = ()) -> BatchState:
    """Read what a batch of these release keys needs of the database (two queries).

    `overlay` holds batches planned but not yet written, in order: their releases count as
    stored and their notices as they will be once written.
    """
    stored = set(
        Release.objects.filter(content_hash__in={key[0] for key in keys}).values_list(
            "content_hash", "ocid", "release_id"
        )
    )
    for planned in overlay:
        stored |= planned.keys() & set(keys)
    ocids = list(dict.fromkeys(key[1] for key in keys if key not in stored))
    notices: dict[str, dict[str, Any]] = {}
    if ocids:
        notices = {row["ocid"]: row for row in Notice.objects.filter(ocid__in=ocids).values(*NOTICE_LOADED)}
        wanted = set(ocids)
        for planned in overlay:
            for notice in [*planned.creating, *planned.updating]:
                if notice.ocid in wanted:
                    values = {name: getattr(notice, name) for name in NOTICE_LOADED}
                    # Planned before the batch that inserted it was written, but written since.
                    if values["id"] is None and notice.ocid in notices:
                        values["id"] = notices[notice.ocid]["id"]
                    notices[notice.ocid] = values
    return BatchState(stored, notices)


def plan_batch(
    batch: Sequence[Prepared],
    state: BatchState,
    *,
    source: str,
    matcher: matching.Matcher | None,
    stored_entries: Callable[[list[Notice]], dict[str, list[Entry]]],
) -> Planned:
    """Compile, extract and match the batch's notices, without writing (nor reading, but for
    `stored_entries`, asked for the stored releases of notices to compile again from the start,
    by ocid, when a release is older than their compiled release)."""
    planned = Planned()
    unique, planned.duplicate = _unique(batch)
    new = [prepared for key, prepared in unique.items() if key not in state.stored]
    planned.duplicate += len(unique) - len(new)
    planned.new = len(new)
    if not new:
        return planned

    by_ocid: dict[str, list[Prepared]] = defaultdict(list)
    for prepared in new:
        by_ocid[prepared.ocid].append(prepared)

    plans: list[tuple[Notice | None, dict[str, Any] | None, list[Entry], list[Prepared]]] = []
    recompile: list[Notice] = []
    for ocid, prepared_list in by_ocid.items():
        entries = _sort([_entry(prepared) for prepared in prepared_list])
        values = state.notices.get(ocid)
        if values is None:
            plans.append((None, None, entries, prepared_list))
            continue
        notice = _notice(values, stored=True)
        previous = orjson.loads(notice.compiled) if notice.compiled else None
        latest = previous.get("date") if isinstance(previous, dict) else None
        incremental = (
            isinstance(previous, dict)
            and previous.get("tag") == ["compiled"]
            and isinstance(latest, str)
            and entries[0].date_text >= latest
        )
        if incremental:
            plans.append((notice, previous, entries, prepared_list))
        else:
            recompile.append(notice)
            plans.append((notice, None, entries, prepared_list))

    stored = stored_entries(recompile) if recompile else {}
    notes = planned.notes
    compiled_plans: list[tuple[Notice, list[Prepared]]] = []
    for stored_notice, previous, entries, prepared_list in plans:
        if stored_notice is None:
            notice = _compile_new(prepared_list[0].ocid, source, entries, notes)
            planned.creating.append(notice)
        else:
            notice = stored_notice
            planned.old_codes[notice.ocid] = notice.cpv_codes
            old_text = notice.search_text
            if previous is None:
                # Out of date order: every release again, from the start.
                everything = _sort(stored.get(notice.ocid, []) + entries)
                notice.release_count = len(everything)
                notice.published = None
                _apply(notice, compile_entries(notice.ocid, everything, None, notes), everything, notes)
            else:
                notice.release_count += len(entries)
                compiled = compile_entries(notice.ocid, entries, notice.compiled, notes, parsed=previous)
                _apply(notice, compiled, entries, notes)
            if notice.search_text != old_text:
                planned.retext.add(notice.ocid)
            planned.updating.append(notice)
        compiled_plans.append((notice, prepared_list))
    # The releases' date notes come after every notice's.
    for notice, prepared_list in compiled_plans:
        for prepared in prepared_list:
            date = ocds.parse_date(
                prepared.date_text, f"{prepared.ocid} release {prepared.release_id}: its date", notes
            )
            planned.releases.append(
                (notice, prepared.ocid, prepared.release_id, date, prepared.tags, prepared.notice_type,
                 prepared.content_hash, prepared.data)
            )  # fmt: skip

    matcher = matching.Matcher.load() if matcher is None else matcher
    planned.matches = _match(matcher, [*planned.creating, *planned.updating])
    return planned


def stored_by_ocid(notices: list[Notice]) -> dict[str, list[Entry]]:
    """The stored releases of these (stored) notices, by ocid, in the order they were stored."""
    by_id = _stored_entries(notice.pk for notice in notices)
    return {notice.ocid: by_id.get(notice.pk, []) for notice in notices}


def stored_rows(ocids: Sequence[str], overlay: Sequence[Planned] = ()) -> dict[str, list[tuple[str | bytes, str, str]]]:
    """The stored releases (data, tags, notice type) of these processes' notices, in the order
    they were stored, then those of the batches planned but not yet written (`overlay`)."""
    rows: dict[str, list[tuple[str | bytes, str, str]]] = {ocid: [] for ocid in ocids}
    stored = Release.objects.filter(notice__ocid__in=list(ocids)).order_by("id")
    for ocid, data, tags, notice_type in stored.values_list("notice__ocid", "data", "tags", "notice_type"):
        rows[ocid].append((data, tags, notice_type))
    for planned in overlay:
        for _notice, ocid, _id, _date, tags, notice_type, _hash, text in planned.releases:
            if ocid in rows:
                rows[ocid].append((text, tags, notice_type))
    return rows


def write_planned(
    planned: Planned, *, source: str, run_id: int | None, inserted: dict[str, int] | None = None
) -> BatchOutcome:
    """Write a planned batch (inside a transaction). `inserted` gives the ids of notices inserted
    since the batch was planned (by ocid), for its updates that could not know them."""
    outcome = BatchOutcome(new=planned.new, duplicate=planned.duplicate, notes=planned.notes)
    if not planned.new:
        return outcome
    creating, updating = planned.creating, planned.updating
    for notice in updating:
        if notice.pk is None:
            notice.pk = (inserted or {})[notice.ocid]
    now = dt.datetime.now(dt.UTC)
    if creating:
        for notice in creating:
            notice.created = notice.updated = now
        _insert_notices(creating)
    if updating:
        for notice in updating:
            notice.updated = now
        _update_notices(updating)
    outcome.created, outcome.updated = len(creating), len(updating)

    adapt = _datetime_adapter()
    received = adapt(now)
    rows = [
        (ocid, release_id, adapt(date), tags, notice_type, source, content_hash, data, notice.pk, run_id, received)
        for notice, ocid, release_id, date, tags, notice_type, content_hash, data in planned.releases
    ]
    _insert_releases(rows)
    _write_cpvs(creating, updating, {notice.pk: planned.old_codes[notice.ocid] for notice in updating})
    outcome.notice_ids = [notice.pk for notice in creating + updating]
    # An update that leaves the text as it was (an award, mostly) leaves its index entry too.
    search.index_notices(creating, [notice for notice in updating if notice.ocid in planned.retext])
    _write_matches(updating, planned.matches)
    return outcome


def write_batch(
    batch: Sequence[Prepared], *, source: str, run_id: int | None, matcher: matching.Matcher | None = None
) -> BatchOutcome:
    """Store the batch's new releases and bring their notices up to date (inside a transaction).

    The notices are matched against the members as they are compiled, with `matcher` (the
    members' profiles, which an import reads once for the whole run; read here when not given).
    """
    state = read_state(batch_keys(batch))
    planned = plan_batch(batch, state, source=source, matcher=matcher, stored_entries=stored_by_ocid)
    return write_planned(planned, source=source, run_id=run_id)


def _match(matcher: matching.Matcher, notices: Sequence[Notice]) -> list[tuple[Notice, list[NoticeMatch]]]:
    """Each notice's matches (its fit set from them), before the notices are written."""
    found = []
    for notice in notices:
        rows = matcher.rows(notice)
        notice.member_fit, notice.matched_members = matching.fit_of(rows)
        if rows:
            found.append((notice, rows))
    return found


def _write_matches(updating: Sequence[Notice], matches: list[tuple[Notice, list[NoticeMatch]]]) -> None:
    """Replace the notices' matches: the updated notices' old ones out, every new one in."""
    if updating:
        NoticeMatch.objects.filter(notice_id__in=[notice.pk for notice in updating]).delete()
    rows = []
    for notice, found in matches:
        for row in found:
            row.notice_id = notice.pk
            rows.append(row)
    if rows:
        NoticeMatch.objects.bulk_create(rows, batch_size=1000)


def _datetime_adapter() -> Callable[[Any], Any]:
    """The database's adapter for datetimes, with a shortcut on SQLite for those in UTC (every
    date the import writes): the same text as Django's, without its time-zone checks."""
    adapt = connection.ops.adapt_datetimefield_value
    if connection.vendor != "sqlite" or not settings.USE_TZ or connection.timezone is not dt.UTC:
        return adapt

    def adapt_utc(value: Any) -> Any:
        if type(value) is dt.datetime and value.tzinfo is dt.UTC:
            return str(value.replace(tzinfo=None))
        return adapt(value)

    return adapt_utc


@functools.cache
def _notice_insert() -> tuple[str, str, list[tuple[str, Any]]]:
    """The INSERT for new notices (without its VALUES rows) and how to pass each column's value.

    Written directly, with RETURNING for the new ids, because preparing each field through the
    ORM's bulk_create costs more than compiling the notice.
    """
    ops = connection.ops
    quote = ops.quote_name
    columns_of = [column for column in Notice._meta.concrete_fields if not column.primary_key]
    adapters: list[tuple[str, Any]] = []
    for column in columns_of:
        kind = column.get_internal_type()
        if kind == "DateTimeField":
            adapters.append((column.attname, _datetime_adapter()))
        elif isinstance(column, models.DecimalField):
            adapters.append(
                (
                    column.attname,
                    functools.partial(_adapt_decimal, max_digits=column.max_digits, places=column.decimal_places),
                )
            )
        else:
            adapters.append((column.attname, None))
    columns = ", ".join(quote(column.column) for column in columns_of)
    row = "(" + ", ".join(_placeholder(column.attname) for column in columns_of) + ")"
    return f"INSERT INTO {quote(Notice._meta.db_table)} ({columns}) VALUES ", row, adapters


# The columns given as `stored_text` gives them (bytes, on SQLite).
STORED_TEXT = {"compiled", "data"}


def _placeholder(attname: str) -> str:
    return text_placeholder() if attname in STORED_TEXT else "%s"


def _adapt_decimal(value: Any, *, max_digits: int, places: int) -> Any:
    return connection.ops.adapt_decimalfield_value(value, max_digits, places)


def _insert_notices(notices: Sequence[Notice]) -> None:
    """Insert new notices and give each its id."""
    head, row, adapters = _notice_insert()
    # SQLite's default limit is 999 parameters a statement.
    limit = connection.features.max_query_params or 30000
    per_statement = max(1, min(1000, limit // len(adapters)))
    returning = f" RETURNING {connection.ops.quote_name('id')}"
    with connection.cursor() as cursor:
        for start in range(0, len(notices), per_statement):
            part = notices[start : start + per_statement]
            params: list[Any] = []
            for notice in part:
                for attname, adapt in adapters:
                    value = getattr(notice, attname)
                    params.append(adapt(value) if adapt is not None and value is not None else value)
            cursor.execute(head + ", ".join([row] * len(part)) + returning, params)
            for notice, (pk,) in zip(part, cursor.fetchall(), strict=True):
                notice.pk = pk
                notice._state.adding = False


@functools.cache
def _notice_update() -> tuple[str, list[tuple[str, Any]]]:
    """The UPDATE of a notice's compiled fields, and how to pass each value.

    Written directly, one statement run for every row, because the ORM's bulk_update builds a
    CASE of every row for every field, which cost more than compiling the notices.
    """
    _, _, adapters = _notice_insert()
    by_name = dict(adapters)
    quote = connection.ops.quote_name
    fields = [cast(models.Field, Notice._meta.get_field(name)) for name in NOTICE_UPDATED]
    assignments = ", ".join(f"{quote(field.column)} = {_placeholder(field.attname)}" for field in fields)
    statement = f"UPDATE {quote(Notice._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"
    return statement, [(field.attname, by_name.get(field.attname)) for field in fields]


def _update_notices(notices: Sequence[Notice]) -> None:
    """Write the compiled fields of notices already stored."""
    statement, adapters = _notice_update()
    rows = []
    for notice in notices:
        params: list[Any] = []
        for attname, adapt in adapters:
            value = getattr(notice, attname)
            params.append(adapt(value) if adapt is not None and value is not None else value)
        params.append(notice.pk)
        rows.append(params)
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)


@functools.cache
def _release_insert() -> str:
    """The INSERT for releases; written directly, as building a model per release costs more than the rest."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(cast(models.Field, Release._meta.get_field(name)).column) for name in RELEASE_COLUMNS)
    placeholders = ", ".join(_placeholder(name) for name in RELEASE_COLUMNS)
    return f"INSERT INTO {quote(Release._meta.db_table)} ({columns}) VALUES ({placeholders})"


def _insert_releases(rows: list[tuple[Any, ...]]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(_release_insert(), rows)


def _write_cpvs(creating: Sequence[Notice], updating: Sequence[Notice], old_codes: dict[int, str]) -> None:
    """The notices' CPV rows (rewritten only where the codes changed) and any CPV code not yet known."""
    changed = [notice for notice in updating if notice.cpv_codes != old_codes.get(notice.pk)]
    if changed:
        NoticeCpv.objects.filter(notice_id__in=[notice.pk for notice in changed]).delete()
    rows: list[tuple[int, str]] = []
    descriptions: dict[str, str] = {}
    for notice in [*creating, *changed]:
        cpvs: dict[str, str] = getattr(notice, "_cpvs", {})
        rows.extend((notice.pk, code) for code in cpvs)
        for code, description in cpvs.items():
            if description or code not in descriptions:
                descriptions[code] = description
    if rows:
        # New notices, and notices whose rows were just deleted: nothing to conflict with.
        quote = connection.ops.quote_name
        table = NoticeCpv._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({quote('notice_id')}, {quote('code')}) VALUES (%s, %s)", rows
            )
    if descriptions:
        CpvCode.objects.bulk_create(
            [CpvCode(code=code, description=description) for code, description in descriptions.items()],
            ignore_conflicts=True,
        )


def compile_notices(ocids: Iterable[str]) -> int:
    """Recompile these notices from their stored releases (all of them, in date order).

    Returns how many notices were recompiled. Notices with no stored release are left alone.
    """
    notes: list[str] = []
    with transaction.atomic():
        notices = list(Notice.objects.filter(ocid__in=list(ocids)).only(*NOTICE_LOADED))
        stored = _stored_entries(notice.pk for notice in notices)
        done: list[Notice] = []
        old_codes: dict[int, str] = {}
        for notice in notices:
            entries = _sort(stored.get(notice.pk, []))
            if not entries:
                continue
            old_codes[notice.pk] = notice.cpv_codes
            notice.release_count = len(entries)
            notice.published = None
            _apply(notice, compile_entries(notice.ocid, entries, None, notes), entries, notes)
            notice.updated = dt.datetime.now(dt.UTC)
            done.append(notice)
        if done:
            matches = _match(matching.Matcher.load(), done)
            _update_notices(done)
            _write_cpvs([], done, dict.fromkeys(old_codes, "\x00"))
            search.index_notices([], done)
            _write_matches(done, matches)
    return len(done)
