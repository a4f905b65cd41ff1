"""The member portal's monitoring returns: what is due, drafts, queries to answer, what was sent.

A member's user fills in a return here (never on the hub's pages): a value per KPI, the outcomes
claimed (client reference and date), a narrative, evidence files and the declarations; saves a
draft or submits. A queried return shows the hub's query; the member replies and resubmits.
Every query is the user's own organisation's (a commissioner's user has no returns here).
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from consortia.core.guard import SENT_TWICE, STALE_EDIT, FormGuard, stored_version
from consortia.core.services import record_version
from consortia.core.uploads import EVIDENCE, MAX_MB, describe, private_file_response
from consortia.performance.choices import MEMBER_EDITABLE, ReturnStatus
from consortia.performance.models import KPI, MonitoringReturn, OutcomeClaim, ReturnComment, ReturnEvidence, ReturnValue
from consortia.performance.services import returns as services
from consortia.performance.services.periods import kpis_due
from consortia.portal.views import PortalView, own

BLANK_CLAIM_ROWS = 3
DECLARATIONS = [
    (name, str(getattr(MonitoringReturn._meta.get_field(name), "verbose_name", name))) for name in services.DECLARATIONS
]


def own_returns(view: PortalView) -> Any:
    """The organisation's own returns (a commissioner's validated view of others' is not here)."""
    return own(MonitoringReturn, view.request).filter(subcontract__organisation=view.organisation)


class Returns(PortalView):
    """The member's returns by what needs doing: to fill in, queried, with the hub, validated."""

    section = "returns"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("performance.view_monitoringreturn"):
            raise PermissionDenied("You may not see monitoring returns.")
        rows = list(
            own_returns(self).select_related("subcontract__contract", "period").order_by("period__due_on", "pk")
        )
        groups = [
            ("Queried by the hub: answer and resubmit", [r for r in rows if r.status == ReturnStatus.QUERIED]),
            ("To fill in", [r for r in rows if r.status in (ReturnStatus.DUE, ReturnStatus.DRAFT)]),
            ("With the hub", [r for r in rows if r.status == ReturnStatus.SUBMITTED]),
            (
                "Validated",
                sorted(
                    (r for r in rows if r.status == ReturnStatus.VALIDATED),
                    key=lambda r: r.period.starts_on,
                    reverse=True,
                ),
            ),
        ]
        return self.render("portal/returns.html", {"groups": groups, "today": timezone.localdate()})


class ReturnPage(PortalView):
    """One return: the form while it is the member's to change, else what was sent."""

    section = "returns"

    def monitoring_return(self, pk: int) -> MonitoringReturn:
        return get_object_or_404(  # type: ignore[no-any-return]
            own_returns(self).select_related("subcontract__contract", "period"), pk=pk
        )

    def context(self, monitoring_return: MonitoringReturn, posted: Any = None, **extra: Any) -> dict[str, Any]:
        # Each of these reads is of one contract or one return. The models' orderings begin with
        # that contract or return, which the database would join (through its own ordering) only
        # to sort by a constant; so they are sorted by the rest of the ordering, or not at all
        # where the rows become a dictionary.
        contract = monitoring_return.subcontract.contract
        kpis = list(
            KPI.objects.restrict(self.request.user, "view").filter(contract=contract).order_by("order", "name", "pk")
        )
        due = {kpi.pk for kpi in kpis_due(kpis, monitoring_return.period, contract)}
        stored = {
            row.kpi_id: row.value for row in ReturnValue.objects.filter(monitoring_return=monitoring_return).order_by()
        }
        targets = dict(monitoring_return.subcontract.kpis.order_by().values_list("kpi_id", "target"))
        value_rows = [
            {
                "kpi": kpi,
                "name": f"kpi-{kpi.pk}",
                "value": posted.get(f"kpi-{kpi.pk}", "") if posted is not None else stored.get(kpi.pk, ""),
                "target": targets.get(kpi.pk),
            }
            for kpi in kpis
            if kpi.pk in due or kpi.pk in stored
        ]
        # A claim's KPI is always one of the return's contract's (OutcomeClaim.clean).
        claims = list(
            OutcomeClaim.objects.filter(monitoring_return=monitoring_return)
            .select_related("kpi")
            .order_by("kpi__order", "kpi__name", "kpi_id", "client_reference", "pk")
        )
        if posted is not None:
            claim_rows = [
                {
                    "kpi": posted.get(f"claim-{n}-kpi", ""),
                    "ref": posted.get(f"claim-{n}-ref", ""),
                    "date": posted.get(f"claim-{n}-date", ""),
                }
                for n in range(int(posted.get("claim-count", 0) or 0))
            ]
        else:
            claim_rows = [
                {"kpi": str(claim.kpi_id), "ref": claim.client_reference, "date": claim.achieved_on.isoformat()}
                for claim in claims
            ]
            claim_rows += [{"kpi": "", "ref": "", "date": ""} for _ in range(BLANK_CLAIM_ROWS)]
        declared = {
            name: (posted.get(name) == "on") if posted is not None else getattr(monitoring_return, name)
            for name, _ in DECLARATIONS
        }
        return {
            "object": monitoring_return,
            "editable": monitoring_return.status in MEMBER_EDITABLE
            and self.request.user.has_perm("performance.change_monitoringreturn"),
            "value_rows": value_rows,
            "outcome_kpis": [kpi for kpi in kpis if kpi.is_outcome],
            "claims": claims,
            "claim_rows": claim_rows,
            "narrative": posted.get("narrative", "") if posted is not None else monitoring_return.narrative,
            "declarations": [(name, label, declared[name]) for name, label in DECLARATIONS],
            "evidence": list(ReturnEvidence.objects.filter(monitoring_return=monitoring_return).order_by("pk")),
            "comments": list(
                ReturnComment.objects.filter(monitoring_return=monitoring_return)
                .select_related("author")
                .order_by("created", "pk")
            ),
            "reply": posted.get("reply", "") if posted is not None else "",
            "evidence_help": f"A {describe(EVIDENCE)} file, up to {MAX_MB} MB.",
            "not_open": monitoring_return.period.opens_on > timezone.localdate(),
            **extra,
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        monitoring_return = self.monitoring_return(pk)
        context = self.context(monitoring_return)
        # Only a return the member may still change shows a form; only a form needs a one-time
        # token (which costs a session write) and the version it was opened at. The return was
        # read just now, unchanged, so its version is taken from it rather than read again.
        if context["editable"]:
            context["guard"] = FormGuard.open(request, versions={"": record_version(monitoring_return)})
        return self.render("portal/return.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        monitoring_return = self.monitoring_return(pk)
        if not request.user.has_perm("performance.change_monitoringreturn"):
            raise PermissionDenied("You may read returns but not fill them in.")
        guard = FormGuard.posted(request)
        if guard.saved() is not None:
            messages.info(request, SENT_TWICE)
            return redirect("portal:return", pk=pk)

        def refuse(problems: list[str], status: int = 422) -> HttpResponse:
            context = self.context(monitoring_return, request.POST, guard=guard, problems=problems)
            return self.render("portal/return.html", context, status=status)

        if monitoring_return.status not in MEMBER_EDITABLE:
            return refuse(
                [services.VALIDATED_LOCKED]
                if monitoring_return.status == ReturnStatus.VALIDATED
                else ["This return is with the hub; it can be changed again only if the hub queries it."],
                409,
            )
        if guard.seen() is not None and guard.seen() != stored_version(monitoring_return):
            return refuse([STALE_EDIT], 409)
        values, claims, problems = self.read(monitoring_return, request.POST)
        if problems:
            return refuse(problems)
        submitting = request.POST.get("action") == "submit"
        try:
            with transaction.atomic():
                services.save_draft(
                    monitoring_return,
                    request.user,
                    values=values,
                    claims=claims,
                    narrative=request.POST.get("narrative", ""),
                    declarations={name: request.POST.get(name) == "on" for name, _ in DECLARATIONS},
                )
                upload = request.FILES.get("evidence")
                if upload is not None:
                    services.attach_evidence(
                        monitoring_return, request.user, upload, request.POST.get("evidence_description", "")
                    )
                if submitting:
                    services.submit_return(monitoring_return, request.user, request.POST.get("reply", ""))
        except ValidationError as error:
            return refuse(error.messages)
        guard.done(monitoring_return.pk)
        if submitting:
            messages.success(request, f"Your return for {monitoring_return.period} has been sent to the hub.")
        else:
            messages.success(request, "Your draft is saved. Submit it when it is complete.")
        return redirect("portal:return", pk=pk)

    def read(
        self, monitoring_return: MonitoringReturn, data: Any
    ) -> tuple[dict[int, Any], list[services.Claim], list[str]]:
        """The values and claims as typed; problems named by KPI or claim row."""
        kpis = {kpi.pk: kpi for kpi in KPI.objects.filter(contract=monitoring_return.subcontract.contract_id)}
        problems: list[str] = []
        values: dict[int, Any] = {}
        for kpi_id, kpi in kpis.items():
            if f"kpi-{kpi_id}" not in data:
                continue
            try:
                values[kpi_id] = services.parse_value(kpi, data.get(f"kpi-{kpi_id}", ""))
            except ValidationError as error:
                problems += error.messages
        claims = []
        date_field = forms.DateField()
        for n in range(min(int(data.get("claim-count", 0) or 0), 500)):
            kpi_text, reference, day = (data.get(f"claim-{n}-{part}", "").strip() for part in ("kpi", "ref", "date"))
            if not (reference or day):
                continue
            row = f"Outcome claim {n + 1}"
            if not kpi_text.isdigit() or int(kpi_text) not in kpis:
                problems.append(f"{row}: choose the outcome claimed.")
                continue
            if not reference:
                problems.append(f"{row}: give the client's reference.")
                continue
            try:
                achieved: date = date_field.clean(day)
            except ValidationError:
                problems.append(f"{row} (client reference {reference}): give the date achieved as a date.")
                continue
            claims.append(services.Claim(int(kpi_text), reference, achieved))
        return values, claims, problems


class ReturnEvidenceDownload(PortalView):
    section = "returns"

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        evidence = get_object_or_404(
            own(ReturnEvidence, request).filter(monitoring_return__subcontract__organisation=self.organisation), pk=pk
        )
        return private_file_response(evidence.file, PurePath(evidence.original_filename).stem or "evidence")
