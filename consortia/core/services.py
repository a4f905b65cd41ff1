"""Generic record operations that every app's views, API and imports share."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.forms import ModelForm

from consortia.core.imports import Importer
from consortia.core.models import BaseModel, ImportJob


class StaleEditError(Exception):
    """The record changed after the user opened it; saving would silently overwrite that change."""


# Fields whose change is not an edit of the record (a sign-in stamps last_login).
VERSION_IGNORES = {"last_login", "password"}


def record_version(instance: Model) -> str:
    """A fingerprint of the record as stored: the edit form carries it, and a save compares it
    with the record as it is now, so nobody silently overwrites a newer change."""
    values = [
        f"{field.attname}={getattr(instance, field.attname)!r}"
        for field in instance._meta.concrete_fields
        if field.attname not in VERSION_IGNORES
    ]
    return hashlib.sha256("\n".join(values).encode()).hexdigest()[:32]


@transaction.atomic
def save_form(form: ModelForm, user: Any, seen_version: str | None = None) -> Model:
    """Save a valid model form as `user`, refusing to overwrite a newer version of the record."""
    instance = form.instance
    if instance.pk is not None and seen_version is not None:
        # No ordering: a model ordered across a nullable relation would join it, and PostgreSQL
        # refuses FOR UPDATE on the nullable side of an outer join.
        current = type(instance)._default_manager.select_for_update().filter(pk=instance.pk).order_by().first()
        if current is None or record_version(current) != seen_version:
            raise StaleEditError
    obj = form.save(commit=False)
    if isinstance(obj, BaseModel):
        obj.stamp(user)
    obj.save()
    form.save_m2m()
    return obj


def start_import(
    model: type[Model], importer: type[Importer], upload: UploadedFile, user: Any, check_only: bool
) -> ImportJob:
    """Keep the uploaded file and queue its import; the job's page follows its progress."""
    from consortia.core.tasks import run_import  # the task module imports the registry

    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    # Lines less the header, for the progress bar (a workbook's rows are counted as they are read).
    rows = 0 if head == b"PK\x03\x04" else max(0, sum(chunk.count(b"\n") for chunk in upload.chunks()) - 1)
    upload.seek(0)
    job = ImportJob.objects.create(
        model_label=model._meta.label_lower,
        importer=importer.name,
        file=upload,
        filename=upload.name or "upload",
        check_only=check_only,
        rows_total=rows,
        created_by=user,
    )
    transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job
