"""The demo hub's set-up: the options appraisal, the board's decision, and who delivers each task.

In early 2023 the board of Lancashire Community Partnership scored the four ways of delivering
its hub. Outsourcing to a member came out on top, and on 14/03/2023 the board chose Red Rose
Council for Voluntary Service to host the hub. The hub's tasks are shared between the job roles
Red Rose CVS staffs, the board, its performance committee and Red Rose CVS itself. Two flags are
left open on purpose, for the demo to show: nobody is yet accountable for researching funders,
and Red Rose CVS (a member) signs off the payments to members.

Idempotent: records are matched on their natural keys (an appraisal's title, a deliverer's name,
a task and deliverer for an allocation, a user's e-mail) and what is there is left as it is, so a
demo people have been clicking around in keeps their changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from consortia.demo.personas import DEMO_DOMAIN, DEMO_PASSWORD
from consortia.directory.models import Organisation
from consortia.hub.choices import DelivererKind, Raci
from consortia.hub.models import Appraisal, Deliverer, DeliveryModel, HubDecision, HubTask, TaskAllocation
from consortia.hub.services.appraisal import open_appraisal, record_decision, record_scores
from consortia.hub.services.delivery import allocate
from consortia.people.models import JobRole
from consortia.users import roles
from consortia.users.models import User

TITLE = "How should our hub be delivered?"
PROVIDER = "Red Rose Council for Voluntary Service"
DECIDED_ON = date(2023, 3, 14)

# Board members who scored beside the chair and the manager: demo logins (`personas.PERSONAS`),
# made here too when this part is loaded on its own.
EXTRA_BOARD = (
    (f"vicechair@{DEMO_DOMAIN}", "Kathleen Lord"),
    (f"treasurer@{DEMO_DOMAIN}", "Rashid Mahmood"),
)
CHAIR = f"chair@{DEMO_DOMAIN}"
MANAGER = f"manager@{DEMO_DOMAIN}"

# The shared scores, in the order of the default criteria: cost before contracts are won,
# control by the members, expertise, employment burden, conflict-of-interest risk, ability to
# grow and shrink, track record with commissioners.
BASE_SCORES = {
    "central": (1, 4, 3, 1, 5, 1, 3),
    "virtual": (5, 5, 2, 5, 2, 3, 1),
    "member": (4, 3, 4, 5, 3, 5, 4),
    "external": (2, 2, 4, 5, 5, 3, 2),
}
# Where each scorer saw it differently: {scorer: {(option, criterion index): score}}.
DIFFERENCES: dict[str, dict[tuple[str, int], int]] = {
    CHAIR: {("member", 4): 2, ("central", 0): 0, ("virtual", 2): 1},
    MANAGER: {("virtual", 1): 4, ("member", 2): 5, ("external", 0): 1},
    EXTRA_BOARD[0][0]: {("virtual", 0): 4, ("member", 6): 3, ("central", 1): 5},
    EXTRA_BOARD[1][0]: {("virtual", 4): 1, ("external", 2): 5, ("member", 0): 5},
}

RATIONALE = (
    "The options appraisal put outsourcing to a member first. Hosting the hub at Red Rose CVS means no "
    "staff to employ and no office to rent before the first contract is won, and the hub can grow with "
    "the contracts. Red Rose CVS knows the sector and the county's commissioners.\n\n"
    "The board noted the risk that a member hosting the hub could favour itself. Red Rose CVS has agreed "
    "not to bid as a delivery partner while it hosts the hub; the performance committee will oversee the "
    "allocation of work and the monitoring of members; and shared staff will record their time so that "
    "the recharges are fair."
)


@dataclass(frozen=True)
class Role:
    title: str
    purpose: str
    hours_per_week: str
    fte: str


JOB_ROLES = (
    Role(
        "Consortium Manager",
        "Leads the consortium's hub: strategy, commissioners, members and the board.",
        "37.5",
        "1.00",
    ),
    Role("Bid Manager", "Finds contract opportunities and leads the consortium's bids.", "30", "0.80"),
    Role(
        "Contracts and Performance Officer",
        "Manages the consortium's contracts and subcontracts and monitors members' performance.",
        "22.5",
        "0.60",
    ),
    Role("Finance Officer", "Invoices commissioners, pays members and keeps the consortium's accounts.", "15", "0.40"),
    Role("Hub Administrator", "Runs the hub's office: members' records, board papers and policies.", "18.5", "0.50"),
)

MANAGER_ROLE, BIDS, CONTRACTS, FINANCE, ADMIN = (role.title for role in JOB_ROLES)
HOST, BOARD, COMMITTEE = "Red Rose CVS", "The Board", "Performance Committee"

# function code -> (responsible, accountable) for its tasks, unless a task says otherwise.
BY_FUNCTION = {
    "strategy": (MANAGER_ROLE, BOARD),
    "influence": (MANAGER_ROLE, BOARD),
    "policies": (ADMIN, BOARD),
    "membership": (ADMIN, MANAGER_ROLE),
    "bidding": (BIDS, MANAGER_ROLE),
    "contracts": (CONTRACTS, MANAGER_ROLE),
    "funding": (BIDS, MANAGER_ROLE),
    "governance": (ADMIN, BOARD),
    "finance": (FINANCE, MANAGER_ROLE),
    "performance": (MANAGER_ROLE, COMMITTEE),
}
# task -> [(deliverer, letter, hours a month)], replacing its function's pair.
BY_TASK: dict[str, list[tuple[str, str, int]]] = {
    "Draft and review the business plan": [
        (MANAGER_ROLE, Raci.RESPONSIBLE, 6),
        (BOARD, Raci.ACCOUNTABLE, 1),
        (HOST, Raci.CONSULTED, 1),
    ],
    "Meet commissioners and attend market-engagement events": [
        (MANAGER_ROLE, Raci.RESPONSIBLE, 12),
        (BOARD, Raci.ACCOUNTABLE, 0),
        (BIDS, Raci.CONSULTED, 2),
    ],
    "Agree the subcontracting and supply-chain procedures": [
        (CONTRACTS, Raci.RESPONSIBLE, 4),
        (BOARD, Raci.ACCOUNTABLE, 1),
    ],
    "Carry out due diligence on members": [(CONTRACTS, Raci.RESPONSIBLE, 6), (COMMITTEE, Raci.ACCOUNTABLE, 1)],
    "Collect membership fees": [(FINANCE, Raci.RESPONSIBLE, 2), (MANAGER_ROLE, Raci.ACCOUNTABLE, 0)],
    "Develop members' capacity to deliver contracts": [
        (MANAGER_ROLE, Raci.RESPONSIBLE, 6),
        (BOARD, Raci.ACCOUNTABLE, 0),
        (HOST, Raci.CONSULTED, 2),
    ],
    "Run bid/no-bid decisions": [
        (BIDS, Raci.RESPONSIBLE, 4),
        (BOARD, Raci.ACCOUNTABLE, 1),
        (CONTRACTS, Raci.CONSULTED, 1),
    ],
    "Negotiate and sign contracts with commissioners": [
        (MANAGER_ROLE, Raci.RESPONSIBLE, 4),
        (BOARD, Raci.ACCOUNTABLE, 1),
    ],
    "Allocate contract volumes to members": [
        (CONTRACTS, Raci.RESPONSIBLE, 4),
        (COMMITTEE, Raci.ACCOUNTABLE, 1),
        (BOARD, Raci.INFORMED, 0),
    ],
    "Monitor subcontractor performance": [(CONTRACTS, Raci.RESPONSIBLE, 12), (COMMITTEE, Raci.ACCOUNTABLE, 2)],
    "Validate monitoring returns": [(CONTRACTS, Raci.RESPONSIBLE, 10), (COMMITTEE, Raci.ACCOUNTABLE, 1)],
    "Agree improvement plans with underperforming members": [
        (CONTRACTS, Raci.RESPONSIBLE, 3),
        (COMMITTEE, Raci.ACCOUNTABLE, 1),
    ],
    # Left open on purpose: nobody is accountable yet.
    "Research grant funders and social investors": [(BIDS, Raci.RESPONSIBLE, 4)],
    "Keep the register of interests": [
        (ADMIN, Raci.RESPONSIBLE, 1),
        (BOARD, Raci.ACCOUNTABLE, 0),
        (COMMITTEE, Raci.INFORMED, 0),
    ],
    "Prepare the annual accounts and arrange the audit": [
        (FINANCE, Raci.RESPONSIBLE, 6),
        (BOARD, Raci.ACCOUNTABLE, 1),
        (HOST, Raci.CONSULTED, 1),
    ],
    # Left open on purpose: a member signing off its fellow members' payments is a conflict.
    "Pay members for contract delivery": [(FINANCE, Raci.RESPONSIBLE, 6), (HOST, Raci.ACCOUNTABLE, 1)],
    "Check members' invoices against delivery": [(FINANCE, Raci.RESPONSIBLE, 4), (COMMITTEE, Raci.ACCOUNTABLE, 1)],
    "Agree the hub's service standards": [(MANAGER_ROLE, Raci.RESPONSIBLE, 2), (BOARD, Raci.ACCOUNTABLE, 1)],
    "Review the hub's service agreement or staff performance": [
        (COMMITTEE, Raci.RESPONSIBLE, 2),
        (BOARD, Raci.ACCOUNTABLE, 1),
        (HOST, Raci.CONSULTED, 1),
    ],
}
# Hours a month the responsible deliverer spends on a task no line above names.
DEFAULT_HOURS = 3


@transaction.atomic
def load() -> None:
    """Create whatever part of the demo hub's set-up is missing."""
    provider = Organisation.objects.get(name=PROVIDER)
    scorers = _scorers()
    appraisal = _appraisal(scorers, provider)
    _decision(appraisal, provider, scorers[CHAIR])
    deliverers = _deliverers(provider)
    _allocations(deliverers)


def _scorers() -> dict[str, User]:
    users = {user.email: user for user in User.objects.filter(email__in=[CHAIR, MANAGER])}
    board = Group.objects.get(name=roles.BOARD)
    for email, name in EXTRA_BOARD:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email, full_name=name)
            user.set_password(DEMO_PASSWORD)
            user.full_clean()
            user.save()
            user.groups.add(board)
        users[email] = user
    return users


def _appraisal(scorers: dict[str, User], provider: Organisation) -> Appraisal:
    existing = Appraisal.objects.filter(title=TITLE).first()
    if existing is not None:
        return existing
    manager = scorers[MANAGER]
    appraisal = Appraisal(
        title=TITLE,
        purpose=(
            "To recommend to the board how the consortium's hub should be delivered: by our own staff, by "
            "members between them, or by one organisation under an agreement."
        ),
        scale_max=5,
        closes_on=date(2023, 3, 7),
    )
    open_appraisal(appraisal, manager)
    appraisal.scorers.set(scorers.values())
    criteria = list(appraisal.criteria.order_by("order"))
    options = {option.code: option for option in appraisal.options.all()}
    for email, scorer in scorers.items():
        grid: dict[tuple[int, int], Any] = {}
        for code, scores in BASE_SCORES.items():
            for index, criterion in enumerate(criteria[: len(scores)]):
                grid[(criterion.pk, options[code].pk)] = DIFFERENCES[email].get((code, index), scores[index])
        record_scores(appraisal, scorer, grid)
    return appraisal


def _decision(appraisal: Appraisal, provider: Organisation, chair: User) -> None:
    chosen = DeliveryModel.objects.get(code="member")
    if HubDecision.objects.filter(chosen_model=chosen, provider=provider).exists():
        return
    record_decision(
        appraisal,
        chair,
        chosen_model=chosen,
        provider=provider,
        decided_on=DECIDED_ON,
        decided_by="The board of directors",
        minute_reference="LCP/B/2023/07",
        rationale=RATIONALE,
    )


def _deliverers(provider: Organisation) -> dict[str, Deliverer]:
    deliverers: dict[str, Deliverer] = {}
    for spec in JOB_ROLES:
        role = JobRole.objects.filter(title=spec.title).first()
        if role is None:  # the people demo normally makes them first
            role = JobRole(
                title=spec.title,
                purpose=spec.purpose,
                hours_per_week=Decimal(spec.hours_per_week),
                fte=Decimal(spec.fte),
                location="Red Rose CVS, Fishergate Court, Preston",
            )
            role.full_clean()
            role.save()
        deliverers[spec.title] = _deliverer(spec.title, kind=DelivererKind.JOB_ROLE, job_role=role)
    deliverers[HOST] = _deliverer(HOST, kind=DelivererKind.MEMBER, organisation=provider, hours_per_month=Decimal(8))
    deliverers[BOARD] = _deliverer(BOARD, kind=DelivererKind.BOARD, hours_per_month=Decimal(12))
    deliverers[COMMITTEE] = _deliverer(COMMITTEE, kind=DelivererKind.COMMITTEE, hours_per_month=Decimal(10))
    return deliverers


def _deliverer(name: str, **fields: Any) -> Deliverer:
    deliverer = Deliverer.objects.filter(name=name).first()
    if deliverer is None:
        job_role = fields.get("job_role")
        if job_role is not None:
            # A job role has one deliverer: someone may have renamed it.
            deliverer = Deliverer.objects.filter(job_role=job_role).first()
    if deliverer is None:
        deliverer = Deliverer(name=name, **fields)
        deliverer.full_clean()
        deliverer.save()
    return deliverer


def _allocations(deliverers: dict[str, Deliverer]) -> None:
    taken = set(TaskAllocation.objects.values_list("task_id", "deliverer_id"))
    for task in HubTask.objects.filter(retired=False).select_related("function"):
        lines = BY_TASK.get(task.name)
        if lines is None:
            pair = BY_FUNCTION.get(task.function.code)
            if pair is None:  # a function the hub added itself
                continue
            lines = [(pair[0], Raci.RESPONSIBLE, DEFAULT_HOURS), (pair[1], Raci.ACCOUNTABLE, 0)]
        for name, letter, hours in lines:
            deliverer = deliverers[name]
            if (task.pk, deliverer.pk) not in taken:
                allocate(task, deliverer, letter, Decimal(hours), None)
