"""The answer library: reusable answers and case studies, their freshness, and where each was used."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.bids.filtersets import library as filtersets
from consortia.bids.forms.library import LibraryEntryForm
from consortia.bids.models import LibraryEntry, LibraryUse
from consortia.bids.services import library
from consortia.bids.tables import library as tables
from consortia.bids.views.workspace import MENU
from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordViews, detail_fields


@register
class LibraryEntryViews(RecordViews):
    model = LibraryEntry
    table = tables.LibraryEntryTable
    filterset = filtersets.LibraryEntryFilterSet
    form = LibraryEntryForm
    detail_fields = [
        "kind",
        "title",
        "question",
        "text",
        "tags",
        "owner",
        "last_reviewed",
        "review_months",
        "reuse_count",
    ]
    search_fields = ("title", "tags")
    search_description = "question"
    menu_group = MENU
    menu_order = 30
    url_slug = "library"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return LibraryEntry.objects.select_related("owner")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "libraryentry_detail":
                pattern = path(str(pattern.pattern), LibraryEntryDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        return [
            *patterns,
            path(f"{cls.slug()}/<int:pk>/reviewed/", ReviewedView.as_view(record=cls), name="libraryentry_reviewed"),
        ]


class LibraryEntryDetailView(ObjectDetailView):
    """The entry, its freshness and review date, and every bid question it was used in."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = self.get_object()
        context = self.base_context() | {
            "object": entry,
            "fields": detail_fields(entry, self.record),
            "tab": "detail",
            "freshness": entry.freshness,
            "review_due": library.review_due(entry),
            "uses": list(
                LibraryUse.objects.restrict(request.user, "view")
                .filter(entry=entry)
                .select_related("question__bid__opportunity", "created_by")
            ),
        }
        return render(request, "bids/libraryentry_detail.html", context)


class ReviewedView(LibraryEntryDetailView):
    def permission_actions(self) -> list[str]:
        return ["change"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = self.get_object("change")
        library.mark_reviewed(entry, request.user)
        messages.success(request, "Marked as reviewed today.")
        return HttpResponseRedirect(entry.get_absolute_url())


@register
class LibraryUseViews(RecordViews):
    model = LibraryUse
    table = tables.LibraryUseTable
    filterset = filtersets.LibraryUseFilterSet
    search_fields = ("entry__title",)
    menu_group = None
    url_slug = "library-uses"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return LibraryUse.objects.select_related("entry", "question__bid__opportunity", "created_by")


urlpatterns: list[URLPattern] = [*LibraryEntryViews.urls(), *LibraryUseViews.urls()]
