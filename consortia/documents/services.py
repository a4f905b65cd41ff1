"""Keeping and serving generated documents."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.text import slugify

from consortia.documents.builders import Built
from consortia.documents.models import GeneratedDocument


@transaction.atomic
def store(built: Built, *, kind: str, source: models.Model | None, user: Any) -> GeneratedDocument:
    """Keep a built file as a GeneratedDocument linked to the record it came from."""
    stem = slugify(built.filename)[:80] or kind
    filename = f"{stem}-{timezone.localdate():%Y-%m-%d}.{built.format}"
    document = GeneratedDocument(
        kind=kind,
        title=built.title,
        format=built.format,
        filename=filename,
        size=len(built.content),
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
    )
    document.stamp(user)
    document.file.save(filename, ContentFile(built.content), save=False)
    document.save()
    return document


def download(document: GeneratedDocument) -> FileResponse:
    """The file as an attachment under its friendly name."""
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.filename, content_type=document.content_type
    )


def documents_for(source: models.Model, user: Any) -> models.QuerySet[GeneratedDocument]:
    """The documents built from `source` that `user` may see, newest first."""
    return GeneratedDocument.objects.restrict(user, "view").filter(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk
    )
