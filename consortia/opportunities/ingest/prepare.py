"""Turning one release, as a file or feed sent it, into what is stored: its JSON and content hash.

Numbers arrive as `Decimal` from the streaming parser and as floats from a whole-page parse; both
are written back exactly as given, except numbers no database or merge can hold (`1e9999`),
which become null, with a note, rather than stopping the import.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import orjson
from django.db import connection

from consortia.opportunities.ocds import notice_type_of, text

MAX_OCID = 150
MAX_RELEASE_ID = 200
LARGEST_INT = 2**63


class PackageRefused(Exception):
    """A package cannot be stored as a whole; the message says why, in plain English."""


@dataclass(slots=True)
class Prepared:
    """One release ready to store: its keys, its JSON text and the parsed copy the merge reads.

    `release` is the release as parsed: numbers may be Decimal (see `dumps` and `as_floats`).
    It is None when the release was sent from the import's worker process without it, because
    parsing `data` again gives exactly the same values (`exact`); `parsed()` then reads it back.
    """

    ocid: str
    release_id: str
    date_text: str
    tags: str
    notice_type: str
    content_hash: str
    data: str | bytes  # the JSON text, as `stored_text` gives it to the database
    release: dict[str, Any] | None
    # Whether `data` parses back to `release` exactly: no Decimal, nothing sanitised.
    exact: bool = False

    def parsed(self) -> dict[str, Any]:
        """The release as parsed (read back from `data` when it was sent without it)."""
        if self.release is None:
            self.release = orjson.loads(self.data)
        return self.release

    def detached(self) -> Prepared:
        """This release without its parsed copy when `data` gives it back exactly, to send
        between processes for less than the parsed copy costs to pickle."""
        if not self.exact or self.release is None:
            return self
        return Prepared(
            self.ocid, self.release_id, self.date_text, self.tags, self.notice_type, self.content_hash, self.data,
            None, True,
        )  # fmt: skip


def stored_text(data: bytes) -> str | bytes:
    """UTF-8 JSON text as the import hands it to the database: on SQLite the bytes themselves,
    which the import's INSERT and UPDATE turn into text in the database (`text_placeholder`);
    elsewhere decoded. Decoding every release and compiled release to Python text, only for the
    text to be encoded again to cross from the worker process, cost more than merging them."""
    return data if connection.vendor == "sqlite" else data.decode()


def text_placeholder() -> str:
    """The SQL placeholder for a value from `stored_text`: SQLite reads bytes cast to text as the
    UTF-8 text they hold, byte for byte (and text cast to text is the text)."""
    return "CAST(%s AS TEXT)" if connection.vendor == "sqlite" else "%s"


def _sanitised(value: Any) -> Any:
    """The value with integers too long for JSON numbers in 64 bits written as floats (or null)."""
    if isinstance(value, dict):
        return {key: _sanitised(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_sanitised(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and not -LARGEST_INT <= value < 2 * LARGEST_INT:
        number = float(value)
        return number if math.isfinite(number) else None
    return value


def _as_float(value: Any) -> Any:
    """orjson's fallback for the hash: a Decimal as the float it stands for (so 1.50 and 1.5 hash alike)."""
    if isinstance(value, Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    raise TypeError


def _as_written(value: Any) -> Any:
    """orjson's fallback for storing: a Decimal exactly as written; one no float can hold, null."""
    if isinstance(value, Decimal):
        return orjson.Fragment(str(value)) if math.isfinite(float(value)) else None
    raise TypeError


def dumps(value: Any) -> bytes:
    """Compact JSON of parsed OCDS data, whichever parser read it (Decimal-safe)."""
    return orjson.dumps(value, default=_as_written)


def as_floats(value: Any) -> Any:
    """The data with its Decimals as floats, for code that takes only JSON's own types."""
    return orjson.loads(orjson.dumps(value, default=_as_float))


def serialise(release: dict[str, Any]) -> tuple[bytes, list[str], dict[str, Any], bool]:
    """The release as compact JSON, the numbers that could not be kept, the release to merge, and
    whether the JSON parses back to exactly that release (nothing was converted)."""
    unusable: list[str] = []
    converted = False

    def number(value: Any) -> Any:
        nonlocal converted
        converted = True
        if isinstance(value, Decimal):
            if math.isfinite(float(value)):
                # The number exactly as written (orjson would otherwise refuse Decimal).
                return orjson.Fragment(str(value))
            unusable.append(str(value))
            return None
        raise TypeError

    try:
        data = orjson.dumps(release, default=number)
    except TypeError:
        unusable.clear()
        release = _sanitised(release)
        data = orjson.dumps(release, default=number)
        converted = True
    return data, unusable, release, not converted


def prepare(raw: Any, number: int, notes: list[str]) -> Prepared:
    """Check and serialise the package's `number`th release (counting from 1).

    Raises `PackageRefused` for a release the notices cannot be built from: not an object, or
    without an ocid or id.
    """
    if not isinstance(raw, dict):
        raise PackageRefused(f"release {number} is not a JSON object")
    ocid = text(raw.get("ocid"))
    if not ocid:
        raise PackageRefused(f"release {number} has no ocid (the process's identifier)")
    if len(ocid) > MAX_OCID:
        raise PackageRefused(f"release {number} has an ocid longer than {MAX_OCID} characters")
    release_id = text(raw.get("id"))
    if not release_id:
        raise PackageRefused(f"release {number} ({ocid}) has no id")
    if len(release_id) > MAX_RELEASE_ID:
        raise PackageRefused(f"release {number} ({ocid}) has an id longer than {MAX_RELEASE_ID} characters")
    data, unusable, release, exact = serialise(raw)
    if unusable:
        notes.append(
            f"{ocid} release {release_id}: the number{'s' if len(unusable) > 1 else ''} "
            f"{', '.join(unusable[:3])} cannot be read as a value and {'were' if len(unusable) > 1 else 'was'} "
            "treated as missing"
        )
    tags = release.get("tag")
    if isinstance(tags, str):
        tags = [tags]
    tag_text = " ".join(tag for tag in tags if isinstance(tag, str)) if isinstance(tags, list) else ""
    date = release.get("date")
    return Prepared(
        ocid=ocid,
        release_id=release_id,
        date_text=date if isinstance(date, str) else "",
        tags=tag_text[:200],
        notice_type=notice_type_of(release),
        content_hash=hashlib.sha256(orjson.dumps(release, option=orjson.OPT_SORT_KEYS, default=_as_float)).hexdigest(),
        data=stored_text(data),
        release=release,
        exact=exact,
    )
