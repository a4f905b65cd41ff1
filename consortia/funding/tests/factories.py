"""Factories for funding: funders, prospects, applications in any status, payments and reports due."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from consortia.directory.choices import OrganisationRoleCode
from consortia.directory.models import Organisation, OrganisationRole
from consortia.directory.tests.factories import OrganisationFactory
from consortia.funding.choices import ApplicationStatus
from consortia.funding.models import Application, FundingPayment, Prospect, ReportingRequirement
from consortia.funding.services.applications import move_application

# The shared fixtures sit beside the repository (same layout on CI): /work/main/consortia/... -> /work/shared/data.
DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "360giving"
GRANTS_JSON = DATA / "alwf-grants-a003W000001B7PzQAK.json"
GRANTS_XLSX = DATA / "alwf-grants-a003W000001B7PzQAK.xlsx"
GRANT_COUNT = 475

_numbers = itertools.count(1)


def funder(organisation: Organisation | None = None, **fields: Any) -> Organisation:
    """An organisation with the funder role."""
    organisation = organisation or OrganisationFactory(**fields)
    role, _ = OrganisationRole.objects.get_or_create(code=OrganisationRoleCode.FUNDER, defaults={"name": "Funder"})
    organisation.roles.add(role)
    return organisation


def prospect(funder_org: Organisation | None = None, **fields: Any) -> Prospect:
    number = next(_numbers)
    fields.setdefault("programme", f"Community programme {number}")
    fields.setdefault("amount_min", Decimal("5000.00"))
    fields.setdefault("amount_max", Decimal("50000.00"))
    return Prospect.objects.create(funder=funder_org or funder(), **fields)


def application(on: Prospect | None = None, status: str = ApplicationStatus.DRAFTING, **fields: Any) -> Application:
    """An application moved through the service to `status` (dated in the past)."""
    number = next(_numbers)
    fields.setdefault("title", f"Application {number}")
    fields.setdefault("ask_amount", Decimal("20000.00"))
    created = Application.objects.create(prospect=on or prospect(), **fields)
    today = timezone.localdate()
    path = {
        ApplicationStatus.DRAFTING: [],
        ApplicationStatus.SUBMITTED: [ApplicationStatus.SUBMITTED],
        ApplicationStatus.AWARDED: [ApplicationStatus.SUBMITTED, ApplicationStatus.AWARDED],
        ApplicationStatus.DECLINED: [ApplicationStatus.SUBMITTED, ApplicationStatus.DECLINED],
        ApplicationStatus.WITHDRAWN: [ApplicationStatus.WITHDRAWN],
        ApplicationStatus.COMPLETED: [
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.AWARDED,
            ApplicationStatus.COMPLETED,
        ],
    }[status]
    for step, move in enumerate(path):
        on_date = today - timedelta(days=60 - 20 * step)
        amount = created.ask_amount if move == ApplicationStatus.AWARDED else None
        created = move_application(created, None, move, on_date, award_amount=amount)
    return created


def awarded(**fields: Any) -> Application:
    return application(status=ApplicationStatus.AWARDED, **fields)


def payment(on: Application | None = None, **fields: Any) -> FundingPayment:
    fields.setdefault("due_on", timezone.localdate() + timedelta(days=30))
    fields.setdefault("amount", Decimal("10000.00"))
    return FundingPayment.objects.create(application=on or awarded(), **fields)


def report(on: Application | None = None, due_on: date | None = None, **fields: Any) -> ReportingRequirement:
    fields.setdefault("title", f"Progress report {next(_numbers)}")
    return ReportingRequirement.objects.create(
        application=on or awarded(), due_on=due_on or timezone.localdate() + timedelta(days=60), **fields
    )
