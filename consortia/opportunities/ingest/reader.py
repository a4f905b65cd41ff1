"""Reading OCDS files of any size: which shape a file has, and its packages one at a time.

A file may hold one release package or record package, a JSON array of packages or of releases,
or JSON lines of packages or of releases, any of them gzipped. A single package is streamed
release by release (ijson), so its size does not matter; arrays and JSON lines are read one
element or line at a time, each element being one package (or one release).
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import ijson
import orjson

from consortia.opportunities.ingest.prepare import PackageRefused
from consortia.opportunities.ocds import obj, text

# How much of a file is looked at to tell its shape. A first line longer than this is read as one
# document, streamed (ijson reads JSON lines that way too, as one package).
HEAD_BYTES = 1024 * 1024
PACKAGE_KEY = re.compile(rb'"(records|releases)"\s*:')
BOM = b"\xef\xbb\xbf"
# Errors that mean the bytes of a file could not be read as JSON (garbled, cut short, bad gzip).
READ_ERRORS = (ijson.JSONError, EOFError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError)
# Keys only a release with data has; a "linked release" in a record has just url, date and tag.
RELEASE_DATA_KEYS = {"id", "ocid", "planning", "tender", "awards", "contracts", "parties", "buyer"}


@dataclass
class Unit:
    """One package of a file (or one bare release), or why it could not be read.

    `value` is the parsed package; `stream` instead yields the releases of a package too big to
    hold (the whole file is one package). `fatal` means nothing after it can be read.
    """

    label: str
    value: Any = None
    stream: Iterator[Any] | None = None
    error: str = ""
    fatal: bool = False
    notes: list[str] = field(default_factory=list)


class NotJSON(Exception):
    """Bytes that are not JSON; the message says where, in plain English."""


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when it is gzipped (judged by its content, not its name)."""
    handle = path.open("rb")
    if handle.read(2) == b"\x1f\x8b":
        handle.seek(0)
        return cast(IO[bytes], gzip.GzipFile(fileobj=handle, mode="rb"))
    handle.seek(0)
    return handle


def parse_json(body: bytes) -> Any:
    """Parse one JSON value; numbers too large for a float (1e9999) are kept as Decimal."""
    if body.startswith(BOM):
        body = body[len(BOM) :]
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as error:
        if "infinity" in str(error):
            try:
                return next(ijson.items(io.BytesIO(body), ""))
            except (*READ_ERRORS, StopIteration):
                pass
        raise NotJSON(describe_decode_error(error, len(body))) from error


def describe_decode_error(error: orjson.JSONDecodeError, length: int) -> str:
    """Why bytes are not JSON, for a person: where, and whether they just stop early."""
    if "UTF-8" in error.msg:
        return "not valid text (it is not UTF-8)"
    if length == 0 or not error.doc.strip():
        return "empty (no JSON at all)"
    if error.pos >= len(error.doc.rstrip()) or "end of data" in error.msg:
        return f"not valid JSON: it stops early, at character {error.pos + 1} (cut short?)"
    return f"not valid JSON at character {error.pos + 1}"


def describe_read_error(error: BaseException) -> str:
    """Why a streamed file could not be read further."""
    message = str(error)
    if isinstance(error, EOFError) or "premature EOF" in message or "Incomplete" in type(error).__name__:
        return "the file ends in the middle of it (it may have been cut short)"
    if isinstance(error, zlib.error | gzip.BadGzipFile):
        return f"the gzip file is damaged ({message})"
    first = message.strip().splitlines()[0] if message.strip() else type(error).__name__
    return f"it is not valid JSON ({first})"


def releases_of(value: Any, notes: list[str]) -> list[Any]:
    """The releases of a parsed release package, record package or bare release.

    A record's `compiledRelease` is not trusted (the notices are compiled here) and its linked
    releases, which are only addresses, are skipped with a note.
    """
    if isinstance(value, dict):
        if isinstance(value.get("releases"), list) and "ocid" not in value:
            return list(value["releases"])
        if isinstance(value.get("records"), list):
            releases: list[Any] = []
            for number, record in enumerate(value["records"], 1):
                releases.extend(record_releases(record, number, notes))
            return releases
        if "ocid" in value or ("id" in value and "tag" in value):
            return [value]
    raise PackageRefused("it is not a release package, a record package or a release")


def record_releases(record: Any, number: int, notes: list[str]) -> list[Any]:
    """The releases with data of one record of a record package."""
    record = obj(record)
    ocid = text(record.get("ocid")) or "no ocid"
    releases = record.get("releases")
    if not isinstance(releases, list):
        notes.append(f"record {number} ({ocid}) has no releases; its compiled release is not used")
        return []
    kept = [release for release in releases if not isinstance(release, dict) or RELEASE_DATA_KEYS & release.keys()]
    skipped = len(releases) - len(kept)
    if skipped:
        notes.append(
            f"record {number} ({ocid}): {skipped} linked release{'s' if skipped > 1 else ''} "
            "(an address only, no data) skipped"
        )
    return kept


def read_head(path: Path) -> bytes:
    """The first bytes of a file (decompressed), as many as can be read if it is damaged."""
    chunks: list[bytes] = []
    size = 0
    with open_binary(path) as handle:
        while size < HEAD_BYTES:
            try:
                chunk = handle.read(min(1 << 16, HEAD_BYTES - size))
            except READ_ERRORS:
                break
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    return b"".join(chunks)


def detect(path: Path) -> str:
    """The shape of a file: "lines", "array", "document" (one package) or "empty"."""
    head = read_head(path)
    start = len(head) - len(head.removeprefix(BOM).lstrip())
    if start == len(head):
        return "empty"
    if head[start : start + 1] == b"[":
        return "array"
    newline = head.find(b"\n", start)
    if newline == -1:
        # One line: JSON lines of one package, unless it is too long to hold.
        return "lines" if len(head) < HEAD_BYTES else "document"
    try:
        parse_json(head[start:newline])
    except NotJSON:
        return "document"
    return "lines"


def read_units(path: Path) -> Iterator[Unit]:
    """The packages of a file, in order; a read error ends the file with a fatal unit."""
    shape = detect(path)
    name = path.name
    if shape == "empty":
        yield Unit(label=name, error="the file is empty", fatal=True)
    elif shape == "lines":
        yield from _lines(path, name)
    elif shape == "array":
        yield from _array(path, name)
    else:
        yield from _document(path, name)


def _lines(path: Path, name: str) -> Iterator[Unit]:
    number = 0
    with open_binary(path) as handle:
        lines = iter(io.BufferedReader(handle, buffer_size=1 << 20) if isinstance(handle, gzip.GzipFile) else handle)
        line_number = 0
        while True:
            try:
                line = next(lines)
            except StopIteration:
                return
            except READ_ERRORS as error:
                yield Unit(label=f"{name}, after line {line_number}", error=describe_read_error(error), fatal=True)
                return
            line_number += 1
            if not line.strip():
                continue
            number += 1
            label = f"{name}, package {number} (line {line_number})"
            try:
                yield Unit(label=label, value=parse_json(line))
            except NotJSON as error:
                yield Unit(label=label, error=str(error))


def _array(path: Path, name: str) -> Iterator[Unit]:
    number = 0
    with open_binary(path) as handle:
        items = ijson.items(handle, "item")
        while True:
            try:
                value = next(items)
            except StopIteration:
                return
            except READ_ERRORS as error:
                yield Unit(label=f"{name}, item {number + 1}", error=describe_read_error(error), fatal=True)
                return
            number += 1
            yield Unit(label=f"{name}, item {number}", value=value)


def _document(path: Path, name: str) -> Iterator[Unit]:
    match = PACKAGE_KEY.search(read_head(path))
    if match is None:
        # Neither key near the start: a bare release, or not OCDS; small enough to read whole.
        try:
            with open_binary(path) as handle:
                yield Unit(label=name, value=parse_json(handle.read()))
        except NotJSON as error:
            yield Unit(label=name, error=str(error), fatal=True)
        except READ_ERRORS as error:
            yield Unit(label=name, error=describe_read_error(error), fatal=True)
        return
    notes: list[str] = []
    yield Unit(label=name, stream=_stream(path, match.group(1).decode(), notes), notes=notes)


def _stream(path: Path, key: str, notes: list[str]) -> Iterator[Any]:
    """The releases of a file holding one package, one at a time (read errors propagate)."""
    with open_binary(path) as handle:
        if key == "releases":
            yield from ijson.items(handle, "releases.item", multiple_values=True)
        else:
            for number, record in enumerate(ijson.items(handle, "records.item", multiple_values=True), 1):
                yield from record_releases(record, number, notes)
