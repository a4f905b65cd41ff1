"""The member portal's payments: what the hub has paid (or will pay) the member, net of the top-slice.

A member's user sees their own organisation's payments once the payment run is approved, with
each payment's gross, the management fee, the net, when the commissioner paid the hub and when
the hub paid them (the 30-day rule), and downloads the remittance advice as a PDF.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from consortia.finance.builders import build_remittance
from consortia.finance.models import MemberPayment
from consortia.portal.views import PortalView, own


class Payments(PortalView):
    section = "payments"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("finance.view_memberpayment"):
            raise PermissionDenied("You may not see payments.")
        today = timezone.localdate()
        payments = (
            own(MemberPayment, request)
            .select_related("run", "subcontract__contract")
            .order_by("-run__period_start", "remittance")
        )
        rows = [{"payment": p, "days": p.days_to_pay(today), "late": p.over_terms(today)} for p in payments]
        return self.render("portal/payments.html", {"rows": rows})


class Remittance(PortalView):
    """The remittance advice of one of the member's own payments, as a PDF."""

    section = "payments"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        payment = get_object_or_404(
            own(MemberPayment, request).select_related("run", "organisation", "subcontract__contract"), pk=pk
        )
        built = build_remittance(payment)
        response = HttpResponse(built.content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{built.filename}.pdf"'
        return response
