"""Backups: every table and every stored file in one archive, and putting them back.

`backup(folder)` writes `consortia-backup-YYYYMMDD-HHMMSS.tar.gz`, holding, in this order:

- `manifest.json`: the format and its version, when and from which database it was made, the
  migrations applied per app, each table's columns, row count and SHA-256, and each file's size
  and SHA-256;
- `database/<table>.jsonl`: one JSON array per row, the columns in the manifest's order, rows in
  primary-key order. The values are written as the model's fields read them (dates in ISO 8601,
  money as decimal strings), so a backup made on SQLite restores on PostgreSQL and back;
- `files/<name>`: every file of the default storage (the uploads), read through the storage API,
  so S3 storage is backed up as a folder is.

Every table of every installed model is in it: ours, their change history, and Django's and the
libraries' (content types, permissions, groups, sessions, tokens, the task queue, login attempts),
so nothing that refers to a content type or a session is left dangling. Only `django_migrations`
is left out: the manifest records it, and a restore requires the same migrations.

The database is read as one snapshot: on PostgreSQL in one REPEATABLE READ, READ ONLY
transaction; on SQLite in one read transaction (DEFERRED, so in WAL mode writers carry on while
the tables are read). The files are listed after that snapshot,
so every file a row names is there unless it was deleted meanwhile; a stored file that no row
names (added after the snapshot, or left behind) is backed up all the same and reported.

`restore(archive)` reads and checks the whole archive (every SHA-256, every row count, the
format, the migrations against this database's) before it changes anything; then, in one
transaction, empties every table and loads the backup's rows, resets PostgreSQL's sequences and
checks the counts; then writes the files back through the storage and checks each one's SHA-256.
It refuses a database that is in use (user accounts, change history or stored files) unless told
to replace it.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import gzip
import hashlib
import io
import json
import os
import posixpath
import tarfile
import tempfile
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_iso_string

FORMAT = "consortia-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database/"
FILES = "files/"
BATCH = 1000
CHUNK = 1024 * 1024
VENDORS = ("sqlite", "postgresql")


class BackupError(Exception):
    """A backup or restore that cannot go on. Raised before anything was changed, unless the
    message says otherwise."""


@dataclass(frozen=True)
class Table:
    """One database table: the model whose table it is and the columns it stores."""

    model: type[models.Model]
    fields: tuple[models.Field[Any, Any], ...]

    @property
    def name(self) -> str:
        return self.model._meta.db_table

    @property
    def columns(self) -> list[str]:
        return [field.column for field in self.fields]


def tables() -> list[Table]:
    """Every table of every installed model (auto-created many-to-many tables too), by name."""
    found: dict[str, Table] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped:
            continue
        found[meta.db_table] = Table(model, tuple(meta.local_concrete_fields))
    return [found[name] for name in sorted(found)]


@dataclass
class Summary:
    """What a backup wrote or a restore put back."""

    path: Path
    manifest: dict[str, Any]
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    removed_files: int = 0

    @property
    def tables(self) -> int:
        return len(self.manifest["tables"])

    @property
    def rows(self) -> int:
        return sum(table["rows"] for table in self.manifest["tables"].values())

    @property
    def files(self) -> int:
        return len(self.manifest["files"])

    @property
    def file_bytes(self) -> int:
        return sum(info["size"] for info in self.manifest["files"].values())

    @property
    def archive_bytes(self) -> int:
        return self.path.stat().st_size


# Backing up.


def backup(folder: Path | None = None, *, using: str = DEFAULT_DB_ALIAS, storage: Storage | None = None) -> Summary:
    """Write a backup of the database and the stored files into `folder` (BACKUP_DIR by default)."""
    started = time.perf_counter()
    storage = storage or default_storage
    folder = Path(folder or settings.BACKUP_DIR)
    connection = connections[using]
    if connection.vendor not in VENDORS:
        raise BackupError(f"Backups work on SQLite and PostgreSQL, not {connection.vendor}.")
    if connection.in_atomic_block:
        raise BackupError("A backup reads the database in a transaction of its own; it cannot run inside another.")
    _require_migrated(connection)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"The folder {folder} cannot be made: {error.strerror}.") from error
    created = timezone.now()
    with tempfile.TemporaryDirectory(prefix="consortia-backup-") as work:
        staging = Path(work)
        (staging / "database").mkdir()
        (staging / "files").mkdir()
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "created": created.isoformat(),
            "vendor": connection.vendor,
            "migrations": {},
            "tables": {},
            "files": {},
        }
        with _snapshot(using) as alias:
            manifest["migrations"] = _applied_migrations(connections[alias])
            referenced: set[str] = set()
            for table in tables():
                manifest["tables"][table.name] = _dump_table(table, alias, staging / "database", referenced)
        # Listed after the snapshot: every file a row names was stored before it.
        names: list[str] = []
        vanished: list[str] = []
        for name in _stored_files(storage):
            try:
                manifest["files"][name] = _copy_file(storage, name, staging / "files" / str(len(names)))
                names.append(name)
            except FileNotFoundError:  # deleted between the listing and the reading
                vanished.append(name)
        warnings = _file_warnings(referenced, set(names))
        if vanished:
            warnings.append(f"{len(vanished)} file(s) were deleted while the backup ran: {_some(vanished)}.")
        path = _write_archive(folder, created, manifest, staging, names)
    return Summary(path, manifest, time.perf_counter() - started, warnings)


@contextlib.contextmanager
def _snapshot(using: str) -> Iterator[str]:
    """The alias of a connection that sees the database as it was at one moment."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield using
        return
    # SQLite: one read transaction. Django's own transactions here begin IMMEDIATE, taking the
    # write lock, which would hold every writer back for the whole backup; this one is begun by
    # hand, DEFERRED: in WAL mode it reads one snapshot while writers carry on.
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
    try:
        yield using
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")  # it wrote nothing


def _dump_table(table: Table, alias: str, folder: Path, referenced: set[str]) -> dict[str, Any]:
    """Write the table's rows as JSON lines; note the stored files its file fields name."""
    pk = table.model._meta.pk
    assert pk is not None
    rows = table.model._base_manager.using(alias).order_by(pk.attname).values_list(*(f.attname for f in table.fields))
    file_columns = [i for i, f in enumerate(table.fields) if isinstance(f, models.FileField)]
    json_columns = {i for i, f in enumerate(table.fields) if isinstance(f, models.JSONField)}
    digest = hashlib.sha256()
    count = 0
    with open(folder / f"{table.name}.jsonl", "wb") as out:
        for row in rows.iterator(chunk_size=2000):
            values = [value if i in json_columns else _encode(value) for i, value in enumerate(row)]
            line = (json.dumps(values, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
            digest.update(line)
            out.write(line)
            count += 1
            referenced.update(row[i] for i in file_columns if row[i])
    return {"model": table.model._meta.label, "columns": table.columns, "rows": count, "sha256": digest.hexdigest()}


def _encode(value: Any) -> Any:
    """A field's value as JSON, in the form the field's `to_python` reads back exactly."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()  # with the microseconds and, for a date-time, the offset
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise BackupError(f"A value of type {type(value).__name__} cannot be backed up.")


def _stored_files(storage: Storage, folder: str = "") -> list[str]:
    """Every file name in the storage, through its API (a folder or a bucket alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a media folder not made yet: nothing was uploaded
        return []
    names = [posixpath.join(folder, name) for name in files]
    for sub in folders:
        names += _stored_files(storage, posixpath.join(folder, sub))
    return sorted(names)


def _copy_file(storage: Storage, name: str, target: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    size = 0
    with storage.open(name, "rb") as source, open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    return {"size": size, "sha256": digest.hexdigest()}


def _file_warnings(referenced: set[str], stored: set[str]) -> list[str]:
    warnings = []
    missing = sorted(referenced - stored)
    if missing:
        warnings.append(
            f"{len(missing)} file(s) named by the database are not in the storage (deleted since, or lost "
            f"before): {_some(missing)}. Their records are backed up; the files cannot be."
        )
    unnamed = sorted(stored - referenced)
    if unnamed:
        warnings.append(
            f"{len(unnamed)} stored file(s) are named by no record (uploaded after the database was read, or "
            f"left behind by a replaced upload): {_some(unnamed)}. They are in the backup all the same."
        )
    return warnings


def _some(names: list[str], shown: int = 5) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _write_archive(
    folder: Path, created: datetime.datetime, manifest: dict[str, Any], staging: Path, names: list[str]
) -> Path:
    """Write the archive under a hidden name, then give it its name: a backup cut short by a
    crash or a full disk never looks like a whole one."""
    stem = f"consortia-backup-{timezone.localtime(created):%Y%m%d-%H%M%S}"
    path = folder / f"{stem}.tar.gz"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.tar.gz"
    partial = folder / f".{path.name}.partial"
    # The archive holds everything, password hashes included: readable by its owner only.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out, tarfile.open(fileobj=out, mode="w:gz", compresslevel=6) as tar:
            mtime = created.timestamp()
            data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), mtime, 0o600
            tar.addfile(info, io.BytesIO(data))
            for table in manifest["tables"]:
                _add(tar, staging / "database" / f"{table}.jsonl", f"{DATABASE}{table}.jsonl", mtime)
            for number, name in enumerate(names):
                _add(tar, staging / "files" / str(number), FILES + name, mtime)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def _add(tar: tarfile.TarFile, source: Path, name: str, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = source.stat().st_size, mtime, 0o600
    with open(source, "rb") as data:
        tar.addfile(info, data)


# The migrations.


def _applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _require_migrated(connection: BaseDatabaseWrapper) -> None:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        waiting = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        raise BackupError(
            f"The database lacks {len(plan)} migration(s) this version of Consortia has ({waiting}"
            f"{' …' if len(plan) > 5 else ''}). Run `manage.py migrate` first."
        )


def _migration_differences(backup: dict[str, list[str]], here: dict[str, list[str]]) -> list[str]:
    differences = []
    for app in sorted(set(backup) | set(here)):
        only_backup = sorted(set(backup.get(app, [])) - set(here.get(app, [])))
        only_here = sorted(set(here.get(app, [])) - set(backup.get(app, [])))
        if only_backup:
            differences.append(f"{app}: the backup has {', '.join(only_backup)}, which this database has not")
        if only_here:
            differences.append(f"{app}: this database has {', '.join(only_here)}, which the backup has not")
    return differences


# Restoring.


@dataclass
class _Archive:
    """An archive read whole and checked, its parts in a scratch folder."""

    manifest: dict[str, Any]
    tables: dict[str, Path]
    files: dict[str, Path]


def restore(
    archive: Path,
    *,
    replace: bool = False,
    check_only: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    storage: Storage | None = None,
) -> Summary:
    """Put a backup back: the database in one transaction, then the files.

    Refused, with nothing changed, when the archive is damaged or not a backup, when its
    migrations differ from this database's, or when the database is in use and `replace` is not
    given. With `check_only`, the archive is read and checked and nothing is changed.
    """
    started = time.perf_counter()
    storage = storage or default_storage
    archive = Path(archive)
    connection = connections[using]
    if connection.vendor not in VENDORS:
        raise BackupError(f"Backups work on SQLite and PostgreSQL, not {connection.vendor}.")
    if connection.in_atomic_block:
        raise BackupError("A restore runs in a transaction of its own; it cannot run inside another.")
    with tempfile.TemporaryDirectory(prefix="consortia-restore-") as work:
        read = _read_archive(archive, Path(work))
        manifest = read.manifest
        _require_migrated(connection)
        differences = _migration_differences(manifest["migrations"], _applied_migrations(connection))
        if differences:
            raise BackupError(
                "The backup was made by a different version of Consortia (its migrations differ: "
                + "; ".join(differences)
                + "). Restore it with the version that made it, or migrate a copy to match. Nothing was changed."
            )
        current = {table.name: table for table in tables()}
        _check_tables(manifest, current)
        summary = Summary(archive, manifest)
        if check_only:
            summary.seconds = time.perf_counter() - started
            return summary
        if not replace:
            in_use = _in_use(using, storage)
            if in_use:
                raise BackupError(
                    f"This database is in use: it holds {in_use}. A restore replaces everything in it and in "
                    "the stored files; run again with --yes to do so. Nothing was changed."
                )
        _load_database(read, current, using)
        summary.removed_files = _put_files(read, storage, replace)
    summary.seconds = time.perf_counter() - started
    return summary


def _read_archive(path: Path, work: Path) -> _Archive:
    """Read the whole archive into `work`, checking it against its manifest as it goes."""
    damaged = f"The archive {path} is damaged or incomplete"
    tables: dict[str, Path] = {}
    files: dict[str, Path] = {}
    (work / "database").mkdir()
    (work / "files").mkdir()
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise BackupError(f"{path} is not a Consortia backup: it does not begin with its {MANIFEST}.")
            manifest = _read_manifest(path, tar.extractfile(first))
            for member in tar:
                if member is first:  # iterating a tar file starts again from its first member
                    continue
                source = tar.extractfile(member) if member.isfile() else None
                if source is None:
                    raise BackupError(f"{damaged}: {member.name} is not a file. Nothing was changed.")
                if member.name.startswith(DATABASE) and member.name.endswith(".jsonl"):
                    table = member.name[len(DATABASE) : -len(".jsonl")]
                    expected = manifest["tables"].get(table)
                    if expected is None or table in tables:
                        raise BackupError(f"{damaged}: the table {table} is not in its manifest. Nothing was changed.")
                    tables[table] = target = work / "database" / f"{table}.jsonl"
                    size, digest, lines = _extract(source, target)
                    if digest != expected["sha256"] or lines != expected["rows"]:
                        raise BackupError(
                            f"{damaged}: the table {table} has {lines} row(s) where the manifest says "
                            f"{expected['rows']}, or its checksum differs. Nothing was changed."
                        )
                elif member.name.startswith(FILES):
                    name = member.name[len(FILES) :]
                    expected = manifest["files"].get(name)
                    if expected is None or name in files:
                        raise BackupError(f"{damaged}: the file {name} is not in its manifest. Nothing was changed.")
                    files[name] = target = work / "files" / str(len(files))
                    size, digest, _ = _extract(source, target)
                    if digest != expected["sha256"] or size != expected["size"]:
                        raise BackupError(f"{damaged}: the file {name} differs from its checksum. Nothing was changed.")
                else:
                    raise BackupError(
                        f"{damaged}: it holds {member.name}, which a backup does not. Nothing was changed."
                    )
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(f"{damaged} ({error}). Nothing was changed.") from error
    except FileNotFoundError as error:
        raise BackupError(f"There is no file {path}.") from error
    missing = sorted(set(manifest["tables"]) - set(tables)) + sorted(set(manifest["files"]) - set(files))
    if missing:
        raise BackupError(f"{damaged}: {_some(missing)} listed in its manifest are missing. Nothing was changed.")
    return _Archive(manifest, tables, files)


def _read_manifest(path: Path, source: IO[bytes] | None) -> dict[str, Any]:
    wrong = f"{path} is not a Consortia backup, or its {MANIFEST} is damaged"
    try:
        manifest = json.load(source) if source else None
    except ValueError as error:
        raise BackupError(f"{wrong} ({error}). Nothing was changed.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{wrong}. Nothing was changed.")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{path} is a backup in format version {manifest.get('version')}; this version of Consortia "
            f"reads version {VERSION}. Nothing was changed."
        )
    try:
        assert all(isinstance(v, list) for v in manifest["migrations"].values())
        assert all({"columns", "rows", "sha256"} <= set(v) for v in manifest["tables"].values())
        assert all({"size", "sha256"} <= set(v) for v in manifest["files"].values())
    except (AssertionError, KeyError, AttributeError, TypeError) as error:
        raise BackupError(f"{wrong}: it lacks part of what a backup lists. Nothing was changed.") from error
    return manifest


def _extract(source: IO[bytes], target: Path) -> tuple[int, str, int]:
    digest = hashlib.sha256()
    size = lines = 0
    with open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
    return size, digest.hexdigest(), lines


def _check_tables(manifest: dict[str, Any], current: dict[str, Table]) -> None:
    """The backup's tables and columns must be this version's (the migrations say so; this makes sure)."""
    problems = []
    for name in sorted(set(manifest["tables"]) ^ set(current)):
        where = "the backup" if name in manifest["tables"] else "this version"
        problems.append(f"the table {name} is only in {where}")
    for name in sorted(set(manifest["tables"]) & set(current)):
        if manifest["tables"][name]["columns"] != current[name].columns:
            problems.append(f"the table {name} has other columns")
    if problems:
        raise BackupError(f"The backup does not fit this version of Consortia: {_some(problems)}. Nothing was changed.")


def _in_use(using: str, storage: Storage) -> str:
    """What shows the database is in use (empty for a freshly migrated one): user accounts,
    recorded changes, stored files. Migrations' reference data (areas, roles, hub functions)
    does not count: a restore replaces it with the backup's own."""
    from django.contrib.auth import get_user_model
    from simple_history.models import HistoricalChanges

    found = []
    users = get_user_model()._base_manager.using(using).count()
    if users:
        found.append(f"{users:,} user account(s)")
    changes = sum(
        table.model._base_manager.using(using).count()
        for table in tables()
        if issubclass(table.model, HistoricalChanges)
    )
    if changes:
        found.append(f"{changes:,} recorded change(s)")
    files = len(_stored_files(storage))
    if files:
        found.append(f"{files:,} stored file(s)")
    return ", ".join(found)


def _load_database(read: _Archive, current: dict[str, Table], using: str) -> None:
    """Empty every table and load the backup's rows, in one transaction (foreign keys are
    checked at its end, so the order of the tables does not matter)."""
    connection = connections[using]
    quote = connection.ops.quote_name
    manifest = read.manifest
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            # DELETE, not TRUNCATE: PostgreSQL's TRUNCATE makes new files for every table and index,
            # which took most of a restore's time; foreign keys are checked at the commit.
            for name in current:
                cursor.execute(f"DELETE FROM {quote(name)}")
            for name, table in current.items():
                loaders = [_loader(f, connection) for f in table.fields]
                sql = (
                    f"INSERT INTO {quote(name)} ({', '.join(quote(c) for c in table.columns)}) "
                    f"VALUES ({', '.join(['%s'] * len(loaders))})"
                )
                with open(read.tables[name], encoding="utf-8") as lines:
                    batch: list[list[Any]] = []
                    for line in lines:
                        batch.append([load(value) for load, value in zip(loaders, json.loads(line), strict=True)])
                        if len(batch) == BATCH:
                            cursor.executemany(sql, batch)
                            batch = []
                    if batch:
                        cursor.executemany(sql, batch)
            if connection.vendor == "postgresql":
                models_ = [table.model for table in current.values()]
                for sql in connection.ops.sequence_reset_sql(no_style(), models_):
                    cursor.execute(sql)
            for name in current:
                cursor.execute(f"SELECT COUNT(*) FROM {quote(name)}")
                (found,) = cursor.fetchone()
                if found != manifest["tables"][name]["rows"]:
                    raise BackupError(
                        f"The table {name} holds {found} row(s) after loading, not {manifest['tables'][name]['rows']}."
                    )
            _after_load(using)
    except BackupError as error:
        raise BackupError(f"{error} The database was left as it was; nothing was changed.") from error
    except (DatabaseError, ValidationError, ValueError, TypeError) as error:
        raise BackupError(
            f"The backup could not be loaded ({type(error).__name__}: {error}). "
            "The database was left as it was; nothing was changed."
        ) from error
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()  # the ids are the backup's now


def _loader(field: models.Field[Any, Any], connection: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    """Turn a value as the backup wrote it into what the database is sent, as the field would
    (but without `pre_save`, which would stamp `auto_now` dates with today's)."""
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return lambda value: None if value is None else field.get_db_prep_save(field.to_python(value), connection)


def _after_load(using: str) -> None:
    """What the database keeps beside the tables: SQLite's full-text index of the notices."""
    if using == DEFAULT_DB_ALIAS:
        from consortia.opportunities.search import reindex_all

        reindex_all()


def _put_files(read: _Archive, storage: Storage, replace: bool) -> int:
    """Write the backup's files through the storage and check each; with `replace`, delete the
    stored files the backup does not have. Returns how many were deleted."""
    removed = 0
    try:
        if replace:
            for name in _stored_files(storage):
                if name not in read.files:
                    storage.delete(name)
                    removed += 1
        for name, source in read.files.items():
            if storage.exists(name):
                storage.delete(name)
            with open(source, "rb") as data:
                saved = storage.save(name, File(data, name=posixpath.basename(name)))
            if saved != name:
                raise BackupError(f"the storage saved {name} as {saved}")
            expected = read.manifest["files"][name]["sha256"]
            digest = hashlib.sha256()
            with storage.open(name, "rb") as written:
                while chunk := written.read(CHUNK):
                    digest.update(chunk)
            if digest.hexdigest() != expected:
                raise BackupError(f"{name} reads back differently from what was written")
    except (OSError, SuspiciousFileOperation, BackupError) as error:
        raise BackupError(
            f"The database was restored, but writing the files failed: {error}. Fix the storage and restore again "
            "with --yes."
        ) from error
    return removed


def human_size(size: int) -> str:
    """Bytes for people: '1.7 MB'."""
    amount = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{amount:,.0f} {unit}" if unit == "bytes" else f"{amount:,.1f} {unit}"
        amount /= 1024
    return f"{amount:,.1f} GB"
