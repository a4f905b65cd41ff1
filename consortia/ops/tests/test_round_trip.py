"""`manage.py backup` and `manage.py restore`: the demo consortium and its files, there and back.

A restore commits its own transactions, so these are transactional tests. The module first backs
up the database as the suite has it (the reference data the migrations load, the roles: what
every other test expects), and restores that backup when it ends, after the last test's tables
were emptied; uploads go to a media folder of the module's own.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from consortia.core.testing.fixtures import put_reference_data_back
from consortia.ops.backup import MANIFEST, restore
from consortia.ops.backup import backup as make_backup
from consortia.users.testing import make_user

pytestmark = pytest.mark.django_db(transaction=True)

# SQLite's full-text index keeps its own tables; what it holds is compared through the index itself.
FTS = "opportunities_notice_fts"


def table_rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, every column, read through the cursor in primary-key order."""
    pks = {
        model._meta.db_table: model._meta.pk.column
        for model in apps.get_models(include_auto_created=True)
        if model._meta.pk is not None
    }
    pks["django_migrations"] = "id"
    rows: dict[str, list[tuple[Any, ...]]] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table.startswith(f"{FTS}_"):
                continue
            if table == FTS:
                cursor.execute(f"SELECT rowid, search_text FROM {FTS} ORDER BY rowid")
            else:
                cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {quote(pks[table])}")
            rows[table] = cursor.fetchall()
    return rows


def stored_files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=root):
        yield root


@pytest.fixture(scope="module")
def as_found(
    django_db_setup: None, django_db_blocker: Any, media: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """A backup of the database as the module found it (migrated, nobody using it), put back
    when the module ends."""
    with django_db_blocker.unblock():
        # An earlier transactional test in this process may have emptied the reference data.
        put_reference_data_back()
        backup = make_backup(tmp_path_factory.mktemp("as-found"))
        try:
            yield backup.path
        finally:
            restore(backup.path, replace=True)


@pytest.fixture
def in_use(as_found: Path, media: Path) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, bytes]]:
    """A database someone uses (an account, an upload): its rows and files."""
    make_user("someone@example.org")
    default_storage.save("uploads/minutes.txt", ContentFile(b"Minutes of the board"))
    return table_rows(), stored_files(media)


def test_restore_refuses_a_database_in_use(as_found: Path, in_use: Any, media: Path) -> None:
    with pytest.raises(
        CommandError, match=r"in use: it holds 1 user account.*[\d,]+ stored file.*--yes.*Nothing was changed"
    ):
        call_command("restore", str(as_found), stdout=StringIO())

    assert (table_rows(), stored_files(media)) == in_use


def test_a_truncated_archive_changes_nothing(as_found: Path, in_use: Any, media: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.tar.gz"
    data = as_found.read_bytes()
    truncated.write_bytes(data[: len(data) * 2 // 3])

    with pytest.raises(CommandError, match=r"damaged or incomplete.*Nothing was changed"):
        call_command("restore", str(truncated), "--yes", stdout=StringIO())

    assert (table_rows(), stored_files(media)) == in_use


def test_a_file_that_is_not_a_backup_changes_nothing(in_use: Any, media: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.tar.gz"
    other.write_bytes(gzip.compress(b"not a tar file at all" * 100))

    with pytest.raises(CommandError, match=r"damaged or incomplete.*Nothing was changed"):
        call_command("restore", str(other), "--yes", stdout=StringIO())

    assert (table_rows(), stored_files(media)) == in_use


def rewritten(archive: Path, target: Path, change: Any) -> Path:
    """A copy of the archive whose manifest `change(manifest)` has altered."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz", compresslevel=1) as copy:
        for member in source:
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


def test_an_archive_from_another_version_changes_nothing(
    as_found: Path, in_use: Any, media: Path, tmp_path: Path
) -> None:
    def newer_hub(manifest: dict[str, Any]) -> None:
        manifest["migrations"]["hub"].append("9999_from_the_future")

    archive = rewritten(as_found, tmp_path / "newer.tar.gz", newer_hub)

    with pytest.raises(CommandError, match=r"hub: the backup has 9999_from_the_future.*Nothing was changed"):
        call_command("restore", str(archive), "--yes", stdout=StringIO())

    assert (table_rows(), stored_files(media)) == in_use


def test_an_archive_whose_rows_differ_from_its_manifest_changes_nothing(
    as_found: Path, in_use: Any, media: Path, tmp_path: Path
) -> None:
    def one_more_role(manifest: dict[str, Any]) -> None:
        manifest["tables"]["auth_group"]["rows"] += 1

    archive = rewritten(as_found, tmp_path / "edited.tar.gz", one_more_role)

    with pytest.raises(CommandError, match=r"the table auth_group has .* row.*Nothing was changed"):
        call_command("restore", str(archive), "--yes", stdout=StringIO())

    assert (table_rows(), stored_files(media)) == in_use


def test_the_demo_round_trips_table_by_table_and_file_by_file(as_found: Path, media: Path, tmp_path: Path) -> None:
    restore(as_found, replace=True)  # whatever the tests before left
    call_command("load_demo", stdout=StringIO())
    default_storage.save("uploads/every byte.bin", ContentFile(bytes(range(256)) * 64))
    default_storage.save("uploads/2026/Évaluation – année 1.txt", ContentFile("Résumé: £1,250.50\n".encode()))
    default_storage.save("uploads/empty.txt", ContentFile(b""))
    rows, files = table_rows(), stored_files(media)
    printed, warned = StringIO(), StringIO()

    call_command("backup", str(tmp_path), stdout=printed, stderr=warned)

    (archive,) = tmp_path.glob("consortia-backup-*.tar.gz")
    count = sum(len(table) for name, table in rows.items() if name not in ("django_migrations", FTS))
    assert count > 10_000
    assert len(files) > 300
    assert f"{count:,} rows" in printed.getvalue()
    assert f"Files: {len(files):,} " in printed.getvalue()
    # The uploads no record names are backed up, and reported.
    assert "3 stored file(s) are named by no record" in warned.getvalue()
    assert "uploads/every byte.bin" in warned.getvalue()

    # Back to a database as the migrations leave it, with no files: nobody is using it, so no --yes.
    restore(as_found, replace=True)
    assert not get_user_model().objects.exists()
    assert stored_files(media) == {}
    printed = StringIO()

    call_command("restore", str(archive), stdout=printed)

    assert f"{count:,} rows" in printed.getvalue()
    restored = table_rows()
    assert restored.keys() == rows.keys()
    for table, before in rows.items():
        assert restored[table] == before, table
    assert stored_files(media) == files
    # New rows take new ids: PostgreSQL's sequences were moved past the restored rows.
    make_user("after-the-restore@example.org")
    print(printed.getvalue())
