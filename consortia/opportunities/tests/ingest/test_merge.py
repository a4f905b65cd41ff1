"""The fast merge gives exactly what ocdsmerge gives, on real releases and on awkward ones."""

from __future__ import annotations

import copy
import warnings
from typing import Any

import ocdsmerge
import orjson
import pytest

from consortia.opportunities.ingest.merge import Unsupported, compile_release, merge_onto
from consortia.opportunities.ingest.store import Entry, compile_entries
from consortia.opportunities.schema import release_schema

from . import generate
from .conftest import CF_MINVALUE, CF_VCO, FTS, SAMPLE_PACKAGE, UK4, UK6, load

AWKWARD: list[dict[str, Any]] = [
    {
        "ocid": "o",
        "id": "1",
        "date": "2020-01-01",
        "tag": ["tender"],
        "tender": {
            "id": "t",
            "value": {"amount": None},
            # Two objects with one id are merged; objects without an id are kept apart; {} is dropped.
            "items": [{"id": 1, "x": 1}, {"id": 1, "y": 2}, {"z": 3}, {}],
            "lots": [],
            "documents": [{"id": "d"}],
            "empty": {},
            "nested": {"a": {}},
        },
        "parties": [{"id": "p", "roles": ["buyer"], "address": {"region": None}}],
    },
    {
        "ocid": "o",
        "id": "2",
        "date": "2020-02-01",
        "tag": ["award"],
        "tender": {
            "id": "t",
            "value": {"amount": 5, "currency": None},
            "items": [{"id": 1, "x": None}, {"id": 2}],
            "title": None,
        },
        "awards": [{"id": "a", "suppliers": [{"id": "s", "name": "S"}], "items": [{"id": "i"}]}],
        "parties": [{"id": "p", "roles": ["buyer", "payer"]}],
    },
    {
        "ocid": "o",
        "id": "3",
        "date": "2020-03-01",
        "tag": ["award"],
        "tender": {"items": [{"id": 2, "classification": {"id": "x"}}]},
        "awards": [{"id": "a", "suppliers": [{"id": "s2"}]}],
    },
]


# A value removed by a null, then given as an object by a later release.
NULL_THEN_OBJECT: list[dict[str, Any]] = [
    {"ocid": "n", "id": "1", "date": "2020-01-01", "tender": {"id": "t", "value": None, "items": [{"id": "1"}]}},
    {"ocid": "n", "id": "2", "date": "2020-02-01", "tender": {"value": {"amount": 3}, "title": None}},
    {"ocid": "n", "id": "3", "date": "2020-03-01", "tender": {"items": [{"id": "2", "quantity": 1}]}},
]


def reference(releases: list[dict[str, Any]]) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ocdsmerge.Merger(release_schema()).create_compiled_release(releases)


def cases() -> list[list[dict[str, Any]]]:
    sample = sorted(load(SAMPLE_PACKAGE)["releases"], key=lambda release: release["date"])
    found = [sample, sample[:1], sample[2:], AWKWARD, AWKWARD[:1], AWKWARD[1:], NULL_THEN_OBJECT]
    found += [load(path)["releases"] for path in (CF_VCO, CF_MINVALUE, FTS)]
    found.append([load(UK4)["releases"][0], load(UK6)["releases"][0]])
    # Releases of many processes merged as one: a long sequence, in date order as ocdsmerge sorts them.
    found.append(sorted(generate.releases(40), key=lambda release: release["date"]))
    return found


@pytest.mark.parametrize("releases", cases())
def test_fast_merge_equals_ocdsmerge(releases: list[dict[str, Any]]) -> None:
    assert compile_release(releases) == reference(releases)


@pytest.mark.parametrize("releases", cases())
def test_merging_onto_a_compiled_release_equals_ocdsmerge_doing_the_same(releases: list[dict[str, Any]]) -> None:
    for split in range(1, len(releases)):
        expected = reference([reference(releases[:split]), *releases[split:]])
        assert compile_release([compile_release(releases[:split]), *releases[split:]]) == expected


@pytest.mark.parametrize("releases", cases())
def test_merging_onto_a_compiled_release_in_place_equals_merging_everything(releases: list[dict[str, Any]]) -> None:
    """`merge_onto` changes a compiled release only where the new releases have fields, and gives
    what merging every release from the start gives (unlike ocdsmerge merging the compiled
    release as a release, which drops the empty objects nulls leave: AWKWARD shows it)."""
    expected = reference(releases)
    for split in range(1, len(releases)):
        compiled = compile_release(releases[:split])
        untouched = copy.deepcopy(compiled)
        assert merge_onto(compiled, releases[split:]) == expected
        for release in releases[split:]:
            assert release == copy.deepcopy(release)  # the releases themselves are not changed
        assert compile_release(releases[:split]) == untouched


@pytest.mark.parametrize("releases", cases())
def test_compiling_that_takes_over_the_first_release_gives_the_same_compiled_release(
    releases: list[dict[str, Any]],
) -> None:
    """`consume` reuses the first release's objects instead of copying them: the same compiled
    release, to the byte (the order of its keys too)."""
    expected = orjson.dumps(compile_release(releases))
    consumed = copy.deepcopy(releases)
    assert orjson.dumps(compile_release(consumed, consume=True)) == expected
    for split in range(1, len(releases)):
        first = compile_release(copy.deepcopy(releases[:split]), consume=True)
        assert orjson.dumps(merge_onto(first, releases[split:])) == expected


def test_a_consumed_release_that_the_fast_merge_gives_up_on_is_read_again_from_its_text() -> None:
    releases = [
        {"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {"value": {"amount": 1}, "items": [{"id": "1"}]}},
        {"ocid": "o", "id": "2", "date": "2020-02-01", "tender": {"value": "unknown"}},
    ]
    expected = compile_entries("o", [Entry(r, r["date"], "", "") for r in copy.deepcopy(releases)], None, [])
    entries = [Entry(r, r["date"], "", "", orjson.dumps(r)) for r in copy.deepcopy(releases)]
    with pytest.raises(Unsupported):  # the fast merge changes the first release, then gives up
        compile_release([entry.release for entry in copy.deepcopy(entries)], consume=True)
    notes: list[str] = []
    assert compile_entries("o", entries, None, notes, consume=True) == expected
    assert expected["tender"]["value"] == {"amount": 1}
    assert notes == []


def test_merging_onto_a_compiled_release_in_place_leaves_awkward_cases_to_the_general_merge() -> None:
    compiled = compile_release([{"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {"value": {"amount": 1}}}])
    with pytest.raises(Unsupported):
        merge_onto(compiled, [{"ocid": "o", "id": "2", "date": "2020-02-01", "tender": {"value": "unknown"}}])
    with pytest.raises(Unsupported):  # two items with one id in a stored compiled release
        merge_onto({"tender": {"items": [{"id": "1"}, {"id": 1}]}}, [{"tender": {"items": [{"id": "1", "x": 1}]}}])
    notes: list[str] = []
    text = orjson.dumps(compiled).decode()
    later = {"ocid": "o", "id": "2", "date": "2020-02-01", "tender": {"value": "unknown"}}
    result = compile_entries("o", [Entry(later, later["date"], "", "")], text, notes, parsed=orjson.loads(text))
    # Parsed again from its text and merged by ocdsmerge_rs, which keeps the object.
    assert result["tender"]["value"] == {"amount": 1}
    assert result["id"] == "o-2020-02-01"
    assert notes == []


def test_an_object_that_becomes_a_value_is_left_to_ocdsmerge() -> None:
    releases = [
        {"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {"value": {"amount": 1}}},
        {"ocid": "o", "id": "2", "date": "2020-02-01", "tender": {"value": "unknown"}},
    ]
    with pytest.raises(Unsupported):
        compile_release(releases)
    notes: list[str] = []
    entries = [Entry(release, release["date"], "", "") for release in releases]
    result = compile_entries("o", entries, None, notes)
    # ocdsmerge_rs takes over and, like ocdsmerge, keeps the object.
    assert result == reference(releases)
    assert result["tender"]["value"] == {"amount": 1}
    assert notes == []
