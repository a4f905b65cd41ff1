"""Staff screens for tender notices: the notice search, a notice's page and its raw releases.

Notices come from the feeds and file imports, never from a form, so these pages only read.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils.dateparse import parse_datetime

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordView, RecordViews, detail_fields
from consortia.opportunities.filtersets.notices import NoticeFilterSet, is_open
from consortia.opportunities.models import CpvCode, Notice, NoticeMatch, Opportunity, Release
from consortia.opportunities.search import search_notices
from consortia.opportunities.tables.notices import NoticeTable, day_and_time, pounds

MENU = ("Opportunities", 25)
MATCHES_SHOWN = 12
# The columns a list page never shows and that can run to tens of kilobytes a notice.
HEAVY_FIELDS = ("compiled", "search_text", "description")


@register
class NoticeViews(RecordViews):
    model = Notice
    table = NoticeTable
    filterset = NoticeFilterSet
    detail_fields = [
        "ocid",
        "source",
        "buyer_name",
        "buyer_identifier",
        "stage",
        "status",
        "procedure",
        "procedure_details",
        "main_category",
        "notice_type",
        "region",
        "published",
        "last_release",
        "deadline",
        "suitable_vcse",
        "suitable_sme",
        "release_count",
    ]
    search_fields = ("title", "buyer_name")
    search_description = "buyer_name"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Notice.objects.defer(*HEAVY_FIELDS)

    @classmethod
    def search(cls, queryset: RestrictedQuerySet, text: str) -> RestrictedQuerySet:
        # The search box uses the full-text index, as the notice search does.
        return cast(RestrictedQuerySet, search_notices(queryset, text))

    @classmethod
    def urls(cls) -> list[URLPattern]:
        detail = NoticeDetailView.as_view(record=cls)
        patterns = [
            path(str(pattern.pattern), detail, name=pattern.name) if pattern.name == "notice_detail" else pattern
            for pattern in super().urls()
        ]
        slug = cls.slug()
        return [
            *patterns,
            path(f"{slug}/releases/<int:pk>/", ReleaseJsonView.as_view(record=cls), name="release_json"),
        ]


def visible_releases(user: Any) -> QuerySet[Release]:
    """The releases `user` may read: with the release permission, those of notices they may see."""
    if not user.has_perm("opportunities.view_release"):
        return Release.objects.none()
    return Release.objects.filter(notice__in=Notice.objects.restrict(user, "view").values("pk"))


def compiled_release(notice: Notice) -> dict[str, Any]:
    """The notice's compiled release as data ({} when it is missing or unreadable)."""
    try:
        data = json.loads(notice.compiled or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _list_of_dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def tender_documents(compiled: dict[str, Any]) -> list[dict[str, Any]]:
    """The tender's documents: title, type, the notice type they came with, date and address."""
    tender = compiled.get("tender") if isinstance(compiled.get("tender"), dict) else {}
    return [
        {
            "title": document.get("title") or document.get("description") or document.get("id") or "Document",
            "type": document.get("documentType", ""),
            "notice_type": document.get("noticeType", ""),
            "date": _day(document.get("datePublished") or document.get("dateModified")),
            "url": document.get("url", "") if str(document.get("url", "")).startswith(("http://", "https://")) else "",
        }
        for document in _list_of_dicts(tender.get("documents"))  # type: ignore[union-attr]
    ]


def tender_lots(compiled: dict[str, Any]) -> list[dict[str, Any]]:
    """The tender's lots: title, description, value and status."""
    tender = compiled.get("tender") if isinstance(compiled.get("tender"), dict) else {}
    lots = []
    for lot in _list_of_dicts(tender.get("lots")):  # type: ignore[union-attr]
        value = lot.get("value") if isinstance(lot.get("value"), dict) else {}
        lots.append(
            {
                "id": lot.get("id", ""),
                "title": lot.get("title", ""),
                "description": lot.get("description", ""),
                "value": _amount(value.get("amount"), value.get("currency", "")),  # type: ignore[union-attr]
                "status": lot.get("status", ""),
            }
        )
    return lots


def _amount(amount: Any, currency: str) -> str:
    if isinstance(amount, bool) or not isinstance(amount, int | float | str | Decimal):
        return ""
    try:
        number = Decimal(str(amount))
    except ArithmeticError:
        return ""
    return pounds(number) if currency in ("", "GBP") else f"{number:,} {currency}"


def _day(text: Any) -> str:
    """An OCDS date-time ("2026-03-01T09:00:00Z") as DD/MM/YYYY, or as given if it is not one."""
    moment = parse_datetime(text) if isinstance(text, str) else None
    return day_and_time(moment)[:10] if moment else str(text or "")


class NoticeDetailView(ObjectDetailView):
    """The notice's fields, CPV codes, timeline of releases, documents, lots and source link."""

    def get_object(self, action: str | None = None) -> Any:
        # The whole notice (the list's queryset leaves its long texts out).
        rows = Notice.objects.restrict(self.request.user, action or self.action)
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        notice: Notice = self.get_object()
        assert self.record is not None
        codes = list(notice.cpvs.order_by("code").values_list("code", flat=True))
        if notice.main_cpv and notice.main_cpv in codes:
            codes.remove(notice.main_cpv)
            codes.insert(0, notice.main_cpv)
        descriptions = dict(CpvCode.objects.filter(code__in=codes).values_list("code", "description"))
        compiled = compiled_release(notice)
        can_read_releases = request.user.has_perm("opportunities.view_release")
        releases = (
            notice.releases.order_by("date", "id").only("id", "release_id", "date", "tags", "notice_type", "source")
            if can_read_releases
            else Release.objects.none()
        )
        context = self.base_context() | {
            "object": notice,
            "fields": detail_fields(notice, self.record),
            "tab": "detail",
            "edit_blockers": [],
            "value": _amount(notice.value_amount, notice.currency),
            "minimum_value": _amount(notice.value_minimum, notice.currency),
            "deadline_text": day_and_time(notice.deadline),
            "is_open": is_open(notice),
            "cpv_codes": [(code, descriptions.get(code, "")) for code in codes],
            "releases": releases,
            "can_read_releases": can_read_releases,
            "documents": tender_documents(compiled),
            "lots": tender_lots(compiled),
            # Who could deliver it (a member's user sees only their own organisation's match).
            "matches": list(
                NoticeMatch.objects.restrict(request.user, "view")
                .filter(notice=notice)
                .select_related("organisation")
                .order_by("-score", "organisation__name")[:MATCHES_SHOWN]
            ),
            "following": Opportunity.objects.restrict(request.user, "view").filter(notice=notice).first(),
            "may_follow": request.user.has_perm("opportunities.add_opportunity"),
        }
        return render(request, "opportunities/notice_detail.html", context)


class ReleaseJsonView(RecordView):
    """One release exactly as received, pretty-printed; needs the release permission too."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("opportunities.view_release"):
            raise PermissionDenied("You do not have permission to view releases.")
        release = get_object_or_404(visible_releases(request.user).select_related("notice"), pk=pk)
        try:
            pretty = json.dumps(json.loads(release.data), indent=2, ensure_ascii=False, sort_keys=False)
        except ValueError:
            pretty = release.data  # shown as received, even if it does not parse
        context = self.base_context() | {
            "object": release.notice,
            "release": release,
            "pretty": pretty,
            "tab": "release",
            "crumb": f"Release {release.release_id}",
        }
        return render(request, "opportunities/release_json.html", context)


urlpatterns: list[URLPattern] = [*NoticeViews.urls()]
