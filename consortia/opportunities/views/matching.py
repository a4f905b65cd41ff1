"""Matching: which members could deliver which notices, and the searches people keep."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import RecordViews
from consortia.opportunities.filtersets import matching as filtersets
from consortia.opportunities.forms import matching as forms
from consortia.opportunities.models import NoticeMatch, SavedSearch
from consortia.opportunities.tables import matching as tables
from consortia.opportunities.views.pipeline import MENU

# The notice list's own parameters that make a search (not its page, sort or export).
SEARCH_SKIPS = {"page", "export", "csrfmiddlewaretoken", "name", "per_page"}


@register
class NoticeMatchViews(RecordViews):
    model = NoticeMatch
    table = tables.NoticeMatchTable
    filterset = filtersets.NoticeMatchFilterSet
    detail_fields = ["notice", "organisation", "score", "reasons", "matched"]
    search_fields = ("notice__title", "organisation__name")
    search_description = "reasons"
    menu_group = MENU
    menu_order = 8
    url_slug = "matches"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return NoticeMatch.objects.select_related("notice", "organisation").defer(
            "notice__compiled", "notice__search_text", "notice__description"
        )


@register
class SavedSearchViews(RecordViews):
    model = SavedSearch
    table = tables.SavedSearchTable
    filterset = filtersets.SavedSearchFilterSet
    form = forms.SavedSearchForm
    detail_fields = ["name", "query", "in_digest", "owner", "organisation"]
    search_fields = ("name",)
    search_description = "query"
    menu_group = MENU
    menu_order = 9
    url_slug = "saved-searches"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return SavedSearch.objects.select_related("owner", "organisation")

    @classmethod
    def after_save(cls, request: HttpRequest, obj: Any, created: bool) -> None:
        if created and obj.owner_id is None and obj.organisation_id is None:
            obj.owner = request.user
            obj.save(update_fields=["owner"])


@login_required
@require_POST
def save_search(request: HttpRequest) -> HttpResponse:
    """Keep the notice search on screen (its filters, from the list's address) under a name."""
    if not request.user.has_perm("opportunities.add_savedsearch"):
        raise PermissionDenied("You do not have permission to save searches.")
    query = urlencode(
        [(key, value) for key, values in request.POST.lists() if key not in SEARCH_SKIPS for value in values if value]
    )
    name = request.POST.get("name", "").strip()[:200] or "My search"
    user: Any = request.user
    search = SavedSearch(name=name, query=query, owner=user, organisation=user.organisation)
    search.stamp(request.user)
    search.save()
    messages.success(request, f"Saved the search “{name}”.")
    return HttpResponseRedirect(reverse("opportunities:notice_list") + ("?" + query if query else ""))


urlpatterns: list[URLPattern] = [
    *NoticeMatchViews.urls(),
    *SavedSearchViews.urls(),
    path("saved-searches/save/", save_search, name="savedsearch_save"),
]
