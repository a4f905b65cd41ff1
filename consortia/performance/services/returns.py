"""A monitoring return's life: drafted and submitted by the member, validated or queried by the hub,
answered and resubmitted. Every check names the KPI, field or client reference at fault, and a
refused change changes nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.contracts.models import Subcontract
from consortia.performance.choices import MEMBER_EDITABLE, CommentKind, ReturnStatus
from consortia.performance.models import (
    KPI,
    MonitoringReturn,
    OutcomeClaim,
    ReturnComment,
    ReturnPeriod,
    ReturnValue,
)
from consortia.performance.services.periods import kpis_due

VALIDATED_LOCKED = "This return has been validated and can no longer be changed."
DECLARATIONS = ("declares_accurate", "declares_consent", "declares_no_double_claims")


@dataclass(frozen=True)
class Claim:
    """An outcome claimed in a return, as the member gives it."""

    kpi_id: int
    client_reference: str
    achieved_on: date


def parse_value(kpi: KPI, text: str) -> Decimal | None:
    """A figure typed in a form: empty is no value; anything else must be a number."""
    text = (text or "").strip().replace(",", "").replace("£", "").rstrip("%").strip()
    if not text:
        return None
    lowered = text.lower()
    if lowered in ("yes", "y"):
        return Decimal(1)
    if lowered in ("no", "n"):
        return Decimal(0)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValidationError(f"“{kpi}”: “{text}” is not a number.") from None


def ensure_changeable(monitoring_return: MonitoringReturn) -> None:
    if monitoring_return.status == ReturnStatus.VALIDATED:
        raise ValidationError(VALIDATED_LOCKED)
    if monitoring_return.status not in MEMBER_EDITABLE:
        raise ValidationError(
            "This return has been submitted and is with the hub; it can be changed again only if the hub queries it."
        )


@transaction.atomic
def create_return(subcontract: Subcontract, period: ReturnPeriod, user: Any = None) -> MonitoringReturn:
    """A due return for the subcontract and period; refused when there is one already."""
    if period.contract_id != subcontract.contract_id:
        raise ValidationError("The period must be one of the subcontract's contract's periods.")
    if MonitoringReturn.objects.filter(subcontract=subcontract, period=period).exists():
        raise ValidationError(f"{subcontract.organisation} already has a return for {period}; open that one instead.")
    monitoring_return = MonitoringReturn(subcontract=subcontract, period=period)
    monitoring_return.stamp(user)
    monitoring_return.save()
    return monitoring_return


def _check_values(monitoring_return: MonitoringReturn, values: Mapping[int, Decimal | None]) -> list[str]:
    kpis = {kpi.pk: kpi for kpi in KPI.objects.filter(contract_id=monitoring_return.subcontract.contract_id)}
    problems = []
    for kpi_id, value in values.items():
        kpi = kpis.get(kpi_id)
        if kpi is None:
            problems.append("A value was given for a KPI that is not this contract's.")
        elif value is not None and (problem := kpi.check_value(value)):
            problems.append(problem)
    return problems


def _check_claims(monitoring_return: MonitoringReturn, claims: list[Claim]) -> list[str]:
    contract_id = monitoring_return.subcontract.contract_id
    period = monitoring_return.period
    kpis = {kpi.pk: kpi for kpi in KPI.objects.filter(contract_id=contract_id, outcome_price__isnull=False)}
    problems = []
    seen: set[tuple[int, str]] = set()
    for claim in claims:
        kpi = kpis.get(claim.kpi_id)
        reference = claim.client_reference.strip()
        if kpi is None:
            problems.append(f"Client {reference}: outcomes can be claimed only against this contract's outcome KPIs.")
            continue
        if not reference:
            problems.append(f"“{kpi}”: every outcome claim needs the client's reference.")
            continue
        key = (kpi.pk, reference.casefold())
        if key in seen:
            problems.append(f"Client reference {reference} is claimed twice for “{kpi}” in this return.")
        seen.add(key)
        if not period.starts_on <= claim.achieved_on <= period.ends_on:
            problems.append(
                f"Client reference {reference}: achieved on {claim.achieved_on:%d/%m/%Y}, outside the period "
                f"({period.starts_on:%d/%m/%Y} to {period.ends_on:%d/%m/%Y})."
            )
    if seen:
        earlier = (
            OutcomeClaim.objects.filter(contract_id=contract_id, kpi_id__in={kpi_id for kpi_id, _ in seen})
            .exclude(monitoring_return=monitoring_return)
            .select_related("monitoring_return__period", "monitoring_return__subcontract", "kpi")
        )
        for claim_row in earlier:
            if (claim_row.kpi_id, claim_row.client_reference.casefold()) in seen:
                where = claim_row.monitoring_return
                whose = (
                    "your return"
                    if where.subcontract.organisation_id == monitoring_return.subcontract.organisation_id
                    else "another member's return"
                )
                problems.append(
                    f"Client reference {claim_row.client_reference} has already been claimed for “{claim_row.kpi}” "
                    f"(in {whose} for {where.period}); an outcome is paid once."
                )
    return problems


@transaction.atomic
def save_draft(
    monitoring_return: MonitoringReturn,
    user: Any,
    *,
    values: Mapping[int, Decimal | None] | None = None,
    claims: Iterable[Claim] | None = None,
    narrative: str | None = None,
    declarations: Mapping[str, bool] | None = None,
) -> MonitoringReturn:
    """Keep what the member has entered so far (values by KPI id, outcome claims, narrative,
    declarations); a due return becomes a draft, a queried one stays queried until resubmitted.
    Anything wrong is reported, by KPI or client reference, and nothing is saved."""
    monitoring_return = (
        MonitoringReturn.objects.select_for_update()
        .select_related("subcontract", "period")
        .get(pk=monitoring_return.pk)
    )
    ensure_changeable(monitoring_return)
    claim_list = list(claims) if claims is not None else None
    problems = _check_values(monitoring_return, values or {})
    if claim_list is not None:
        problems += _check_claims(monitoring_return, claim_list)
    if problems:
        raise ValidationError(problems)
    for kpi_id, value in (values or {}).items():
        if value is None:
            ReturnValue.objects.filter(monitoring_return=monitoring_return, kpi_id=kpi_id).delete()
            continue
        row = ReturnValue.objects.filter(monitoring_return=monitoring_return, kpi_id=kpi_id).first()
        if row is None:
            row = ReturnValue(monitoring_return=monitoring_return, kpi_id=kpi_id, value=value)
        elif row.value == value:
            continue
        row.value = value
        row.stamp(user)
        row.save()
    if claim_list is not None:
        wanted = {(claim.kpi_id, claim.client_reference.strip(), claim.achieved_on) for claim in claim_list}
        stored = {
            (row.kpi_id, row.client_reference, row.achieved_on): row for row in monitoring_return.outcome_claims.all()
        }
        for key, row in stored.items():
            if key not in wanted:
                row.delete()
        try:
            with transaction.atomic():
                for kpi_id, reference, achieved_on in sorted(wanted - set(stored)):
                    claim_row = OutcomeClaim(
                        monitoring_return=monitoring_return,
                        contract_id=monitoring_return.subcontract.contract_id,
                        kpi_id=kpi_id,
                        client_reference=reference,
                        achieved_on=achieved_on,
                    )
                    claim_row.stamp(user)
                    claim_row.save()
        except IntegrityError:  # claimed meanwhile in another return
            raise ValidationError(
                "An outcome in this return was claimed elsewhere meanwhile; check the claims."
            ) from None
    if narrative is not None:
        monitoring_return.narrative = narrative
    for name, ticked in (declarations or {}).items():
        if name in DECLARATIONS:
            setattr(monitoring_return, name, bool(ticked))
    if monitoring_return.status == ReturnStatus.DUE:
        monitoring_return.status = ReturnStatus.DRAFT
    monitoring_return.stamp(user)
    monitoring_return.save()
    return monitoring_return


def submission_blockers(monitoring_return: MonitoringReturn, today: date | None = None) -> list[str]:
    """What stops the return being submitted now, in plain English (empty when it can be)."""
    today = today or timezone.localdate()
    period = monitoring_return.period
    problems = []
    if period.opens_on > today:
        problems.append(f"Returns for {period} open on {period.opens_on:%d/%m/%Y}; you can save a draft until then.")
    contract = monitoring_return.subcontract.contract
    due = kpis_due(list(KPI.objects.filter(contract=contract)), period, contract)
    given = set(monitoring_return.values.values_list("kpi_id", flat=True))
    problems += [f"“{kpi}” has no value yet." for kpi in due if kpi.pk not in given]
    if not monitoring_return.declared:
        problems.append("Tick every declaration before submitting.")
    return problems


@transaction.atomic
def submit_return(monitoring_return: MonitoringReturn, user: Any, reply: str = "") -> MonitoringReturn:
    """Send the return to the hub. A queried return is resubmitted, with the member's reply."""
    monitoring_return = (
        MonitoringReturn.objects.select_for_update()
        .select_related("subcontract__contract", "period")
        .get(pk=monitoring_return.pk)
    )
    ensure_changeable(monitoring_return)
    if problems := submission_blockers(monitoring_return):
        raise ValidationError(problems)
    if reply.strip():
        _comment(monitoring_return, user, CommentKind.REPLY, reply)
    elif monitoring_return.status == ReturnStatus.QUERIED:
        raise ValidationError("Answer the hub's query before resubmitting.")
    monitoring_return.status = ReturnStatus.SUBMITTED
    monitoring_return.submitted_at = timezone.now()
    monitoring_return.submitted_by = user
    monitoring_return.stamp(user)
    monitoring_return.save()
    return monitoring_return


def _staff_only(user: Any) -> None:
    if getattr(user, "organisation_id", None) is not None:
        raise ValidationError("Only the hub's staff can validate or query a return.")


@transaction.atomic
def validate_return(monitoring_return: MonitoringReturn, user: Any) -> MonitoringReturn:
    """The hub accepts the return: its figures count and its outcome claims can be paid."""
    _staff_only(user)
    monitoring_return = MonitoringReturn.objects.select_for_update().get(pk=monitoring_return.pk)
    if monitoring_return.status == ReturnStatus.VALIDATED:
        raise ValidationError("This return has already been validated.")
    if monitoring_return.status != ReturnStatus.SUBMITTED:
        raise ValidationError(
            f"Only a submitted return can be validated; this one is “{monitoring_return.get_status_display()}”."
        )
    monitoring_return.status = ReturnStatus.VALIDATED
    monitoring_return.validated_at = timezone.now()
    monitoring_return.validated_by = user
    monitoring_return.stamp(user)
    monitoring_return.save()
    return monitoring_return


@transaction.atomic
def query_return(monitoring_return: MonitoringReturn, user: Any, comment: str) -> MonitoringReturn:
    """The hub sends the return back to the member with a query to answer."""
    _staff_only(user)
    if not comment.strip():
        raise ValidationError("Write the query: say what the member should check or correct.")
    monitoring_return = MonitoringReturn.objects.select_for_update().get(pk=monitoring_return.pk)
    if monitoring_return.status != ReturnStatus.SUBMITTED:
        raise ValidationError(
            f"Only a submitted return can be queried; this one is “{monitoring_return.get_status_display()}”."
        )
    _comment(monitoring_return, user, CommentKind.QUERY, comment)
    monitoring_return.status = ReturnStatus.QUERIED
    monitoring_return.stamp(user)
    monitoring_return.save()
    return monitoring_return


def _comment(monitoring_return: MonitoringReturn, user: Any, kind: str, text: str) -> ReturnComment:
    comment = ReturnComment(monitoring_return=monitoring_return, kind=kind, author=user, text=text.strip())
    comment.stamp(user)
    comment.save()
    return comment


@transaction.atomic
def attach_evidence(monitoring_return: MonitoringReturn, user: Any, upload: Any, description: str = "") -> Any:
    """Keep a file with the return (checked by content, stored under a random name)."""
    from consortia.core import uploads
    from consortia.performance.models import ReturnEvidence

    ensure_changeable(monitoring_return)
    uploads.check_upload(upload, "evidence", uploads.EVIDENCE)
    original = upload.name
    uploads.private_name(upload)
    evidence = ReturnEvidence(
        monitoring_return=monitoring_return, file=upload, original_filename=original, description=description.strip()
    )
    evidence.stamp(user)
    evidence.save()
    return evidence
