"""Generated documents: the list of everything built, and the download and build routes.

An app offers a document for a record with `document_urls(XViews, kind, build)`: the route
`<app>:<model>_<kind>` takes `?format=docx|pdf|xlsx`, builds the file from the record the
user may see, keeps it (`GeneratedDocument`) and sends it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import RecordView, RecordViews
from consortia.documents import filtersets, services, tables
from consortia.documents.builders import Built
from consortia.documents.choices import DocumentFormat
from consortia.documents.models import GeneratedDocument

Builder = Callable[[Any, DocumentFormat], Built]


@register
class GeneratedDocumentViews(RecordViews):
    model = GeneratedDocument
    table = tables.GeneratedDocumentTable
    filterset = filtersets.GeneratedDocumentFilterSet
    detail_fields = ["kind", "format", "filename", "size", "created", "created_by"]
    search_fields = ("title", "filename")
    search_description = "filename"
    menu_group = ("Hub", 5)
    menu_order = 90
    url_slug = "documents"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return GeneratedDocument.objects.select_related("created_by")


class DownloadView(RecordView):
    record = GeneratedDocumentViews

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        document = get_object_or_404(self.get_queryset(), pk=pk)
        return services.download(document)


class BuildView(RecordView):
    """Build a document from a record the user may view, keep it and send it."""

    kind = ""
    build: Builder | None = None
    formats: tuple[DocumentFormat, ...] = (DocumentFormat.DOCX,)

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        if not request.user.has_perm("documents.add_generateddocument"):
            raise PermissionDenied("You do not have permission to generate documents.")
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            fmt = DocumentFormat(request.GET.get("format", self.formats[0]))
        except ValueError:
            raise Http404("No such format.") from None
        if fmt not in self.formats:
            raise Http404("This document is not made in that format.")
        assert self.build is not None
        built = self.build(obj, fmt)
        document = services.store(built, kind=self.kind, source=obj, user=request.user)
        return services.download(document)


def document_urls(
    record: type[RecordViews], kind: str, build: Builder, formats: tuple[DocumentFormat, ...] = (DocumentFormat.DOCX,)
) -> list[URLPattern]:
    """The route `<app>:<model>_<kind>` that builds `kind` from one of `record`'s records."""
    name = record.model._meta.model_name
    view = BuildView.as_view(record=record, kind=kind, build=build, formats=formats)
    return [path(f"{record.slug()}/<int:pk>/{kind.replace('_', '-')}/", view, name=f"{name}_{kind}")]


def document_url_name(model: type[Any], kind: str) -> str:
    return f"{model._meta.app_label}:{model._meta.model_name}_{kind}"
