"""Reading and compiling files in a second process while the first writes to the database.

Importing a file of packages (JSON lines or an array) is two kinds of work: reading, checking,
hashing, compiling, extracting and matching (CPU only), and the database's reads and writes.
`Worker` starts a process (forked, so it has the code, the settings and the members' profiles
already read) that does the first kind, file after file in the order given, and talks to the
importing process, which does all the database work, through a pipe:

- for each batch, the worker sends its release keys ("keys") and is told what the database
  knows of them (`store.read_state`); it may ask for the stored releases of notices to compile
  again from the start ("need"); it sends the batch planned ("planned": `store.Planned`);
- it sends the packages it refused ("refused"), the ones it could not read ("unreadable"),
  "file-end" after each file's last batch, and "end" after the last file (or "failed", with
  the error).

The importing process answers a batch's "keys" *before* writing the batch before it, so the two
processes work at the same time: it reads with the batch not yet written laid over the database
(its releases count as stored, its notices as they will be), then writes that batch while the
worker compiles the next. That holds from one file to the next too: the worker reads the next
file's first batch while the importing process writes the last one of the file before, so a run
of files costs one start and one finish, not one per file. The batches, their transactions, the
notes and the counts are those of the import in one process (`Ingester.import_file` without a
worker), and the worker is never more than a batch ahead, so memory stays flat. The worker never
touches the database.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from typing import Any

import orjson

from consortia.opportunities.ingest.prepare import PackageRefused, Prepared, prepare
from consortia.opportunities.ingest.reader import read_units, releases_of
from consortia.opportunities.ingest.store import Entry, Key, Planned, batch_keys, plan_batch
from consortia.opportunities.models import Notice
from consortia.opportunities.services import matching


@dataclass
class Event:
    """One message from the worker (see the module's description for the kinds).

    `packages_read` and `releases_read` are what was read since the message before.
    """

    kind: str
    packages_read: int = 0
    releases_read: int = 0
    keys: list[Key] = field(default_factory=list)
    ocids: list[str] = field(default_factory=list)
    planned: Planned | None = None
    last: bool = False  # the batch's last chunk: `packages` and `notes` are the batch's
    packages: int = 0
    notes: list[str] = field(default_factory=list)
    label: str = ""
    reason: str = ""
    fatal: bool = False


class WorkerFailed(Exception):
    """The worker process stopped with an error, or without a word."""


class _Sender:
    """The worker's messages, pickled by the worker and written to the pipe by a thread of their own.

    A planned batch is tens of megabytes, which the pipe takes only as fast as the importing
    process reads it, and that process reads it only once it has written the batch before. Written
    by this thread, the worker reads and checks the next batch meanwhile instead of waiting. The
    worker always waits for an answer to a batch's keys before planning it, so no more than a
    planned batch and the next batch's keys are ever waiting here: memory stays flat.
    """

    def __init__(self, pipe: Connection) -> None:
        self.pipe = pipe
        self.waiting: queue.SimpleQueue[memoryview | None] = queue.SimpleQueue()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._write, name="notice import sender", daemon=True)
        self.thread.start()

    def _write(self) -> None:
        while (message := self.waiting.get()) is not None:
            try:
                self.pipe.send_bytes(message)
            except BaseException as error:  # noqa: BLE001 - the worker hears of it at its next message
                self.error = error
                return

    def send(self, value: Any) -> None:
        if self.error is not None:
            raise self.error
        self.waiting.put(ForkingPickler.dumps(value))

    def close(self) -> None:
        """Write what is waiting, then stop the thread."""
        self.waiting.put(None)
        self.thread.join()


class _Reader:
    """The worker's side: the loop of `Ingester.import_file` over each file's packages."""

    def __init__(self, pipe: Connection, batch_size: int, source: str, matcher: matching.Matcher) -> None:
        self.pipe = pipe
        self.sender = _Sender(pipe)
        self.batch_size = batch_size
        self.source = source
        self.matcher = matcher
        self.counts = [0, 0]  # packages and releases read since the last message

    def send(self, kind: str, **values: Any) -> None:
        self.sender.send(Event(kind, self.counts[0], self.counts[1], **values))
        self.counts = [0, 0]

    def stored_entries(self, notices: list[Notice]) -> dict[str, list[Entry]]:
        self.send("need", ocids=[notice.ocid for notice in notices])
        rows: dict[str, list[tuple[str | bytes, str, str]]] = self.pipe.recv()
        entries: dict[str, list[Entry]] = {}
        for ocid, stored in rows.items():
            entries[ocid] = []
            for data, tags, notice_type in stored:
                release = orjson.loads(data)
                date = release.get("date")
                entries[ocid].append(Entry(release, date if isinstance(date, str) else "", tags, notice_type))
        return entries

    def write(self, pending: list[Prepared], packages: int, notes: list[str]) -> None:
        chunks = [pending[start : start + self.batch_size] for start in range(0, len(pending), self.batch_size)]
        for number, chunk in enumerate(chunks, 1):
            self.send("keys", keys=batch_keys(chunk))
            state = self.pipe.recv()
            planned = plan_batch(
                chunk, state, source=self.source, matcher=self.matcher, stored_entries=self.stored_entries
            )
            last = number == len(chunks)
            self.send(
                "planned", planned=planned, last=last, packages=packages if last else 0, notes=notes if last else []
            )

    def run(self, paths: list[Path]) -> None:
        for path in paths:
            self.read_file(path)
            self.send("file-end")
        self.send("end")

    def read_file(self, path: Path) -> None:
        pending: list[Prepared] = []
        packages = 0
        notes: list[str] = []
        for unit in read_units(path):
            self.counts[0] += 1
            if unit.error:
                if packages:
                    self.write(pending, packages, notes)
                    pending, packages, notes = [], 0, []
                self.send("unreadable", label=unit.label, reason=unit.error, fatal=unit.fatal)
                if unit.fatal:
                    break
                continue
            unit_notes: list[str] = []
            try:
                releases = releases_of(unit.value, unit_notes)
                self.counts[1] += len(releases)
                prepared = [prepare(release, number, unit_notes) for number, release in enumerate(releases, 1)]
            except PackageRefused as error:
                self.send("refused", label=unit.label, reason=f"{error}. Nothing from it was written")
                continue
            pending.extend(prepared)
            packages += 1
            notes.extend(f"{unit.label}: {note}" for note in unit_notes)
            if len(pending) >= self.batch_size:
                self.write(pending, packages, notes)
                pending, packages, notes = [], 0, []
        if packages:
            self.write(pending, packages, notes)


def _work(pipe: Connection, paths: list[Path], batch_size: int, source: str, matcher: matching.Matcher) -> None:
    reader: _Reader | None = None
    try:
        reader = _Reader(pipe, batch_size, source, matcher)
        reader.run(paths)
    except BaseException:  # noqa: BLE001 - whatever it was, the importing process must hear of it
        failed = Event("failed", reason=traceback.format_exc(limit=5))
        with contextlib.suppress(OSError):  # unless the importing process has gone
            if reader is None or reader.sender.error is not None:
                pipe.send(failed)
            else:
                reader.sender.send(failed)
    finally:
        if reader is not None:
            reader.sender.close()
        pipe.close()


class Worker:
    """The importing process's side: the worker's messages in order, and the answers to them.

    Use as a context manager; leaving it (the files done, or the writing failed) stops the worker.
    """

    def __init__(self, paths: list[Path], *, batch_size: int, source: str, matcher: matching.Matcher) -> None:
        context = multiprocessing.get_context("fork")
        self.pipe, child = context.Pipe()
        self.process = context.Process(
            target=_work, args=(child, paths, batch_size, source, matcher), name="notice import worker", daemon=True
        )
        self.process.start()
        child.close()

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pipe.close()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()

    def events(self) -> Iterator[Event]:
        while True:
            try:
                event: Event = self.pipe.recv()
            except (EOFError, OSError):  # closed, or reset when it died with an answer unread
                raise WorkerFailed("the worker process stopped without finishing the files") from None
            if event.kind == "failed":
                raise WorkerFailed(f"the worker process failed: {event.reason.strip().splitlines()[-1]}")
            yield event
            if event.kind == "end":
                return

    def answer(self, value: Any) -> None:
        try:
            self.pipe.send(value)
        except OSError:
            raise WorkerFailed("the worker process stopped without finishing the files") from None
