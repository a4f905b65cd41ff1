from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from consortia.demo import data, personas
from consortia.demo.services import DemoDataError, Summary, Tally, load_demo


class Command(BaseCommand):
    help = (
        f"Load the demo consortium ({data.CONSORTIUM_NAME}: members, commissioners, funders and their "
        "contacts) and one login per persona. Safe to run again: nothing is duplicated and what is "
        "already there is kept."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help=f"Set every demo login's password back to “{personas.DEMO_PASSWORD}”, even if it has been changed.",
        )

    def handle(self, *args: Any, reset_passwords: bool, **options: Any) -> None:
        try:
            summary = load_demo(reset_passwords=reset_passwords)
        except DemoDataError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Demo data for {data.CONSORTIUM_NAME}:"))
        for line in summary_lines(summary):
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins:"))
        for line in login_lines():
            self.stdout.write(f"  {line}")


def summary_lines(summary: Summary) -> list[str]:
    lines = [
        _tally("Organisations", summary.organisations),
        _tally("Contacts", summary.contacts),
        _tally("Demo logins", summary.users),
    ]
    if summary.passwords_reset:
        lines.append(f"Passwords set back to the demo password: {summary.passwords_reset}.")
    elif summary.users.existing:
        lines.append("Logins that were already there kept their passwords (--reset-passwords sets them back).")
    return lines + hub_lines()


def hub_lines() -> list[str]:
    """What the hub's set-up now holds (loaded, or already there)."""
    from consortia.demo import funding, governance, hub_plan, policies, relationships
    from consortia.documents.models import GeneratedDocument
    from consortia.hub.models import HubDecision, HubTask, ServiceStandard, TaskAllocation, WorkplanItem
    from consortia.members.models import Capability, Evidence, Membership, MembershipApplication
    from consortia.people.models import JobRole, StaffMember, Timesheet, Vacancy

    return [
        f"Hub set-up: {HubDecision.objects.count()} decision on the hub, {HubTask.objects.count()} tasks with "
        f"{TaskAllocation.objects.count()} allocations, {ServiceStandard.objects.count()} service standards, "
        f"{WorkplanItem.objects.count()} workplan items, {GeneratedDocument.objects.count()} documents.",
        f"People: {JobRole.objects.count()} job roles, {Vacancy.objects.count()} vacancies, "
        f"{StaffMember.objects.count()} staff, {Timesheet.objects.count()} timesheets.",
        f"Members: {Membership.objects.count()} memberships, {Capability.objects.count()} capabilities, "
        f"{Evidence.objects.count()} pieces of due-diligence evidence, "
        f"{MembershipApplication.objects.count()} applications.",
        _contract_line(),
        _finance_line(),
        policies.summary(),
        hub_plan.summary(),
        funding.summary(),
        relationships.summary(),
        governance.summary(),
    ]


def _contract_line() -> str:
    from consortia.contracts.models import Contract, Subcontract, Variation

    return (
        f"Contracts: {Contract.objects.count()} contracts, {Subcontract.objects.count()} subcontracts, "
        f"{Variation.objects.count()} variations."
    )


def _finance_line() -> str:
    from consortia.demo import finance

    return finance.summary()


def _tally(what: str, tally: Tally) -> str:
    return f"{what}: {tally.created} added, {tally.existing} already there."


def login_lines() -> list[str]:
    rows = [("E-mail", "Password", "Persona")]
    rows += [(persona.email, persona.password, persona.persona) for persona in personas.PERSONAS]
    email_width = max(len(row[0]) for row in rows)
    password_width = max(len(row[1]) for row in rows)
    return [f"{email:<{email_width}}  {password:<{password_width}}  {who}" for email, password, who in rows]
