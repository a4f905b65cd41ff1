"""360Giving research: the datasets loaded, the grants, the research page and its exports, and
turning a grant's funder and programme into a prospect."""

from __future__ import annotations

import django_tables2 as tables
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.exports import export_response
from consortia.core.htmx import wants_partial
from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordView, RecordViews, detail_fields
from consortia.funding import filtersets, forms
from consortia.funding import tables as funding_tables
from consortia.funding.importers import ThreeSixtyGivingImporter
from consortia.funding.models import GrantDataset, GrantRecord
from consortia.funding.services import research
from consortia.funding.services.applications import prospect_from_grant
from consortia.funding.views.records import MENU

GRANT_FIELDS = [
    "identifier",
    "title",
    "description",
    "amount_awarded",
    "currency",
    "award_date",
    "duration_months",
    "recipient_name",
    "recipient_org_id",
    "recipient_type",
    "recipient_org_type",
    "recipient_location",
    "recipient_postcode",
    "beneficiary_locations",
    "beneficiary_geo_codes",
    "programme",
    "funder_name",
    "funder_org_id",
    "dataset",
]


@register
class GrantDatasetViews(RecordViews):
    """The 360Giving files loaded: read only (they are their publishers')."""

    model = GrantDataset
    table = funding_tables.GrantDatasetTable
    filterset = filtersets.GrantDatasetFilterSet
    detail_fields = [
        "publisher",
        "title",
        "file_name",
        "licence",
        "licence_url",
        "attribution",
        "publisher_website",
        "source_url",
        "imported_at",
        "grant_count",
        "created_count",
        "updated_count",
        "unchanged_count",
        "total_awarded",
        "sha256",
    ]
    search_fields = ("publisher", "title", "file_name")
    menu_group = MENU
    menu_order = 60
    url_slug = "datasets"


@register
class GrantRecordViews(RecordViews):
    """360Giving grants: their list is the research page; they come in by import only."""

    model = GrantRecord
    table = funding_tables.GrantRecordTable
    filterset = filtersets.GrantRecordFilterSet
    importers = [ThreeSixtyGivingImporter]
    detail_fields = GRANT_FIELDS
    search_fields = ("title", "recipient_name", "funder_name")
    search_description = "funder_name"
    menu_group = MENU
    menu_order = 50
    url_slug = "grants"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return GrantRecord.objects.select_related("dataset")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        replaced = {"grantrecord_list": ResearchView, "grantrecord_detail": GrantDetailView}
        patterns = [
            path(str(p.pattern), replaced[str(p.name)].as_view(record=cls), name=p.name) if p.name in replaced else p
            for p in super().urls()
        ]
        return [
            *patterns,
            path(
                f"{cls.slug()}/<int:pk>/prospect/",
                ProspectFromGrantView.as_view(record=cls),
                name="grantrecord_prospect",
            ),
        ]


class GrantDetailView(ObjectDetailView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        grant = self.get_object()
        context = self.base_context() | {
            "object": grant,
            "fields": detail_fields(grant, self.record),
            "tab": "detail",
            "can_prospect": request.user.has_perm("funding.add_prospect"),
        }
        return render(request, "funding/grantrecord_detail.html", context)


class ProspectFromGrantView(RecordView):
    """ "Add this funder's programme as a prospect": the funder into the directory if need be."""

    def permission_actions(self) -> list[str]:
        return ["view"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        grant = self.get_object()
        if not request.user.has_perm("funding.add_prospect"):
            return HttpResponse("You may not add funding prospects.", status=403)
        try:
            prospect, created = prospect_from_grant(grant, request.user)
        except ValidationError as error:
            messages.error(request, "The prospect could not be made: " + " ".join(error.messages))
            return HttpResponseRedirect(grant.get_absolute_url())
        if created:
            messages.success(request, f"Added the prospect “{prospect}”: check its eligibility and fit.")
        else:
            messages.info(request, f"“{prospect}” is already a prospect.")
        return HttpResponseRedirect(prospect.get_absolute_url())


class ResearchView(RecordView):
    """Who funds organisations like ours, for what, where and how much: filters, the totals by
    funder and by programme (count, total, median), the grants, and their export with the
    publishers' licence credited. A fixed number of queries whatever the number of grants."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        grants = GrantRecord.objects.restrict(request.user, "view")
        form = forms.ResearchForm(request.GET or None, options=research.choices(grants))
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        selected = research.apply_filters(grants, data)
        if form.is_bound and not form.is_valid():
            selected = selected.none()
        # The list leaves the long descriptions out (they are on each grant's page).
        table = funding_tables.GrantRecordTable(selected.defer("description"), request=request)
        datasets = research.datasets_for(selected)
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            tables.RequestConfig(request, paginate=False).configure(table)
            return export_with_attribution(table, export, datasets)
        tables.RequestConfig(request, paginate={"per_page": settings.LIST_PAGE_SIZE}).configure(table)
        context = self.base_context() | {
            "form": form,
            "table": table,
            "summary": research.summarise(selected),
            "datasets": datasets,
            "can_import": request.user.has_perm("funding.add_grantrecord")
            and request.user.has_perm("funding.change_grantrecord"),
        }
        if wants_partial(request, "results"):
            return render(request, "funding/research.html#results", context)
        return render(request, "funding/research.html", context)


def attribution_lines(datasets: list[GrantDataset]) -> list[str]:
    if not datasets:
        return ["Source: 360Giving data (no grants selected)."]
    return [dataset.attribution for dataset in datasets]


def export_with_attribution(table: tables.Table, fmt: str, datasets: list[GrantDataset]) -> HttpResponseBase:
    """The grants shown (filtered, sorted, not paged) with the publishers' credit: after the rows
    of a CSV, on its own sheet (and below the rows) of a workbook."""
    sources = [["Publisher", "Licence", "Licence address", "Credit"]] + [
        [dataset.publisher, dataset.licence, dataset.licence_url, dataset.attribution] for dataset in datasets
    ]
    return export_response(
        table, fmt, "360giving-grants", notes=attribution_lines(datasets), sheets={"Source and licence": sources}
    )


urlpatterns: list[URLPattern] = [*GrantRecordViews.urls(), *GrantDatasetViews.urls()]
