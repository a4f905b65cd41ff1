"""Contracts, their milestones, variations, subcontracts and documents; making a contract from a
won bid; the dashboard's contracts coming to an end or to an extension decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils.text import slugify

from consortia.bids.models import Bid
from consortia.bids.services.workspace import bid_pricing
from consortia.contracts.filtersets import contracts as filtersets
from consortia.contracts.forms import contracts as forms
from consortia.contracts.models import Contract, ContractDocument, ContractMilestone, Subcontract, Variation
from consortia.contracts.services import alerts
from consortia.contracts.services import contracts as services
from consortia.contracts.tables import contracts as tables
from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import Panel, add_panel, register
from consortia.core.services import save_form
from consortia.core.uploads import private_file_response
from consortia.core.views.generic import ObjectDetailView, RecordView, RecordViews, detail_fields
from consortia.people.models import DeclaredInterest
from consortia.people.services.interests import current

MENU = ("Contracts", 30)


@register
class ContractViews(RecordViews):
    model = Contract
    table = tables.ContractTable
    filterset = filtersets.ContractFilterSet
    form = forms.ContractForm
    detail_fields = [
        "title",
        "commissioner",
        "bid",
        "status",
        "manager",
        "start_date",
        "end_date",
        "extension_options",
        "extension_decision_by",
        "original_value",
        "value",
        "payment_model",
        "payment_terms_days",
        "vat",
        "notes",
    ]
    search_fields = ("reference", "title", "commissioner__name")
    search_description = "title"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Contract.objects.select_related("commissioner", "manager", "bid__opportunity")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "contract_detail":
                pattern = path(str(pattern.pattern), ContractDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        return [
            *patterns,
            path(f"{cls.slug()}/award/<int:bid>/", AwardView.as_view(record=cls), name="contract_award"),
        ]


class ContractDetailView(ObjectDetailView):
    """The contract with its subcontracts, milestones, value history and documents (fixed queries)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = self.get_object()
        user = request.user
        subcontracts = list(
            Subcontract.objects.restrict(user, "view").filter(contract=contract).select_related("organisation")
        )
        can_variations = user.has_perm("contracts.view_variation")
        can_documents = user.has_perm("contracts.view_contractdocument")
        context = self.base_context() | {
            "object": contract,
            "fields": detail_fields(contract, self.record),
            "tab": "detail",
            "subcontracts": subcontracts,
            "shares": sum((row.share for row in subcontracts), 0),
            "milestones": list(ContractMilestone.objects.restrict(user, "view").filter(contract=contract)),
            "history": services.value_history(contract) if can_variations else [],
            "documents": list(ContractDocument.objects.restrict(user, "view").filter(contract=contract))
            if can_documents
            else [],
            "can_variations": can_variations,
            "can_documents": can_documents,
            "can_add": {
                name: user.has_perm(f"contracts.add_{name}")
                for name in ("subcontract", "contractmilestone", "variation", "contractdocument")
            },
        }
        return render(request, "contracts/contract_detail.html", context)


class AwardView(RecordView):
    """Make the contract for a won bid: its commissioner, value, partners and shares come from the bid."""

    action = "add"

    def bid(self) -> Bid:
        return get_object_or_404(
            Bid.objects.restrict(self.request.user, "view").select_related("opportunity__commissioner"),
            pk=self.kwargs["bid"],
        )

    def show(self, bid: Bid, form: forms.AwardForm, errors: list[str] | None = None) -> HttpResponse:
        context = self.base_context() | {
            "bid": bid,
            "form": form,
            "pricing": bid_pricing(bid),
            "blockers": services.award_blockers(bid),
            "errors": errors or [],
        }
        return render(self.request, "contracts/award.html", context, status=422 if errors else 200)

    def get(self, request: HttpRequest, bid: int) -> HttpResponse:
        return self.show(self.bid(), forms.AwardForm())

    def post(self, request: HttpRequest, bid: int) -> HttpResponse:
        won = self.bid()
        form = forms.AwardForm(request.POST)
        if not form.is_valid():
            return self.show(won, form)
        data = form.cleaned_data
        try:
            contract = services.award_contract(
                won,
                request.user,
                data["reference"],
                data["start"],
                data["end"],
                extension_options=data["extension_options"],
                extension_decision_by=data["extension_decision_by"],
            )
        except ValidationError as error:
            return self.show(won, form, error.messages)
        messages.success(
            request, f"Contract {contract.reference} made, with a draft subcontract for each partner to agree."
        )
        return HttpResponseRedirect(contract.get_absolute_url())


@register
class ContractMilestoneViews(RecordViews):
    model = ContractMilestone
    table = tables.ContractMilestoneTable
    filterset = filtersets.ContractMilestoneFilterSet
    form = forms.ContractMilestoneForm
    search_fields = ("name", "contract__reference")
    menu_group = MENU
    menu_order = 30
    url_slug = "milestones"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ContractMilestone.objects.select_related("contract")


@register
class VariationViews(RecordViews):
    model = Variation
    table = tables.VariationTable
    filterset = filtersets.VariationFilterSet
    form = forms.VariationForm
    detail_fields = ["contract", "number", "description", "value_change", "value_after", "agreed_on", "new_end_date"]
    search_fields = ("description", "contract__reference")
    menu_group = MENU
    menu_order = 40

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Variation.objects.select_related("contract")

    @classmethod
    def save(cls, form: ModelForm, user: Any, seen_version: str | None) -> Any:
        if form.instance.pk is not None:  # the wording or date of an agreed variation
            return save_form(form, user, seen_version)
        data = form.cleaned_data
        return services.agree_variation(
            data["contract"], user, data["description"], data["value_change"], data["agreed_on"], data["new_end_date"]
        )

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        return services.withdraw_blockers(obj)

    @classmethod
    def delete(cls, obj: Any, user: Any) -> None:
        services.withdraw_variation(obj, user)


@register
class SubcontractViews(RecordViews):
    model = Subcontract
    table = tables.SubcontractTable
    filterset = filtersets.SubcontractFilterSet
    form = forms.SubcontractForm
    search_fields = ("organisation__name", "contract__reference", "contract__title")
    search_description = "scope"
    menu_group = MENU
    menu_order = 20

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Subcontract.objects.select_related("contract", "organisation")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "subcontract_detail":
                pattern = path(str(pattern.pattern), SubcontractDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        return patterns


class SubcontractDetailView(ObjectDetailView):
    """The subcontract, and who at the hub or on the board has declared an interest in the member
    (so that it is on record and they stay out of its decisions)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        subcontract = self.get_object()
        interests = list(
            DeclaredInterest.objects.restrict(request.user, "view")
            .filter(current(), organisation=subcontract.organisation_id)
            .select_related("person")
            .order_by("person__full_name", "pk")
        )
        context = self.base_context() | {
            "object": subcontract,
            "fields": detail_fields(subcontract, self.record),
            "tab": "detail",
            "interests": interests,
            "can_interests": request.user.has_perm("people.view_declaredinterest"),
        }
        return render(request, "contracts/subcontract_detail.html", context)


@register
class ContractDocumentViews(RecordViews):
    model = ContractDocument
    table = tables.ContractDocumentTable
    filterset = filtersets.ContractDocumentFilterSet
    form = forms.ContractDocumentForm
    detail_fields = ["contract", "title", "kind", "notes"]
    search_fields = ("title", "contract__reference")
    menu_group = MENU
    menu_order = 50
    url_slug = "documents"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ContractDocument.objects.select_related("contract")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return [
            *super().urls(),
            path(f"{cls.slug()}/<int:pk>/file/", DocumentFileView.as_view(record=cls), name="contractdocument_file"),
        ]


class DocumentFileView(RecordView):
    """The document's file, for those who may view the document: never a public media address."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        document = self.get_object()
        return private_file_response(document.file, slugify(document.title) or "document")


def _coming_up(request: HttpRequest) -> dict[str, Any]:
    contracts = Contract.objects.restrict(request.user, "view").select_related("commissioner")
    return {"items": alerts.coming_up(contracts)}


# The dashboard lists contracts ending within 90 days or with an extension decision within 60.
add_panel(Panel("contracts/panel.html", "contracts.view_contract", _coming_up, order=30))


urlpatterns: list[URLPattern] = [
    *ContractViews.urls(),
    *ContractMilestoneViews.urls(),
    *VariationViews.urls(),
    *SubcontractViews.urls(),
    *ContractDocumentViews.urls(),
]
