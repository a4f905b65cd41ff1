"""Full-text search over tender notices, one interface for SQLite and PostgreSQL.

`search_notices(queryset, text)` keeps the notices whose `search_text` (title, description,
buyer and CPV descriptions, filled by the ingest code) matches every word the user typed, and
annotates each with `relevance` (higher is better, so order by `-relevance`).
`reindex(ids)` brings the index up to date after notices were written; the import uses
`index_notices(created, changed)`, which indexes the notices it holds without reading them back.

SQLite keeps an FTS5 table, `opportunities_notice_fts`, holding its own copy of each notice's
text under the notice's id. It is kept by `reindex` (two statements a batch) rather than by
triggers: triggers index row by row, which measured four times slower for a bulk load of
50,000 notices, and an external-content table cannot be corrected after the row it copies has
changed. PostgreSQL needs nothing: the GIN index on `to_tsvector('english', search_text)` is
kept by the database itself, so `reindex` does nothing there.

What people type is never passed through as query syntax: it is cut into words (and quoted
phrases), so quotes, `AND`, `*`, `NEAR(` or an emoji never raise an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import F, FloatField, Func, QuerySet, Value
from django.db.models.expressions import RawSQL

FTS_TABLE = "opportunities_notice_fts"
NOTICE_TABLE = "opportunities_notice"
BATCH = 500
MAX_TERMS = 12

# Words too common to search for. PostgreSQL's English configuration drops these itself; FTS5
# would demand them, so they are dropped before either sees the query and both agree.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "not",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "there",
        "these",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|([^"\s]+)')
_WORD = re.compile(r"\w+")


def terms(text: str) -> list[list[str]]:
    """The words and quoted phrases of `text`, each a list of plain lower-case words.

    Everything that is not a letter or digit is dropped, so the result can be quoted into any
    query language safely. An unbalanced quote is treated as punctuation.
    """
    found: list[list[str]] = []
    for phrase, word in _PHRASE_OR_WORD.findall(text):
        words = [w.lower() for w in _WORD.findall(phrase or word)]
        words = [w for w in words if w not in STOP_WORDS] if not phrase else words
        if phrase and words:
            found.append(words)
        else:
            found.extend([w] for w in words)
    return found[:MAX_TERMS]


def fts5_query(parts: list[list[str]]) -> str:
    """An FTS5 MATCH expression: every word or phrase must appear (each is a quoted string)."""
    return " ".join('"' + " ".join(part) + '"' for part in parts)


def websearch_query(parts: list[list[str]]) -> str:
    """The same terms for PostgreSQL's `websearch_to_tsquery` (quoted phrases, words ANDed)."""
    return " ".join('"' + " ".join(part) + '"' if len(part) > 1 else part[0] for part in parts)


class _NoticeVector(Func):
    """`to_tsvector('english', search_text)`, written exactly as the GIN index is, so the
    planner uses the index."""

    template = "to_tsvector('english'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def search_notices(queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
    """Notices of `queryset` matching `text`, annotated with `relevance` (higher is better).

    Text with nothing to search for (empty, only punctuation or common words) leaves the
    queryset unfiltered, with a relevance of 0 for every notice, as an empty search box does.
    """
    parts = terms(text or "")
    if not parts:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        query = SearchQuery(websearch_query(parts), search_type="websearch", config="english")
        vector = _NoticeVector(F("search_text"))
        return (
            queryset.alias(_search_vector=vector)
            .filter(_search_vector=query)
            .annotate(relevance=SearchRank(vector, query))
        )
    # FTS5's rank is only known inside the query that matches, so the index is joined in, not
    # asked through a subquery (a correlated bm25() would rescan the index for every row).
    return queryset.extra(  # the table names are constants; what was typed is a parameter
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {NOTICE_TABLE}.id", f"{FTS_TABLE} MATCH %s"],
        params=[fts5_query(parts)],
        select={"relevance": f"-bm25({FTS_TABLE})"},
    )


def matching_ids(text: str) -> RawSQL | None:
    """A subquery of the ids of notices matching `text` (None when there is nothing to search),
    for filters that only need to know whether a notice matches."""
    parts = terms(text or "")
    if not parts:
        return None
    if connection.vendor == "postgresql":
        return RawSQL(
            f"SELECT id FROM {NOTICE_TABLE} WHERE to_tsvector('english'::regconfig, search_text) "
            "@@ websearch_to_tsquery('english'::regconfig, %s)",
            [websearch_query(parts)],
        )
    return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [fts5_query(parts)])


def reindex(notice_ids: Iterable[int]) -> None:
    """Bring the full-text index up to date for these notices (just written, changed or deleted).

    On SQLite, each batch of ids costs two statements: their old entries out, their current
    text in. A deleted notice's id simply leaves the index. On PostgreSQL the index keeps
    itself up to date and nothing is done.
    """
    if connection.vendor != "sqlite":
        return
    ids = sorted({int(pk) for pk in notice_ids})
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", batch)
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, search_text) "
                f"SELECT id, search_text FROM {NOTICE_TABLE} WHERE id IN ({marks}) AND search_text != ''",
                batch,
            )


def index_notices(created: Sequence[Any], changed: Sequence[Any]) -> None:
    """Index notices just written, from the notices in hand: `created` were never indexed,
    `changed` were and their old entries go first. SQLite only, as `reindex`.

    The same index as `reindex` gives, without reading the text back: new notices have no
    entry to delete (deleting absent rowids from FTS5 costs as much as inserting).
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        ids = [notice.pk for notice in changed]
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(batch))})", batch)
        rows = [(notice.pk, notice.search_text) for notice in [*created, *changed] if notice.search_text != ""]
        if rows:
            cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, search_text) VALUES (%s, %s)", rows)


def reindex_all() -> None:
    """Rebuild the whole SQLite index from the notices (after a restore, or to repair it)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, search_text) "
            f"SELECT id, search_text FROM {NOTICE_TABLE} WHERE search_text != ''"
        )
