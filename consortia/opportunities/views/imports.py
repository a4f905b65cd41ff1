"""Getting notices in: the record of every fetch and import, and importing a file from the browser.

The scheduled `fetch_notices` and `manage.py import_notices` are the usual ways in; a hub
manager with a file from a colleague or a portal export uploads it here. A file up to
UPLOAD_MAX_MB is imported while they wait (a few seconds for thousands of releases); a bigger
one belongs to the command, which streams a file of any size.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath
from typing import Any

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.filtersets import BaseFilterSet
from consortia.core.forms import style_widgets
from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.tables import BaseTable
from consortia.core.uploads import OCDS, check_upload
from consortia.core.views.generic import RecordView, RecordViews
from consortia.opportunities.choices import RunStatus, Source
from consortia.opportunities.ingest import Ingester
from consortia.opportunities.models import FeedState, IngestRun
from consortia.opportunities.views.notices import MENU, NoticeViews

UPLOAD_MAX_MB = 50


class IngestRunTable(BaseTable):
    run = tables.Column(
        verbose_name="Import or fetch",
        accessor="pk",
        linkify=lambda record: record.get_absolute_url(),
        order_by=("started",),
    )
    status = tables.Column()
    releases_read = tables.Column(verbose_name="Releases read")
    releases_new = tables.Column(verbose_name="New")
    notices_created = tables.Column(verbose_name="New notices")
    notices_updated = tables.Column(verbose_name="Notices updated")
    packages_refused = tables.Column(verbose_name="Packages refused")

    class Meta(BaseTable.Meta):
        model = IngestRun
        fields = (
            "run",
            "status",
            "releases_read",
            "releases_new",
            "notices_created",
            "notices_updated",
            "packages_refused",
        )

    def render_run(self, record: IngestRun) -> str:
        return str(record)

    def value_run(self, record: IngestRun) -> str:
        return str(record)


class IngestRunFilterSet(BaseFilterSet):
    search_fields = ("files", "messages")
    source = django_filters.ChoiceFilter(choices=Source.choices, empty_label="Any")
    status = django_filters.ChoiceFilter(choices=RunStatus.choices, empty_label="Any")

    class Meta:
        model = IngestRun
        fields = ["q", "source", "status"]


@register
class IngestRunViews(RecordViews):
    model = IngestRun
    table = IngestRunTable
    filterset = IngestRunFilterSet
    detail_fields = [
        "source",
        "status",
        "started",
        "finished",
        "files",
        "packages_read",
        "packages_committed",
        "packages_refused",
        "releases_read",
        "releases_new",
        "releases_duplicate",
        "notices_created",
        "notices_updated",
        "messages",
        "created_by",
    ]
    menu_group = MENU
    menu_order = 60
    url_slug = "imports"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return IngestRun.objects.select_related("created_by")


class NoticeFileForm(forms.Form):
    file = forms.FileField(
        label="Release or record packages",
        help_text=f"A .json, .jsonl or .gz file from Find a Tender, Contracts Finder or another OCDS publisher, "
        f"up to {UPLOAD_MAX_MB} MB. Bigger files: ask your administrator to run manage.py import_notices.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_upload(upload, "notice file", OCDS, UPLOAD_MAX_MB)
        return upload


class NoticeImportView(RecordView):
    """Upload a file of notices; import it now and show what happened."""

    record = NoticeViews

    def permission_actions(self) -> list[str]:
        return ["add"]

    def page(self, form: NoticeFileForm) -> HttpResponse:
        feeds = {state.source: state for state in FeedState.objects.all()}
        context = self.base_context() | {
            "form": form,
            "feeds": [(label, feeds.get(value)) for value, label in Source.choices if value != Source.FILE],
            "recent": IngestRun.objects.select_related("created_by")[:5],
        }
        return render(self.request, "opportunities/notice_import.html", context)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(NoticeFileForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("opportunities.add_notice"):
            raise PermissionDenied("You do not have permission to import notices.")
        form = NoticeFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form)
        upload = form.cleaned_data["file"]
        name = PurePath(upload.name or "notices.json").name
        ingester = Ingester(Source.FILE, user=request.user, files=[name])
        try:
            with tempfile.TemporaryDirectory() as folder:
                saved = Path(folder) / name
                with saved.open("wb") as out:
                    for chunk in upload.chunks():
                        out.write(chunk)
                ingester.import_file(saved)
        except ValidationError as error:
            form.add_error("file", error)
        finally:
            run = ingester.finish()
        if run.status == RunStatus.DONE:
            messages.success(
                request,
                f"Imported {name}: {run.notices_created} new notices, {run.notices_updated} updated, "
                f"{run.releases_new} new releases ({run.releases_duplicate} already stored).",
            )
        else:
            messages.warning(request, f"{name} was not imported whole: see what was refused, and why, below.")
        return HttpResponseRedirect(run.get_absolute_url())


add_menu_item(*MENU, MenuItem("Import notices", "opportunities:notice_import", "opportunities.add_notice", order=55))

urlpatterns: list[URLPattern] = [
    *IngestRunViews.urls(),
    path("notices/import-file/", NoticeImportView.as_view(), name="notice_import"),
]
