"""Importing a file with a worker process writes exactly what importing it in one process writes.

The files mix what the batches must get right between them: processes whose releases land in
different batches, a batch split in two chunks, releases older than their compiled release
(compiled again from the stored ones, some of them not written yet when the worker asks),
repeats, a refused package and a line that is not JSON; and a second file updating the first's.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from consortia.directory.models import Area
from consortia.directory.tests.factories import OrganisationFactory
from consortia.members.choices import MembershipStatus
from consortia.members.models import Capability, ServiceCategory
from consortia.members.tests.membership.factories import MembershipFactory
from consortia.opportunities import ocds, search
from consortia.opportunities.choices import RunStatus
from consortia.opportunities.ingest import Ingester, store
from consortia.opportunities.ingest.ingester import RUN_COUNTERS, WORKER_MIN_BYTES, a_core_is_free, idle_cores
from consortia.opportunities.models import ImportedFile, IngestRun, Notice, NoticeCpv, NoticeMatch, Release

from . import generate

BATCH = 20  # packages of 7 releases: a batch is 21 releases, written as chunks of 20 and 1


def _line(releases: list[dict[str, Any]]) -> str:
    return json.dumps({"version": "1.1", "releases": releases}) + "\n"


def write_files(folder: Path) -> list[Path]:
    made = list(generate.releases(150, seed=5))

    def early(release: dict[str, Any]) -> dict[str, Any]:
        """A planning release dated before the process's tender."""
        copied = copy.deepcopy(release)
        copied["id"] = f"{copied['ocid']}-planning"
        copied["date"] = "2023-06-01T00:00:00Z"
        copied["tag"] = ["planning"]
        copied["tender"]["title"] = "An earlier title"
        return copied

    # The first batch's last release (its second chunk) is older than a notice its first chunk
    # makes: compiled again from releases planned but not yet written.
    lines = [_line(made[0:7]), _line(made[7:14]), _line([*made[14:20], early(made[3])])]
    lines += [_line(made[start : start + 7]) for start in range(20, len(made), 7)]
    lines.append(_line([early(made[0])]))  # and one whose notice was written long before
    lines.insert(5, lines[1])  # a package sent twice
    nameless = copy.deepcopy(made[10])
    del nameless["ocid"]
    lines.insert(8, _line([made[11], nameless]))  # refused whole
    lines.insert(12, "{not json\n")
    first = folder / "first.jsonl"
    first.write_text("".join(lines))

    updates = []
    for release in made[:30:4]:
        award = copy.deepcopy(release)
        award["id"] = f"{release['ocid']}-award-2"
        award["tag"] = ["awardUpdate"]
        award["date"] = "2025-03-01T00:00:00Z"
        award["tender"]["value"]["amount"] = 5
        updates.append(award)
    second = folder / "second.jsonl"
    second.write_text("".join(_line(updates[start : start + 3]) for start in range(0, len(updates), 3)))
    # A file with a bad line after its first package (the packages before it are counted from the
    # file's start, not the run's), and the second file again (imported whole already: skipped).
    third = folder / "third.jsonl"
    later = []
    for release in made[40:60:5]:
        award = copy.deepcopy(release)
        award["id"] = f"{release['ocid']}-award-3"
        award["tag"] = ["award"]
        award["date"] = "2025-04-01T00:00:00Z"
        later.append(award)
    third.write_text(_line(later[:2]) + "{not json either\n" + _line(later[2:]))
    again = folder / "second-again.jsonl"
    again.write_bytes(second.read_bytes())
    return [first, second, third, again]


def import_all(files: list[Path], *, worker: bool, together: bool = False) -> list[int]:
    """Import the files one call each, or all in one call (one worker process for them all)."""
    progress: list[int] = []
    ingester = Ingester("file", files=[path.name for path in files], batch_size=BATCH, worker=worker,
                        progress=progress.append)  # fmt: skip
    if together:
        ingester.import_files(files)
    else:
        for path in files:
            ingester.import_file(path)
    ingester.finish()
    return progress


def notice_fields() -> list[str]:
    return [
        field.attname for field in Notice._meta.concrete_fields if field.attname not in {"id", "created", "updated"}
    ]


def snapshot() -> dict[str, Any]:
    fields = notice_fields()
    ocids = dict(Notice.objects.values_list("id", "ocid"))
    state = {
        "notices": sorted(Notice.objects.values_list(*fields)),
        "releases": sorted(
            Release.objects.values_list(
                "ocid", "release_id", "date", "tags", "notice_type", "source", "content_hash", "data", "notice__ocid"
            )
        ),
        "cpvs": sorted(NoticeCpv.objects.values_list("notice__ocid", "code")),
        "matches": sorted(NoticeMatch.objects.values_list("notice__ocid", "organisation_id", "score", "reasons")),
        "runs": list(IngestRun.objects.order_by("id").values(*RUN_COUNTERS, "status", "messages")),
        "files": sorted(ImportedFile.objects.values_list("sha256", "name", "releases")),
    }
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid, search_text FROM {search.FTS_TABLE}")
            state["index"] = sorted((ocids[rowid], text) for rowid, text in cursor.fetchall())
    return state


def forget_everything() -> None:
    Notice.objects.all().delete()
    Release.objects.all().delete()
    IngestRun.objects.all().delete()
    ImportedFile.objects.all().delete()
    search.reindex_all()


@pytest.mark.parametrize("together", [False, True], ids=["a worker a file", "one worker for the files"])
def test_a_worker_process_writes_what_one_process_writes(tmp_path: Path, together: bool) -> None:
    organisation = OrganisationFactory(name="Fenland Advice", roles=["member"])
    MembershipFactory(organisation=organisation, status=MembershipStatus.ACTIVE, staff_count=12)
    capability = Capability.objects.create(
        organisation=organisation, category=ServiceCategory.objects.get(code="advice-advocacy")
    )
    capability.areas.set([Area.objects.get(name="Cambridgeshire")])
    files = write_files(tmp_path)

    fields = notice_fields()
    alone_progress = import_all(files, worker=False)
    alone = snapshot()
    forget_everything()
    with_worker_progress = import_all(files, worker=True, together=together)
    with_worker = snapshot()

    # The files did exercise what the test is about.
    run = alone["runs"][0]
    assert run["packages_refused"] == 3, run
    messages = run["messages"].splitlines()
    assert messages[2].startswith("third.jsonl, package 2 (line 2): refused, not valid JSON"), messages
    assert messages[2].endswith("; the 1 package before it in this file was committed."), messages
    assert messages[3].startswith("second-again.jsonl: the same file was imported whole on"), messages
    # Only the file read whole without a refusal counts as imported.
    assert [name for _hash, name, _releases in alone["files"]] == ["second.jsonl"]
    assert run["releases_duplicate"] == 7, run
    titles = {notice[fields.index("title")] for notice in alone["notices"]}
    assert "An earlier title" not in titles  # merged in date order
    assert len(titles) > 50
    assert alone["matches"], "no matches to compare"
    for key in alone:
        assert with_worker[key] == alone[key], key
    assert with_worker_progress == alone_progress


def test_the_worker_is_used_for_big_files_only(tmp_path: Path) -> None:
    small = generate.write_lines(tmp_path / "small.jsonl", 20, per_package=5)
    ingester = Ingester("file")  # by default, for big files when a core is free
    assert not ingester._in_worker(small, small.stat().st_size)
    assert ingester._core_free is None  # not even asked
    assert not Ingester("file", worker=False)._in_worker(small, WORKER_MIN_BYTES)
    used = ingester._in_worker(small, WORKER_MIN_BYTES)
    assert used is ingester._core_free  # asked once, for the whole run
    assert ingester._in_worker(small, WORKER_MIN_BYTES) is used
    assert Ingester("file", worker=True)._in_worker(small, small.stat().st_size)
    package = generate.write_package(tmp_path / "one.json", 20)  # one package: streamed here
    assert not Ingester("file", worker=True)._in_worker(package, package.stat().st_size)


def test_a_core_is_free_when_one_sits_idle() -> None:
    idle = idle_cores(0.05)
    assert idle is not None  # Linux says
    assert 0 <= idle <= (os.cpu_count() or 1) + 0.01
    if (os.cpu_count() or 1) >= 2:
        assert a_core_is_free(1.6)
        assert a_core_is_free(0.8)
    assert not a_core_is_free(0.3)


def test_dates_are_written_as_django_writes_them() -> None:
    adapt = store._datetime_adapter()
    for text in ["2024-01-01T10:00:00Z", "2024-01-01T10:00:00.5+00:00", "2024-01-01T10:00:00+01:00", "2024-01-01"]:
        date = ocds.parse_date(text, "A date", [])
        assert adapt(date) == connection.ops.adapt_datetimefield_value(date), text
    assert adapt(None) is None


def test_the_command_uses_the_worker_when_asked(tmp_path: Path) -> None:
    from django.core.management import call_command

    path = generate.write_lines(tmp_path / "notices.jsonl", 60, per_package=5)
    lines = path.read_text().splitlines()
    ocids = {release["ocid"] for line in lines for release in json.loads(line)["releases"]}
    call_command("import_notices", str(path), "--worker", "yes", "--quiet-progress")
    assert set(Notice.objects.values_list("ocid", flat=True)) == ocids
    assert Release.objects.count() == 60


def test_a_worker_that_dies_stops_the_import_at_the_last_whole_batch(tmp_path: Path) -> None:
    """The worker process killed mid-file (as the system would kill it for memory): the import
    says so and stops, keeping the batches it committed and nothing of the rest."""
    import multiprocessing
    import signal

    from consortia.opportunities.ingest.worker import WorkerFailed

    path = generate.write_lines(tmp_path / "notices.jsonl", 400, per_package=5)
    killed: list[int] = []

    def kill_the_worker(read: int) -> None:
        if killed:
            return
        for child in multiprocessing.active_children():
            if child.name == "notice import worker" and child.pid is not None:
                os.kill(child.pid, signal.SIGKILL)
                killed.append(Release.objects.count())

    ingester = Ingester("file", files=[path.name], batch_size=BATCH, worker=True, progress=kill_the_worker)
    with pytest.raises(WorkerFailed, match="stopped without finishing"):
        ingester.import_files([path])
    run = ingester.finish()
    assert killed, "the worker was never seen"
    stored = Release.objects.count()
    assert 0 < stored < 400
    assert stored % 5 == 0  # whole packages only
    assert run.releases_new == stored
    assert run.status == RunStatus.FAILED
    assert "the import stopped because of an error" in run.messages
    assert not ImportedFile.objects.exists()  # not recorded as imported: it can be imported again

    again = Ingester("file", files=[path.name], batch_size=BATCH, worker=True)
    again.import_files([path])
    assert again.finish().releases_new == 400 - stored
    assert Release.objects.count() == 400
