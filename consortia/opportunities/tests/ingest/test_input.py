"""What the feeds and files really send: formats, duplicates, broken packages, odd values."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import orjson

from consortia.opportunities.ingest import Ingester
from consortia.opportunities.models import ImportedFile, IngestRun, Notice, Release

from .conftest import CF_MINVALUE, CF_VCO, FTS, SAMPLE_PACKAGE, UK4, import_files, load


def line(path: Path) -> str:
    return json.dumps(load(path)) + "\n"


def test_gzipped_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt") as handle:
        handle.write(line(CF_VCO) + "\n" + line(CF_MINVALUE) + line(FTS))
    run = import_files(path)
    assert (run.packages_read, run.packages_committed, run.releases_new, run.notices_created) == (3, 3, 3, 3)
    assert run.status == "done"


def test_json_lines_of_releases_and_an_array_of_packages(tmp_path: Path) -> None:
    releases = tmp_path / "releases.jsonl"
    releases.write_text("".join(json.dumps(release) + "\n" for release in load(SAMPLE_PACKAGE)["releases"]))
    array = tmp_path / "packages.json"
    array.write_text(json.dumps([load(CF_VCO), load(CF_MINVALUE)], indent=1))
    run = import_files(releases, array)
    assert (run.packages_committed, run.releases_new, run.notices_created) == (8, 8, 3)


def test_a_pretty_printed_package_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "package.json.gz"
    with gzip.open(path, "wt") as handle:
        handle.write(json.dumps(load(SAMPLE_PACKAGE), indent=2))
    run = import_files(path, batch_size=2)
    assert (run.packages_committed, run.releases_new, run.notices_created, run.notices_updated) == (1, 6, 1, 2)


def test_the_same_package_twice_writes_nothing_the_second_time() -> None:
    import_files(SAMPLE_PACKAGE, CF_VCO)
    notice = Notice.objects.get(ocid="ocds-213czf-000-00001")
    # Read again (as a file that overlaps one imported before would be): every release is known.
    run = import_files(SAMPLE_PACKAGE, CF_VCO, again=True)
    assert (run.releases_read, run.releases_new, run.releases_duplicate) == (7, 0, 7)
    assert (run.notices_created, run.notices_updated, run.status) == (0, 0, "done")
    assert Release.objects.count() == 7
    assert Notice.objects.get(ocid="ocds-213czf-000-00001").updated == notice.updated
    # The very same files are recognised whole, before a release is read.
    run = import_files(SAMPLE_PACKAGE, CF_VCO)
    assert (run.releases_read, run.releases_new, run.status) == (0, 0, "done")
    assert run.messages.count("the same file was imported whole") == 2
    assert ImportedFile.objects.count() == 2


def test_the_same_release_twice_in_one_package(tmp_path: Path) -> None:
    package = load(CF_VCO)
    package["releases"] *= 2
    result = Ingester("cf").add_package_bytes(orjson.dumps(package), "page 1")
    assert (result.committed, result.releases_new, result.releases_duplicate) == (True, 1, 1)


def test_truncated_json_lines_keeps_the_whole_packages_before(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    text = line(CF_VCO) + line(CF_MINVALUE) + line(FTS)
    path.write_text(text[: len(text) - 200])
    run = import_files(path)
    assert (run.packages_committed, run.packages_refused, run.status) == (2, 1, "partly")
    assert Notice.objects.count() == 2
    assert not Notice.objects.filter(ocid="ocds-h6vhtk-0026ef-integration").exists()
    message = run.messages
    assert "cut.jsonl, package 3 (line 3): refused, not valid JSON: it stops early" in message
    assert "Nothing from it was written; the 2 packages before it in this file were committed" in message


def test_truncated_single_package_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    text = json.dumps(load(SAMPLE_PACKAGE), indent=2)
    path.write_text(text[: len(text) * 3 // 4])
    run = import_files(path, batch_size=2)
    assert (run.packages_committed, run.packages_refused, run.status) == (0, 1, "failed")
    assert not Release.objects.exists()
    assert not Notice.objects.exists()
    assert "cut.json: refused, after release" in run.messages
    assert (
        "the file ends in the middle of it (it may have been cut short). Nothing from this package was written"
        in run.messages
    )


def test_truncated_gzip(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    body = gzip.compress((line(CF_VCO) + line(CF_MINVALUE) + line(FTS)).encode())
    path.write_bytes(body[: len(body) - 40])
    run = import_files(path)
    assert run.packages_refused == 1
    assert run.packages_committed <= 2
    assert "refused" in run.messages
    assert "Nothing from it was written" in run.messages


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body>Service unavailable</body></html>\n")
    run = import_files(path)
    assert run.status == "failed"
    assert "page.html" in run.messages
    assert "not valid JSON" in run.messages
    result = Ingester("fts").add_package_bytes(
        b'{"releases": [{"ocid": "x", "id": 1}', "page 3 of https://example.org/feed"
    )
    assert not result.committed
    assert result.message.startswith("page 3 of https://example.org/feed: refused, not valid JSON: it stops early")
    result = Ingester("fts").add_package_bytes(b'{"releases": [}', "page 4")
    assert result.message == "page 4: refused, not valid JSON at character 15."
    assert Ingester("fts").add_package_bytes(b"", "page 5").message == "page 5: refused, empty (no JSON at all)."


def test_a_release_without_an_ocid_refuses_its_package() -> None:
    package = load(SAMPLE_PACKAGE)
    del package["releases"][3]["ocid"]
    ingester = Ingester("fts")
    result = ingester.add_package_bytes(orjson.dumps(package), "page 2")
    assert not result.committed
    assert result.message == "page 2: refused, release 4 has no ocid (the process's identifier)."
    assert not Release.objects.exists()
    run = ingester.finish()
    assert (run.status, run.packages_refused) == ("failed", 1)
    assert IngestRun.objects.get().messages == result.message


def test_a_number_too_large_is_kept_as_missing(tmp_path: Path) -> None:
    body = (tmp_path / "x").write_text  # noqa: F841  (keeps the signature simple)
    text = json.dumps(load(UK4)).replace('"amount": 250000', '"amount": 1e9999')
    result = Ingester("fts").add_package_bytes(text.encode(), "page 1")
    assert result.committed
    assert result.releases_new == 1
    notice = Notice.objects.get()
    assert notice.value_amount is None
    stored = json.loads(Release.objects.get().data)
    assert stored["tender"]["value"] == {"amount": None, "currency": "GBP", "amountGross": 300000}
    run = IngestRun.objects.get()
    run.refresh_from_db()
    path = tmp_path / "big.jsonl"
    path.write_text(text.replace("008123-2025", "008124-2025") + "\n")
    run = import_files(path)
    assert run.releases_new == 1
    assert "the number 1E+9999 cannot be read as a value and was treated as missing" in run.messages


def test_nonsense_dates_are_left_blank_with_a_note(tmp_path: Path) -> None:
    package = load(UK4)
    release = package["releases"][0]
    release["tender"]["tenderPeriod"]["endDate"] = "9999-12-31T23:59:59Z"
    release["tender"]["datePublished"] = "not yet"
    path = tmp_path / "dates.json"
    path.write_text(json.dumps(package))
    run = import_files(path)
    notice = Notice.objects.get()
    assert notice.deadline is None
    assert notice.published is not None  # the release's own date
    assert "The submission deadline “9999-12-31T23:59:59Z” is not a plausible date; left blank" in run.messages
    assert "The tender's publication date “not yet” is not a date; left blank" in run.messages
    assert run.status == "done"


def test_release_with_year_one_date(tmp_path: Path) -> None:
    package = load(CF_VCO)
    package["releases"][0]["date"] = "0001-01-01T00:00:00Z"
    result = Ingester("cf").add_package_bytes(orjson.dumps(package), "page 1")
    assert result.committed
    notice = Notice.objects.get()
    assert notice.last_release is None
    assert notice.published is None
    assert Release.objects.get().date is None


def test_missing_fields_are_tolerated() -> None:
    body = orjson.dumps({"releases": [{"ocid": "ocds-x-1", "id": "1"}, {"ocid": "ocds-x-2", "id": 2, "tender": None}]})
    result = Ingester("file").add_package_bytes(body, "bare")
    assert result.committed
    assert result.notices_created == 2
    assert set(Notice.objects.values_list("title", flat=True)) == {""}
