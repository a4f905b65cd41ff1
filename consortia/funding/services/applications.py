"""An application's status moves (each dated, each checked) and prospects made from 360Giving grants."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from consortia.core.formats import pounds
from consortia.directory.choices import CharityRegister, OrganisationRoleCode
from consortia.directory.models import Organisation, OrganisationRole
from consortia.funding.choices import NEXT_STATUSES, ApplicationStatus, FundingKind, ProspectStatus
from consortia.funding.models import Application, GrantRecord, Prospect

# The date each move stamps on the application.
DATE_FIELDS: dict[str, str] = {
    ApplicationStatus.SUBMITTED: "submitted_on",
    ApplicationStatus.AWARDED: "decision_date",
    ApplicationStatus.DECLINED: "decision_date",
    ApplicationStatus.WITHDRAWN: "withdrawn_on",
    ApplicationStatus.COMPLETED: "completed_on",
}


def _label(status: str) -> str:
    return ApplicationStatus(status).label.lower()


def next_statuses(application: Application) -> list[tuple[str, str]]:
    """(code, label) of the statuses the application may move to now."""
    return [(code, ApplicationStatus(code).label) for code in NEXT_STATUSES[application.status]]


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


@transaction.atomic
def move_application(
    application: Application,
    user: Any,
    status: str,
    on: date | None = None,
    *,
    award_amount: Decimal | None = None,
    conditions: str | None = None,
) -> Application:
    """Move the application to `status`, dated `on` (today when not given).

    Submitted, withdrawn and completed are dated by `on`; awarded and declined take it as the
    funder's decision date, which an award must have. Only an award has an award amount, no
    more than was asked for. Raises ValidationError (plain English, naming the field) and
    changes nothing when the move makes no sense.
    """
    locked = Application.objects.select_for_update().select_related("prospect__funder").get(pk=application.pk)
    if status not in ApplicationStatus.values:
        raise ValidationError({"status": f"“{status}” is not a status of an application."})
    allowed = NEXT_STATUSES[locked.status]
    if status not in allowed:
        if not allowed:
            raise ValidationError(
                {"status": f"The application is {_label(locked.status)}: its status can no longer change."}
            )
        options = " or ".join(_label(code) for code in allowed)
        raise ValidationError(
            {
                "status": f"An application that is {_label(locked.status)} can only become {options}, not {_label(status)}."
            }
        )
    if status == ApplicationStatus.AWARDED:
        if on is None:
            raise ValidationError({"decision_date": "An award needs the date of the funder's decision."})
        if award_amount is None:
            raise ValidationError({"award_amount": "Give the amount awarded."})
        if award_amount <= 0:
            raise ValidationError({"award_amount": "The amount awarded must be more than £0."})
        if award_amount > locked.ask_amount:
            raise ValidationError(
                {
                    "award_amount": f"The amount awarded ({pounds(award_amount)}) cannot be more than the amount "
                    f"asked for ({pounds(locked.ask_amount)}). Correct the amount asked for first if the funder "
                    "offered more."
                }
            )
        locked.award_amount = award_amount
    elif award_amount is not None:
        raise ValidationError(
            {"award_amount": f"An application that is {_label(status)} has no award amount: leave it empty."}
        )
    if status == ApplicationStatus.DECLINED and on is None:
        raise ValidationError({"decision_date": "A declined application needs the date of the funder's decision."})
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({DATE_FIELDS[status]: "The date cannot be still to come."})
    if status == ApplicationStatus.WITHDRAWN and locked.status == ApplicationStatus.AWARDED:
        locked.award_amount = None  # the award is handed back
    setattr(locked, DATE_FIELDS[status], on)
    if conditions is not None and status == ApplicationStatus.AWARDED:
        locked.conditions = conditions
    locked.status = status
    try:
        locked.full_clean()
    except ValidationError as error:
        raise ValidationError(_messages(error)) from None
    locked.stamp(user)
    locked._history_user = user  # type: ignore[attr-defined]
    locked._change_reason = f"Moved to {_label(status)}"  # type: ignore[attr-defined]
    locked.save()
    return locked


# -- a prospect from a 360Giving grant -------------------------------------------------------------
def _funder_role() -> OrganisationRole:
    role, _ = OrganisationRole.objects.get_or_create(
        code=OrganisationRoleCode.FUNDER, defaults={"name": OrganisationRoleCode.FUNDER.label}
    )
    return role


def funder_for(grant: GrantRecord) -> Organisation:
    """The directory's organisation for the grant's funder (matched on org-id, then name), with
    the funder role; a new organisation when there is none."""
    found = None
    if grant.funder_org_id:
        found = Organisation.objects.filter(org_id__iexact=grant.funder_org_id).first()
    if found is None:
        found = Organisation.objects.filter(name__iexact=grant.funder_name).first()
    if found is None:
        found = Organisation(name=grant.funder_name, notes="Added from 360Giving grants data.")
        org_id = grant.funder_org_id.upper()
        if org_id.startswith("GB-CHC-"):
            found.charity_number = org_id.removeprefix("GB-CHC-")
            found.charity_register = CharityRegister.ENGLAND_WALES
        elif org_id.startswith("GB-COH-"):
            found.company_number = org_id.removeprefix("GB-COH-")
        try:
            found.full_clean()
        except ValidationError:  # a number the directory does not accept: keep the name only
            found.charity_number = found.charity_register = found.company_number = ""
            found.full_clean()
        found.save()
    found.roles.add(_funder_role())
    return found


@transaction.atomic
def prospect_from_grant(grant: GrantRecord, user: Any) -> tuple[Prospect, bool]:
    """The funder's programme of `grant` as a prospect (researching), with the range of the
    amounts the programme has given in the data; the existing prospect when there is one."""
    funder = funder_for(grant)
    programme = grant.programme or "General grants"
    existing = Prospect.objects.filter(funder=funder, programme__iexact=programme).first()
    if existing is not None:
        return existing, False
    amounts = GrantRecord.objects.filter(funder_name=grant.funder_name, programme=grant.programme).aggregate(
        low=Min("amount_awarded"), high=Max("amount_awarded")
    )
    dataset = grant.dataset
    prospect = Prospect(
        funder=funder,
        programme=programme[:300],
        kind=FundingKind.GRANT,
        amount_min=amounts["low"],
        amount_max=amounts["high"],
        status=ProspectStatus.RESEARCHING,
        source_url=dataset.source_url or dataset.publisher_website,
        source_grant=grant,
        notes=(
            f"From the 360Giving grant “{grant.title}” ({grant.identifier}), {pounds(grant.amount_awarded)} to "
            f"{grant.recipient_name} on {grant.award_date:%d/%m/%Y}. {dataset.attribution}"
        ),
    )
    prospect.full_clean()
    prospect.stamp(user)
    prospect._history_user = user  # type: ignore[attr-defined]
    prospect.save()
    return prospect, True
