"""Background work of the core kit: big imports, run by the task queue (`manage.py db_worker`)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from consortia.core import registry
from consortia.core.imports import FILE, ImportResult, RowError
from consortia.core.models import ImportJob

PROGRESS_EVERY = 1000  # rows between progress updates


@task()
def run_import(job_id: int) -> None:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    views = next((views for views in registry.records() if views.model._meta.label_lower == job.model_label), None)
    importer_class = next((found for found in (views.importers if views else []) if found.name == job.importer), None)
    if importer_class is None:
        _finish(job, ImportResult(errors=[RowError(0, FILE, "This kind of import is no longer available.")]))
        return

    def progress(rows: int) -> None:
        # Written outside any transaction, so the progress page sees it at once.
        ImportJob.objects.filter(pk=job_id).update(rows_checked=rows)

    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.CHECKING)
    importer = importer_class(user=job.created_by, progress=progress, file_name=job.filename)
    importer.before_writing = lambda: ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.SAVING)
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        result = importer.run(data, commit=not job.check_only)
    except Exception:
        # The user's page must not wait for ever; the worker's log keeps the details.
        ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.FAILED, finished=timezone.now())
        raise
    _finish(job, result)


def _finish(job: ImportJob, result: ImportResult) -> None:
    # The upload is only needed until it has been read; the result is what is kept.
    job.file.delete(save=False)
    with transaction.atomic():
        job.result = result.as_dict()
        job.rows_checked = result.rows
        job.status = ImportJob.Status.DONE
        job.finished = timezone.now()
        job.save(update_fields=["file", "result", "rows_checked", "status", "finished"])
