"""The `Ingester`: one fetch from a feed or one import of files, package by package.

Every package is committed whole or refused whole. Small packages (a feed's page, a line of a
JSON lines file) are gathered until a batch is full and written together in one transaction,
which is still whole packages: a package is only gathered once it has been read and checked
entirely. A file holding one big package is streamed in batches inside a single transaction,
so memory stays flat and a file cut short writes nothing of its package.

A big file of packages may be read and compiled by a worker process while this one writes
(`ingest.worker`, `WORKER_MIN_BYTES`): the same batches and transactions, the same result.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.db import transaction

from consortia.opportunities.choices import RunStatus
from consortia.opportunities.ingest.prepare import PackageRefused, Prepared, prepare
from consortia.opportunities.ingest.reader import (
    READ_ERRORS,
    NotJSON,
    Unit,
    describe_read_error,
    detect,
    parse_json,
    read_units,
    releases_of,
)
from consortia.opportunities.ingest.store import (
    BatchOutcome,
    Planned,
    read_state,
    stored_rows,
    write_batch,
    write_planned,
)
from consortia.opportunities.ingest.worker import Worker
from consortia.opportunities.models import ImportedFile, IngestRun
from consortia.opportunities.services import matching

T = TypeVar("T")

# Releases written per batch: large enough that the per-batch queries cost little per release,
# and that a process's releases in the same file mostly land in one batch (compiled once rather
# than compiled, then updated). 5,000 imported the benchmark's files a fifth faster than 1,000,
# for about 120 MB more at the peak (a fixed amount: it does not grow with the file).
BATCH_SIZE = 5000
# Files of packages (JSON lines, arrays) at least this big are read and compiled in a worker
# process while this one writes (`ingest.worker`), when a core is free to run it: on two quiet
# cores the benchmark's 200,000 releases took 103 s instead of 116 s. The two processes use more
# CPU between them than one does alone (137 s against 116 s), so on a machine whose cores are
# busy the worker makes the import slower, not faster. Below this size, starting the process
# costs more than it saves.
WORKER_MIN_BYTES = 4 * 1024 * 1024
# The run keeps this many notes; more are counted, not listed.
MAX_MESSAGES = 300
RUN_COUNTERS = [
    "packages_read",
    "packages_committed",
    "packages_refused",
    "releases_read",
    "releases_new",
    "releases_duplicate",
    "notices_created",
    "notices_updated",
]


@dataclass
class PackageResult:
    """What happened to one package given to `Ingester.add_package_bytes`."""

    committed: bool
    releases_new: int = 0
    releases_duplicate: int = 0
    notices_created: int = 0
    notices_updated: int = 0
    message: str = ""


# Python's cycle collector, while importing, runs after this many more container objects are
# made than freed (700 by default). An import makes and frees millions of dicts and lists, few in
# cycles, and each full collection walks every object alive: at the default it took a sixth of
# the import's CPU time. Nearly everything is freed by reference counting, so memory stays flat.
IMPORT_GC_THRESHOLD = 100_000


def fewer_collections(method: Callable[..., T]) -> Callable[..., T]:
    """Run `method` with the cycle collector's first threshold raised, then put it back."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        thresholds = gc.get_threshold()
        if thresholds[0] >= IMPORT_GC_THRESHOLD:  # already raised (a call inside another)
            return method(*args, **kwargs)
        gc.set_threshold(IMPORT_GC_THRESHOLD, *thresholds[1:])
        try:
            return method(*args, **kwargs)
        finally:
            gc.set_threshold(*thresholds)

    return wrapper


def idle_cores(seconds: float = 0.2) -> float | None:
    """How many cores sat idle over the next `seconds` (from /proc/stat), or None where the
    system does not say."""

    def times() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            values = [int(value) for value in stat.readline().split()[1:]]
        return sum(values), values[3] + values[4]  # all, idle + waiting for input/output

    try:
        total_before, idle_before = times()
        time.sleep(seconds)
        total_after, idle_after = times()
    except (OSError, ValueError, IndexError):
        return None
    if total_after <= total_before:
        return None
    return (os.cpu_count() or 1) * (idle_after - idle_before) / (total_after - total_before)


def a_core_is_free(idle: float | None = None) -> bool:
    """Whether the machine has a core to spare: two or more, one of them idle now (`idle_cores`;
    where that is not known, the last minute's load average leaves one idle)."""
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    if idle is None:
        idle = idle_cores()
    if idle is None:
        return os.getloadavg()[0] <= cores - 1
    return idle >= 0.8


def file_digest(path: Path) -> tuple[str, int]:
    """The SHA-256 of a file's bytes, read a megabyte at a time, and its size."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


@dataclass
class _File:
    """A file being imported, and the run's counts when it started (to tell what it added)."""

    path: Path
    digest: str
    size: int
    committed_before: int = 0
    refused_before: int = 0
    read_before: int = 0


class Ingester:
    """Stores OCDS releases and compiles their notices, recording the run as an `IngestRun`."""

    def __init__(
        self,
        source: str,
        *,
        user: Any = None,
        files: Sequence[str] = (),
        progress: Callable[[int], None] | None = None,
        batch_size: int = BATCH_SIZE,
        again: bool = False,
        worker: bool | None = None,
    ) -> None:
        self.source = source
        self.again = again  # import files even when the same content was imported whole before
        # Read and compile big files in a worker process: always, never, or (None, the default) when
        # a core is free: asked once, at the first big file (see WORKER_MIN_BYTES).
        self.worker = worker
        self._core_free: bool | None = None
        self.progress = progress
        self.batch_size = batch_size
        creator = user if getattr(user, "is_authenticated", False) else None
        self.run = IngestRun.objects.create(
            source=source, files="\n".join(str(name) for name in files), created_by=creator
        )
        self.messages: list[str] = []
        self.more_messages = 0
        self.failed = False
        # Packages read and checked but not yet written: (label, number of releases).
        self._pending: list[Prepared] = []
        self._pending_packages = 0
        self._pending_notes: list[str] = []
        # The members' profiles, read at the first write and used for the whole run.
        self._matcher: matching.Matcher | None = None

    # -- public interface -------------------------------------------------------------------------
    @fewer_collections
    def add_package_bytes(self, body: bytes, label: str) -> PackageResult:
        """Store one release or record package (a feed's page) whole, or refuse it whole."""
        self.run.packages_read += 1
        notes: list[str] = []
        try:
            releases = releases_of(parse_json(body), notes)
            self.run.releases_read += len(releases)
            prepared = [prepare(release, number, notes) for number, release in enumerate(releases, 1)]
        except (NotJSON, PackageRefused) as error:
            return PackageResult(committed=False, message=self._refuse(label, str(error)))
        with transaction.atomic():
            outcome = self._write(prepared)
        self._committed(1, outcome, [f"{label}: {note}" for note in notes])
        message = (
            f"{label}: {outcome.new} new release{'s' if outcome.new != 1 else ''}, {outcome.duplicate} already stored."
        )
        return PackageResult(True, outcome.new, outcome.duplicate, outcome.created, outcome.updated, message)

    def import_file(self, path: str | Path) -> None:
        """Import every package of a file, committing whole packages only."""
        self.import_files([path])

    @fewer_collections
    def import_files(self, paths: Sequence[str | Path]) -> None:
        """Import every package of each file in turn, as `import_file` would one after another.

        Consecutive big files of packages are read by one worker process (`_in_worker`), which
        starts on each file while this process writes the last batch of the one before.
        """
        group: list[_File] = []
        digests: set[str] = set()
        for path in [Path(path) for path in paths]:
            digest, size = file_digest(path)
            if digest in digests:
                # The same content again: whether to skip it depends on how the first one went.
                self._import_group(group)
                group, digests = [], set()
            file = self._start_file(path, digest, size)
            if file is None:
                continue
            if self._in_worker(path, size):
                group.append(file)
                digests.add(digest)
                continue
            self._import_group(group)
            group, digests = [], set()
            self._import_here(file)
        self._import_group(group)

    def _start_file(self, path: Path, digest: str, size: int) -> _File | None:
        """The file to import, or None (with a note) when the same content was imported before."""
        earlier = ImportedFile.objects.filter(sha256=digest).first()
        if earlier is not None and not self.again:
            self._note(
                f"{path.name}: the same file was imported whole on {earlier.imported:%d/%m/%Y at %H:%M}; "
                "nothing to do (import it with --again to read it once more)."
            )
            return None
        return _File(path, digest, size)

    def _begin(self, file: _File) -> None:
        """Count from here what happens to the file."""
        run = self.run
        file.committed_before = run.packages_committed
        file.refused_before = run.packages_refused
        file.read_before = run.releases_read

    def _end(self, file: _File, releases: int, refused: bool) -> None:
        """Record a file read whole, without a refusal, as imported (after its last commit)."""
        if not refused:
            ImportedFile.objects.update_or_create(
                sha256=file.digest,
                defaults={"name": file.path.name[:500], "size": file.size, "releases": releases, "run": self.run},
            )

    def _stopped(self, file: _File, error: Exception) -> None:
        self.failed = True
        self._note(
            f"{file.path.name}: the import stopped because of an error ({error}); "
            "packages not yet committed were not written."
        )

    def _import_here(self, file: _File) -> None:
        """Import one file in this process."""
        self._begin(file)
        try:
            for unit in read_units(file.path):
                self.run.packages_read += 1
                if unit.error:
                    self._flush()
                    done = self.run.packages_committed - file.committed_before
                    self._refuse(unit.label, f"{unit.error}. Nothing from it was written{self._before(done)}")
                    if unit.fatal:
                        break
                elif unit.stream is not None:
                    self._flush()
                    self._import_stream(unit)
                else:
                    self._gather(unit)
            self._flush()
            run = self.run
            self._end(file, run.releases_read - file.read_before, run.packages_refused != file.refused_before)
        except Exception as error:
            self._stopped(file, error)
            raise

    @fewer_collections
    def finish(self) -> IngestRun:
        """Write what is still gathered and record how the run ended."""
        if not self.failed:
            self._flush()
        run = self.run
        if self.failed or (run.packages_refused and not run.packages_committed):
            run.status = RunStatus.FAILED
        elif run.packages_refused:
            run.status = RunStatus.PARTLY
        else:
            run.status = RunStatus.DONE
        if self.more_messages:
            self.messages.append(f"… and {self.more_messages} more notes.")
        run.messages = "\n".join(self.messages)
        run.finished = dt.datetime.now(dt.UTC)
        run.save()
        return run

    # -- the work -----------------------------------------------------------------------------------
    def _in_worker(self, path: Path, size: int) -> bool:
        """Whether to read and compile this file in a worker process (see `WORKER_MIN_BYTES`)."""
        if self.worker is False or multiprocessing.current_process().daemon:  # a daemon may not fork
            return False
        if self.worker is None:
            if size < WORKER_MIN_BYTES:
                return False
            if self._core_free is None:
                self._core_free = a_core_is_free()
            if not self._core_free:
                return False
        # A file of one package is streamed inside one transaction, here.
        return detect(path) in {"lines", "array"}

    def _import_group(self, files: list[_File]) -> None:
        """The loop of `_import_here` over these files, with the reading and compiling done by one
        worker process: the same batches, transactions, refusals, notes and counts, in the same order."""
        if not files:
            return
        if self._matcher is None:
            self._matcher = matching.Matcher.load()
        run = self.run
        held: list[Planned] = []  # the chunks of batches planned, not yet written
        whole: tuple[int, list[str]] | None = None  # (packages, notes) once `held` is a whole batch
        inserted: dict[str, int] = {}  # ocid -> id of the notices the last batch written inserted
        reading = 0  # the file the worker's messages are about
        # Files the worker has finished, whose last batch may not be written yet: (its place in
        # `files`, releases read, whether a package was refused).
        finished: list[tuple[int, int, bool]] = []

        def write_held() -> None:
            nonlocal held, whole, inserted
            if whole is not None:
                total = BatchOutcome()
                ids = dict(inserted)
                with transaction.atomic():
                    for planned in held:
                        self._add(total, write_planned(planned, source=self.source, run_id=run.pk, inserted=ids))
                        ids.update((notice.ocid, notice.id) for notice in planned.creating)
                inserted = {notice.ocid: notice.id for planned in held for notice in planned.creating}
                self._committed(whole[0], total, whole[1])
                held, whole = [], None
            # Every batch of the files finished is written now: they are imported.
            for number, releases, refused in finished:
                self._end(files[number], releases, refused)
                if number + 1 < len(files):
                    files[number + 1].committed_before = run.packages_committed
            finished.clear()

        self._begin(files[0])
        try:
            with Worker([file.path for file in files], batch_size=self.batch_size, source=self.source,
                        matcher=self._matcher) as worker:  # fmt: skip
                for event in worker.events():
                    if event.kind == "keys":
                        # Answer first, so the worker compiles this batch while the one before is written.
                        worker.answer(read_state(event.keys, held))
                        write_held()
                    elif event.kind == "need":
                        worker.answer(stored_rows(event.ocids, held))
                    elif event.kind == "planned":
                        assert event.planned is not None
                        held.append(event.planned)
                        if event.last:
                            whole = (event.packages, event.notes)
                    elif event.kind != "file-end":
                        write_held()
                    run.packages_read += event.packages_read
                    run.releases_read += event.releases_read
                    if event.kind == "refused":
                        self._refuse(event.label, event.reason)
                    elif event.kind == "unreadable":
                        done = run.packages_committed - files[reading].committed_before
                        self._refuse(event.label, f"{event.reason}. Nothing from it was written{self._before(done)}")
                    elif event.kind == "file-end":
                        # Its last batch is written at the next message: the worker reads on meanwhile.
                        file = files[reading]
                        refused = run.packages_refused != file.refused_before
                        finished.append((reading, run.releases_read - file.read_before, refused))
                        reading += 1
                        if reading < len(files):
                            # Its commits are counted from when the last batch before it is written.
                            following = files[reading]
                            following.refused_before, following.read_before = run.packages_refused, run.releases_read
        except Exception as error:
            self._stopped(files[min(reading, len(files) - 1)], error)
            raise

    def _gather(self, unit: Unit) -> None:
        """Check a whole package and add it to the next batch, or refuse it."""
        notes: list[str] = []
        try:
            releases = releases_of(unit.value, notes)
            self.run.releases_read += len(releases)
            prepared = [prepare(release, number, notes) for number, release in enumerate(releases, 1)]
        except PackageRefused as error:
            self._refuse(unit.label, f"{error}. Nothing from it was written")
            return
        self._pending.extend(prepared)
        self._pending_packages += 1
        self._pending_notes.extend(f"{unit.label}: {note}" for note in notes)
        if len(self._pending) >= self.batch_size:
            self._flush()

    def _flush(self) -> None:
        if not self._pending_packages:
            return
        with transaction.atomic():
            outcome = self._write(self._pending)
        self._committed(self._pending_packages, outcome, self._pending_notes)
        self._pending, self._pending_packages, self._pending_notes = [], 0, []

    def _import_stream(self, unit: Unit) -> None:
        """One package too big to hold: batches inside one transaction, all or nothing."""
        assert unit.stream is not None
        notes = unit.notes
        total = BatchOutcome()
        number = 0
        try:
            with transaction.atomic():
                batch: list[Prepared] = []
                for number, release in enumerate(unit.stream, 1):
                    self.run.releases_read += 1
                    batch.append(prepare(release, number, notes))
                    if len(batch) >= self.batch_size:
                        self._add(total, self._write(batch))
                        batch = []
                        self._report_progress()
                if batch:
                    self._add(total, self._write(batch))
        except PackageRefused as error:
            self._refuse(unit.label, f"{error}. Nothing from this package was written")
            return
        except READ_ERRORS as error:
            self._refuse(
                unit.label,
                f"after release {number}, {describe_read_error(error)}. Nothing from this package was written",
            )
            return
        self._committed(1, total, [f"{unit.label}: {note}" for note in notes])

    def _write(self, prepared: list[Prepared]) -> BatchOutcome:
        total = BatchOutcome()
        if self._matcher is None:
            self._matcher = matching.Matcher.load()
        for start in range(0, len(prepared), self.batch_size):
            batch = prepared[start : start + self.batch_size]
            self._add(total, write_batch(batch, source=self.source, run_id=self.run.pk, matcher=self._matcher))
        return total

    @staticmethod
    def _add(total: BatchOutcome, outcome: BatchOutcome) -> None:
        total.new += outcome.new
        total.duplicate += outcome.duplicate
        total.created += outcome.created
        total.updated += outcome.updated
        total.notes.extend(outcome.notes)

    def _committed(self, packages: int, outcome: BatchOutcome, notes: list[str]) -> None:
        run = self.run
        run.packages_committed += packages
        run.releases_new += outcome.new
        run.releases_duplicate += outcome.duplicate
        run.notices_created += outcome.created
        run.notices_updated += outcome.updated
        for note in [*notes, *outcome.notes]:
            self._note(note)
        IngestRun.objects.filter(pk=run.pk).update(**{name: getattr(run, name) for name in RUN_COUNTERS})
        self._report_progress()

    def _report_progress(self) -> None:
        if self.progress is not None:
            self.progress(self.run.releases_read)

    def _refuse(self, label: str, reason: str) -> str:
        self.run.packages_refused += 1
        message = f"{label}: refused, {reason}."
        self._note(message, always=True)
        return message

    def _note(self, message: str, *, always: bool = False) -> None:
        if always or len(self.messages) < MAX_MESSAGES:
            self.messages.append(message)
        else:
            self.more_messages += 1

    @staticmethod
    def _before(done: int) -> str:
        if done == 0:
            return "; nothing before it in this file had been committed"
        return f"; the {done} package{'s' if done > 1 else ''} before it in this file {'were' if done > 1 else 'was'} committed"
