"""The portal's contracts pages.

A member's user sees their own subcontracts (`Subcontracts`, `SubcontractPage`), read only: the
hub agrees and changes them. A commissioner's user (an organisation's user with the
Commissioner role) has a portal of one section, the contracts they commission
(`CommissionedContracts`, `CommissionedContract`): each with its value and variations' effect,
its milestones and a summary of the members delivering it. The member pages answer 404 for a
commissioner's user (they see no organisation profile), and these pages 404 for anyone else.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views import View

from consortia.contracts.models import Contract, ContractMilestone, Subcontract
from consortia.portal.views import PortalView, own


def is_commissioner_user(user: Any) -> bool:
    """An organisation's user with the Commissioner role: they read contracts but, unlike a
    member's user, not their organisation's profile (judged from the permissions, which are read
    once a request anyway, so the check costs no query)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "organisation_id", None) is not None
        and user.has_perm("contracts.view_contract")
        and not user.has_perm("directory.view_organisation")
    )


class Subcontracts(PortalView):
    """The member's own subcontracts."""

    section = "subcontracts"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("contracts.view_subcontract"):
            raise PermissionDenied("You may not see subcontracts.")
        rows = own(Subcontract, request).select_related("contract__commissioner").order_by("-start_date", "pk")
        return self.render("portal/subcontracts.html", {"subcontracts": list(rows)})


class SubcontractPage(PortalView):
    section = "subcontracts"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        subcontract = get_object_or_404(
            own(Subcontract, request).select_related("contract__commissioner").prefetch_related("areas"), pk=pk
        )
        milestones = own(ContractMilestone, request).filter(contract=subcontract.contract_id).order_by("due_on")
        return self.render("portal/subcontract.html", {"subcontract": subcontract, "milestones": list(milestones)})


class CommissionerView(LoginRequiredMixin, View):
    """A page of the commissioner's portal: their organisation's contracts, read only."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_commissioner_user(request.user):
            raise Http404("These pages are for commissioners' users.")
        return super().dispatch(request, *args, **kwargs)

    def contracts(self) -> Any:
        user: Any = self.request.user
        return (
            Contract.objects.restrict(user, "view")
            .filter(commissioner_id=user.organisation_id)
            .select_related("commissioner")
        )

    def render(self, template: str, context: dict[str, Any]) -> HttpResponse:
        user: Any = self.request.user
        return render(self.request, template, {"organisation": user.organisation, "section": "contracts", **context})


class CommissionedContracts(CommissionerView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render("portal/commissioned_contracts.html", {"contracts": list(self.contracts())})


class CommissionedContract(CommissionerView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = get_object_or_404(self.contracts(), pk=pk)
        # The members delivering it, in summary: the contract is the commissioner's, so its supply
        # chain is theirs to know (member, share, status), though not each subcontract's terms.
        subcontracts = list(
            Subcontract.objects.filter(contract=contract)
            .select_related("organisation")
            .only("organisation__name", "share", "status", "contract_id")
        )
        milestones = ContractMilestone.objects.restrict(request.user, "view").filter(contract=contract)
        variations = list(
            contract.variations.order_by("number").only(
                "number", "agreed_on", "value_change", "value_after", "contract_id"
            )
        )
        return self.render(
            "portal/commissioned_contract.html",
            {
                "contract": contract,
                "subcontracts": subcontracts,
                "milestones": list(milestones.order_by("due_on", "pk")),
                "variations": variations,
            },
        )
