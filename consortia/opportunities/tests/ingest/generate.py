"""Large OCDS files for the import's memory and speed tests, made from a real Contracts Finder release.

Each process gets a tender release and, for every third process, an award release a month
later, so the import both creates notices and merges onto them. Written a release at a time,
so making a big file costs no memory either.
"""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import json
import uuid
from pathlib import Path
from typing import IO, Any

DATA = Path(__file__).resolve().parents[5] / "shared" / "data"
TEMPLATE = DATA / "contracts-finder" / "ocds-b5fd17raw-8d4f7655-8273-482e-9877-1057a95a2501.json"


def template() -> dict[str, Any]:
    release: dict[str, Any] = json.loads(TEMPLATE.read_text())["releases"][0]
    return release


def releases(count: int, seed: int = 0) -> Any:
    """`count` releases of about count / 1.33 processes, in date order per process."""
    base = template()
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    made = 0
    process = 0
    while made < count:
        guid = str(uuid.UUID(int=(seed << 64) + process))
        ocid = f"ocds-b5fd17-{guid}"
        date = start + dt.timedelta(minutes=process)
        tender = copy.deepcopy(base)
        tender.pop("awards", None)
        tender["ocid"] = ocid
        tender["id"] = f"{ocid}-tender"
        tender["date"] = date.isoformat().replace("+00:00", "Z")
        tender["tender"]["title"] = f"Process {process}: {base['tender']['title']}"
        tender["tender"]["value"]["amount"] = 1000 + process
        yield tender
        made += 1
        if process % 3 == 0 and made < count:
            award = copy.deepcopy(base)
            award["ocid"] = ocid
            award["id"] = f"{ocid}-award"
            award["tag"] = ["award"]
            award["date"] = (date + dt.timedelta(days=30)).isoformat().replace("+00:00", "Z")
            yield award
            made += 1
        process += 1


def _open(path: Path) -> IO[str]:
    return gzip.open(path, "wt") if path.suffix == ".gz" else path.open("w")


def write_package(path: Path, count: int, seed: int = 0) -> Path:
    """One release package holding `count` releases (gzipped when the name ends .gz)."""
    with _open(path) as handle:
        handle.write('{"uri": "https://example.org/generated", "version": "1.1", "releases": [\n')
        for number, release in enumerate(releases(count, seed)):
            handle.write(("," if number else "") + json.dumps(release) + "\n")
        handle.write("]}\n")
    return path


def write_lines(path: Path, count: int, per_package: int = 1, seed: int = 0) -> Path:
    """JSON lines, one release package of `per_package` releases a line."""
    with _open(path) as handle:
        chunk: list[Any] = []
        for release in releases(count, seed):
            chunk.append(release)
            if len(chunk) == per_package:
                handle.write(json.dumps({"version": "1.1", "releases": chunk}) + "\n")
                chunk = []
        if chunk:
            handle.write(json.dumps({"version": "1.1", "releases": chunk}) + "\n")
    return path
