"""Memberships, associate members' development plans and the supply-chain register."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordView, RecordViews, detail_fields
from consortia.documents import services as documents
from consortia.members.filtersets import membership as filtersets
from consortia.members.forms import membership as forms
from consortia.members.importers.membership import MembershipImporter
from consortia.members.models import Capability, CaseStudy, DevelopmentAction, Membership, QualityMark
from consortia.members.services.membership import KIND, build_supply_chain_register
from consortia.members.tables import membership as tables
from consortia.members.tables.capabilities import expiry_flag

MENU = ("Members", 20)


@register
class MembershipViews(RecordViews):
    model = Membership
    table = tables.MembershipTable
    filterset = filtersets.MembershipFilterSet
    form = forms.MembershipForm
    importers = [MembershipImporter]
    search_fields = ("organisation__name", "tier")
    search_description = "status"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Membership.objects.select_related("organisation")


@register
class DevelopmentActionViews(RecordViews):
    model = DevelopmentAction
    table = tables.DevelopmentActionTable
    filterset = filtersets.DevelopmentActionFilterSet
    form = forms.DevelopmentActionForm
    search_fields = ("action",)
    search_description = "membership"
    menu_group = MENU
    menu_order = 15

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return DevelopmentAction.objects.select_related("membership__organisation")


class MembershipDetailView(ObjectDetailView):
    """The membership, its development plan and the member's capabilities, quality marks and case studies."""

    record = MembershipViews

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = self.get_object()
        user = request.user
        fields = detail_fields(membership, self.record)  # the fee shown in pounds, as every money field
        context = self.base_context() | {
            "object": membership,
            "fields": fields,
            "tab": "detail",
            "edit_blockers": [],
            "today": timezone.localdate(),
        }
        organisation_id = membership.organisation_id
        context["development_actions"] = list(
            DevelopmentAction.objects.restrict(user, "view").filter(membership=membership)
        )
        context["capabilities"] = list(
            Capability.objects.restrict(user, "view")
            .filter(organisation_id=organisation_id)
            .select_related("category")
            .prefetch_related("client_groups", "areas")
        )
        context["quality_marks"] = [
            (mark, expiry_flag(mark.expires_on))
            for mark in QualityMark.objects.restrict(user, "view").filter(organisation_id=organisation_id)
        ]
        context["case_studies"] = list(
            CaseStudy.objects.restrict(user, "view").filter(organisation_id=organisation_id).select_related("category")
        )
        return render(request, self.template("detail"), context)


class SupplyChainRegisterView(RecordView):
    """The supply-chain register as an Excel workbook, kept among the generated documents."""

    record = MembershipViews

    def get(self, request: HttpRequest) -> FileResponse:
        if not request.user.has_perm("documents.add_generateddocument"):
            raise PermissionDenied("You do not have permission to generate documents.")
        built = build_supply_chain_register(request.user)
        document = documents.store(built, kind=KIND, source=None, user=request.user)
        return documents.download(document)


urlpatterns: list[URLPattern] = [
    path("memberships/register/", SupplyChainRegisterView.as_view(), name="supply_chain_register"),
    path("memberships/<int:pk>/", MembershipDetailView.as_view(), name="membership_detail"),
    *[pattern for pattern in MembershipViews.urls() if pattern.name != "membership_detail"],
    *DevelopmentActionViews.urls(),
]
