"""The member portal's policies: the hub's policies the member's organisation must acknowledge.

The member sees each policy's current approved version, downloads it, and confirms “We have
read and accept this policy” (an acknowledgement of their own organisation, never another's).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify

from consortia.core.uploads import private_file_response
from consortia.policies.models import Acknowledgement, Policy, PolicyVersion
from consortia.policies.services.policies import acknowledge
from consortia.portal.views import PortalView, own


class Policies(PortalView):
    """The policies to acknowledge: those waiting first, then those already acknowledged."""

    section = "policies"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("policies.view_policy"):
            raise PermissionDenied("You may not see the consortium's policies.")
        policies = list(
            own(Policy, request)
            .filter(current_version__isnull=False)
            .select_related("area", "current_version")
            .order_by("area__name", "title", "pk")
        )
        done = {
            row.version_id: row
            for row in own(Acknowledgement, request)
            .filter(organisation=self.organisation, version_id__in=[p.current_version_id for p in policies])
            .select_related("acknowledged_by")
        }
        rows = [
            {"policy": policy, "version": policy.current_version, "done": done.get(policy.current_version_id)}
            for policy in policies
        ]
        return self.render(
            "portal/policies.html",
            {
                "waiting": [row for row in rows if row["done"] is None],
                "acknowledged": [row for row in rows if row["done"] is not None],
                "can_acknowledge": request.user.has_perm("policies.add_acknowledgement"),
            },
        )


class PolicyDownload(PortalView):
    """The file of a version the organisation must acknowledge."""

    section = "policies"

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        version = get_object_or_404(own(PolicyVersion, request).select_related("policy"), pk=pk)
        return private_file_response(version.file, f"{slugify(version.policy.title) or 'policy'}-v{version.number}")


class Acknowledge(PortalView):
    """“We have read and accept this policy”: for the user's own organisation only."""

    section = "policies"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("policies.add_acknowledgement"):
            raise PermissionDenied("You may read policies but not acknowledge them.")
        version = get_object_or_404(own(PolicyVersion, request).select_related("policy"), pk=pk)
        try:
            acknowledge(version, self.organisation, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Thank you: {self.organisation} has acknowledged “{version.policy}”.")
        return redirect("portal:policies")
