"""Uploaded files, stored safely: the kind checked by content, a size limit, a random stored
name, and downloads only through a view that has checked who is asking (never a media URL).

Forms and serializers call `check_upload` then `private_name`; views answer with
`private_file_response`.

A deleted record's files go with it, and a replaced file goes when the record is saved with its
replacement (`delete_files_with_records`, connected at start-up for every model with a file
field): once the deletion or change is committed, and only the files no remaining row names.
This holds however the record is deleted or changed — its page, the API, a service, a cascade
from a record it belongs to, the retention rules. The change history keeps a deleted or replaced
file's name, not the file: the backups keep the files (docs/deploy.md).
"""

from __future__ import annotations

import functools
import logging
import uuid
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models.signals import pre_delete, pre_save
from django.http import FileResponse, Http404

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileKind:
    label: str  # what people call it
    content_type: str
    signatures: tuple[bytes, ...]  # how such a file starts; empty for plain text (no NUL bytes)


KINDS: dict[str, FileKind] = {
    ".pdf": FileKind("PDF", "application/pdf", (b"%PDF",)),
    ".doc": FileKind("Word", "application/msword", (b"\xd0\xcf\x11\xe0",)),
    ".docx": FileKind(
        "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)
    ),
    ".odt": FileKind("OpenDocument", "application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".rtf": FileKind("rich text", "application/rtf", (b"{\\rtf",)),
    ".txt": FileKind("plain text", "text/plain", ()),
    ".xlsx": FileKind("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".jpg": FileKind("JPEG image", "image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": FileKind("JPEG image", "image/jpeg", (b"\xff\xd8\xff",)),
    ".png": FileKind("PNG image", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".json": FileKind("JSON", "application/json", ()),
    ".jsonl": FileKind("JSON lines", "application/jsonl", ()),
    ".gz": FileKind("gzip", "application/gzip", (b"\x1f\x8b",)),
}
DOCUMENTS = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt")
# Open contracting data: release or record packages, plain or compressed.
OCDS = (".json", ".jsonl", ".gz")
# Certificates and policies arrive as documents, spreadsheets or photographs of a certificate.
EVIDENCE = (*DOCUMENTS, ".xlsx", ".jpg", ".jpeg", ".png")
MAX_MB = 10


def describe(extensions: tuple[str, ...]) -> str:
    """The accepted kinds for messages: 'PDF (.pdf), Word (.doc or .docx) … or PNG image (.png)'."""
    by_label: dict[str, list[str]] = {}
    for extension in extensions:
        by_label.setdefault(KINDS[extension].label, []).append(extension)
    labels = [f"{label} ({' or '.join(found)})" for label, found in by_label.items()]
    return ", ".join(labels[:-1]) + f" or {labels[-1]}" if len(labels) > 1 else labels[0]


def check_upload(
    upload: UploadedFile, label: str, extensions: tuple[str, ...] = DOCUMENTS, max_mb: int = MAX_MB
) -> None:
    """Refuse a file of a kind not accepted (judged by its content, not only its name), empty, or too big."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower()
    if extension not in extensions:
        raise ValidationError(f"The {label} must be a {describe(extensions)} file; “{name}” is not.")
    if upload.size is not None and upload.size > max_mb * 1024 * 1024:
        raise ValidationError(
            f"“{name}” is {upload.size / (1024 * 1024):.1f} MB; the {label} can be up to {max_mb} MB."
        )
    if upload.size == 0:
        raise ValidationError(f"“{name}” is empty. Check the file opens, then upload it again.")
    kind = KINDS[extension]
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    looks_right = head.startswith(kind.signatures) if kind.signatures else b"\x00" not in head
    if not looks_right:
        raise ValidationError(f"“{name}” does not look like a {kind.label} file. Check it opens, then upload it again.")


def private_name(upload: UploadedFile) -> None:
    """Store the file under a random name: nothing about the person or organisation in the path."""
    upload.name = f"{uuid.uuid4().hex}{PurePath(upload.name or '').suffix.lower()}"


def private_file_response(stored: Any, filename: str) -> FileResponse:
    """Send a stored file as an attachment named `filename` (its extension added), never cached."""
    if not stored:
        raise Http404("There is no such file.")
    extension = PurePath(stored.name).suffix.lower()
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    kind = KINDS.get(extension)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}{extension}",
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_fields(model: type[models.Model]) -> list[models.FileField]:
    """The model's own stored-file columns (a change-history table keeps only their names, as text)."""
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


@functools.cache
def _file_columns() -> tuple[tuple[type[models.Model], models.FileField], ...]:
    """Every stored-file column of every table: where a stored file may be named."""
    return tuple((model, field) for model in apps.get_models() if not model._meta.proxy for field in file_fields(model))


def still_named(storage: Storage, name: str, using: str) -> bool:
    """Whether a row of any table names the stored file (one query)."""
    queries = [
        model._base_manager.using(using).filter(**{field.attname: name}).order_by().values_list("pk")
        for model, field in _file_columns()
        if field.storage is storage
    ]
    if not queries:
        return False
    first, *rest = queries
    return bool(list(first.union(*rest, all=True)[:1]))


def delete_when_committed(storage: Storage, name: str, using: str) -> None:
    """Delete the stored file once the current transaction commits, unless a row still names it
    then. A rolled-back transaction leaves the file where it is."""

    def delete_stored_file() -> None:
        if still_named(storage, name, using):
            return
        try:
            storage.delete(name)
        except Exception:  # the record is gone already: the file is left, and the log says so
            logger.exception("Could not delete the stored file %s, no longer named by any record.", name)

    transaction.on_commit(delete_stored_file, using=using, robust=True)


def _record_deleted(sender: type[models.Model], instance: models.Model, using: str, **kwargs: Any) -> None:
    for field in file_fields(sender):
        stored = getattr(instance, field.attname)
        if stored and stored.name:
            delete_when_committed(stored.storage, stored.name, using)


def _record_saving(
    sender: type[models.Model],
    instance: models.Model,
    raw: bool,
    using: str,
    update_fields: Any,
    **kwargs: Any,
) -> None:
    """A stored record about to be saved with another file (or none) in a file field: its old file
    goes once the change is committed (one query, for the names stored now)."""
    if raw or instance._state.adding or instance.pk is None:
        return
    fields = file_fields(sender)
    if update_fields is not None:
        fields = [field for field in fields if field.name in update_fields or field.attname in update_fields]
    if not fields:
        return
    stored = (
        sender._base_manager.using(using)
        .filter(pk=instance.pk)
        .values_list(*[field.attname for field in fields])
        .first()
    )
    if stored is None:
        return
    for field, old_name in zip(fields, stored, strict=True):
        new = getattr(instance, field.attname)
        if old_name and old_name != (new.name if new else ""):
            delete_when_committed(field.storage, old_name, using)


def delete_files_with_records() -> None:
    """Connect the deletion of stored files to every model that has any (from `CoreConfig.ready`):
    when a record is deleted, and when it is saved with a file replaced or cleared."""
    for model in apps.get_models():
        if file_fields(model):
            uid = f"consortia.core.uploads:{model._meta.label_lower}"
            pre_delete.connect(_record_deleted, sender=model, dispatch_uid=uid)
            pre_save.connect(_record_saving, sender=model, dispatch_uid=uid)
