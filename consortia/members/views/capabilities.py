"""What members deliver, for whom and where: the records, the capability search and the coverage grid."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.views.generic import RecordView, RecordViews
from consortia.directory.choices import AreaKind
from consortia.directory.models import Area
from consortia.documents import services as documents
from consortia.members.filtersets import capabilities as filtersets
from consortia.members.forms import capabilities as forms
from consortia.members.models import Capability, CaseStudy, ClientGroup, QualityMark, ServiceCategory
from consortia.members.services import capabilities as services
from consortia.members.tables import capabilities as tables

MENU = ("Members", 20)


@register
class ServiceCategoryViews(RecordViews):
    model = ServiceCategory
    table = tables.ServiceCategoryTable
    filterset = filtersets.ServiceCategoryFilterSet
    form = forms.ServiceCategoryForm
    detail_fields = ["code", "description", "cpv_codes", "order"]
    search_fields = ("name", "code")
    search_description = "code"
    menu_group = MENU
    menu_order = 80


@register
class ClientGroupViews(RecordViews):
    model = ClientGroup
    table = tables.ClientGroupTable
    filterset = filtersets.ClientGroupFilterSet
    form = forms.ClientGroupForm
    search_fields = ("name",)
    menu_group = MENU
    menu_order = 85


@register
class CapabilityViews(RecordViews):
    model = Capability
    table = tables.CapabilityTable
    filterset = filtersets.CapabilityFilterSet
    form = forms.CapabilityForm
    detail_fields = ["organisation", "category", "client_groups", "areas", "description", "clients_per_year"]
    search_fields = ("organisation__name", "category__name")
    search_description = "description"
    menu_group = MENU
    menu_order = 30

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Capability.objects.select_related("organisation", "category")


@register
class QualityMarkViews(RecordViews):
    model = QualityMark
    table = tables.QualityMarkTable
    filterset = filtersets.QualityMarkFilterSet
    form = forms.QualityMarkForm
    search_fields = ("name", "organisation__name")
    search_description = "reference"
    menu_group = MENU
    menu_order = 40

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return QualityMark.objects.select_related("organisation")


@register
class CaseStudyViews(RecordViews):
    model = CaseStudy
    table = tables.CaseStudyTable
    filterset = filtersets.CaseStudyFilterSet
    form = forms.CaseStudyForm
    detail_fields = ["organisation", "category", "year", "summary", "outcomes"]
    search_fields = ("title", "organisation__name")
    search_description = "organisation"
    menu_group = MENU
    menu_order = 50

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return CaseStudy.objects.select_related("organisation", "category")


add_menu_item(
    "Members", 20, MenuItem("Who can deliver?", "members:capability_search", "members.view_capability", order=25)
)
add_menu_item("Members", 20, MenuItem("Coverage grid", "members:coverage", "members.view_capability", order=26))


class HubPageView(RecordView):
    """A page of the hub's: member organisations' users are refused (they see only their own rows)."""

    record = CapabilityViews

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and getattr(request.user, "organisation_id", None):
            raise PermissionDenied("This page is for the hub's staff.")
        return super().dispatch(request, *args, **kwargs)


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def place_choices() -> list[tuple[int, str]]:
    """Counties and local authority areas, for the area drop-down (one query)."""
    kinds = [*services.COUNTY_KINDS, *services.LOCAL_KINDS]
    return [
        (pk, f"{name} ({'county' if kind == AreaKind.COUNTY else 'local authority'})")
        for pk, name, kind in Area.objects.filter(kind__in=kinds).order_by("name").values_list("pk", "name", "kind")
    ]


class CapabilitySearchView(HubPageView):
    """Who can deliver X (a service category) for Y (a client group) in Z (an area)?"""

    def get(self, request: HttpRequest) -> HttpResponse:
        categories = list(ServiceCategory.objects.restrict(request.user, "view"))
        groups = list(ClientGroup.objects.restrict(request.user, "view"))
        category_id = _number(request.GET.get("category"))
        group_id = _number(request.GET.get("client_group"))
        area_id = _number(request.GET.get("area"))
        include = request.GET.get("include_other_tiers") == "1"
        category = next((c for c in categories if c.pk == category_id), None)
        area = Area.objects.filter(pk=area_id).first() if area_id else None
        searched = category is not None
        page = None
        matches: list[services.Match] = []
        if searched:
            # A page of matches at a time: a broad search (a service, anyone, anywhere) matches
            # hundreds of members at a large consortium. One capability a member, as the service is
            # required, so a page of capabilities is a page of members.
            rows = services.matching_capabilities(request.user, category, group_id, area, include)
            page = Paginator(rows, settings.LIST_PAGE_SIZE).get_page(request.GET.get("page"))
            matches = services.matches_for(request.user, page.object_list)
        context = self.base_context() | {
            "categories": categories,
            "client_groups": groups,
            "places": place_choices(),
            "chosen": {"category": category_id, "client_group": group_id, "area": area_id, "include": include},
            "category": category,
            "client_group": next((g for g in groups if g.pk == group_id), None),
            "area": area,
            "searched": searched,
            "matches": matches,
            "page": page,
            "total": page.paginator.count if page is not None else 0,
        }
        return render(request, "members/capabilities/search.html", context)


class CoverageView(HubPageView):
    """Service categories × local authority areas: how many active members deliver each where."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        counties = list(Area.objects.filter(kind=AreaKind.COUNTY).order_by("name").values_list("pk", "name"))
        county_id = _number(request.GET.get("county"))
        county = Area.objects.filter(pk=county_id, kind=AreaKind.COUNTY).first() if county_id else None
        grid = services.coverage(request.user, county)
        if request.GET.get("format") == "xlsx":
            if not request.user.has_perm("documents.add_generateddocument"):
                raise PermissionDenied("You do not have permission to generate documents.")
            built = services.coverage_workbook(grid, county)
            return documents.download(documents.store(built, kind="coverage_grid", source=county, user=request.user))
        context = self.base_context() | {
            "grid": grid,
            "counties": counties,
            "county": county,
        }
        return render(request, "members/capabilities/coverage.html", context)


urlpatterns: list[URLPattern] = [
    path("capabilities/search/", CapabilitySearchView.as_view(), name="capability_search"),
    path("capabilities/coverage/", CoverageView.as_view(), name="coverage"),
    *ServiceCategoryViews.urls(),
    *ClientGroupViews.urls(),
    *CapabilityViews.urls(),
    *QualityMarkViews.urls(),
    *CaseStudyViews.urls(),
]
