"""The page of a background import: progress while it runs, the result when it is done."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from consortia.core.htmx import wants_partial
from consortia.core.imports import ImportResult
from consortia.core.models import ImportJob


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    # An import is seen only by the person who started it: it may name rows they alone can see.
    job = get_object_or_404(ImportJob, pk=pk, created_by=request.user)
    context = {
        "job": job,
        "result": ImportResult.from_dict(job.result) if job.result else None,
        "filename": job.filename,
    }
    if wants_partial(request, "job-progress"):
        return render(request, "core/import_job.html#progress", context)
    return render(request, "core/import_job.html", context)
