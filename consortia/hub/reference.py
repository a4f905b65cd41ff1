"""Reference data the hub ships with: the delivery models and the hub's ten functions.

Loaded by a migration so that a new hub starts with the sector guidance's functions, tasks and
options; all of it can be edited afterwards. The codes are stable: other code refers to them.
The wording is ours, written from the guidance on setting up a consortium's hub.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from consortia.core.reference import reference_data

# (code, name) of the ten roles of the hub function, in the guidance's order.
FUNCTIONS: tuple[tuple[str, str], ...] = (
    ("strategy", "Lead the strategic and business planning"),
    ("influence", "Influence commissioners and develop strategic relationships"),
    ("policies", "Develop policies and procedures"),
    ("membership", "Recruit and manage the membership, and develop the supply chain"),
    ("bidding", "Scope for and bid for contracts"),
    ("contracts", "Manage contracts and the performance of subcontractors"),
    ("funding", "Explore and raise funding where appropriate, such as development grants or repayable finance"),
    ("governance", "Ensure good governance"),
    ("finance", "Finance management"),
    ("performance", "Manage performance"),
)

# (code, name) of the four delivery models.
DELIVERY_MODELS: tuple[tuple[str, str], ...] = (
    ("central", "Central staff team"),
    ("virtual", "Virtual hub"),
    ("member", "Outsource to a member organisation"),
    ("external", "Outsource to an external organisation"),
)


@dataclass(frozen=True)
class ModelText:
    """What the hub is told about one delivery model (advantages and disadvantages one per line)."""

    summary: str
    advantages: str
    disadvantages: str
    suits: str
    needs_provider: bool = False
    provider_is_member: bool = False


DELIVERY_MODEL_TEXT: dict[str, ModelText] = {
    "central": ModelText(
        summary=(
            "The consortium employs its own small team, usually led by a consortium manager, to run the hub. "
            "The staff work for the consortium company and answer to its board."
        ),
        advantages="\n".join(
            (
                "The staff work only for the consortium, so its interests always come first.",
                "Clear lines of accountability from the staff to the board.",
                "Knowledge and relationships with commissioners stay inside the consortium.",
                "Commissioners see a stable, visible organisation behind the bids.",
            )
        ),
        disadvantages="\n".join(
            (
                "Salaries, office space and equipment must be paid for before any contract is won.",
                "The consortium becomes an employer, with the HR, payroll and pension duties that brings.",
                "Hard to scale down if bids do not succeed, and hard to scale up quickly if they do.",
                "A small team depends heavily on one or two people.",
            )
        ),
        suits=(
            "An established consortium with a reliable income, such as a management fee from contracts already "
            "won, and a board ready to take on the duties of an employer."
        ),
    ),
    "virtual": ModelText(
        summary=(
            "There is no core staff. Senior people from the member organisations share the hub's work between "
            "them; when a contract is won, its management and administration are subcontracted to a member."
        ),
        advantages="\n".join(
            (
                "Almost no cost before contracts are won.",
                "Members stay fully in control of the consortium's direction.",
                "Draws on the experience and contacts of several organisations.",
                "Nothing to unwind if the consortium decides to stop.",
            )
        ),
        disadvantages="\n".join(
            (
                "Relies on goodwill: the work competes with each volunteer's day job.",
                "Bidding deadlines and commissioners' requests can be missed when nobody is clearly responsible.",
                "Conflicts of interest are harder to manage when members run the hub themselves.",
                "Commissioners may doubt the consortium's capacity to manage a large contract.",
            )
        ),
        suits=(
            "A new or small consortium testing the market, with committed members who can each give time, and "
            "few contracts to manage yet."
        ),
    ),
    "member": ModelText(
        summary=(
            "One member organisation, often a council for voluntary service or another infrastructure body, "
            "delivers the hub under a formal agreement with the consortium. Staff may be shared between the "
            "member and the consortium, and record their time so that costs are recharged fairly."
        ),
        advantages="\n".join(
            (
                "No staff to employ and no office to rent before contracts are won.",
                "Uses the member's existing HR, finance and premises.",
                "The hub can grow or shrink with the consortium's income.",
                "The member already knows the local sector and its commissioners.",
            )
        ),
        disadvantages="\n".join(
            (
                "The member could be seen to favour itself when allocating work or monitoring members.",
                "The consortium depends on one member's continued willingness and stability.",
                "Shared staff must account for their time, or the member may be subsidising the consortium.",
                "Lines between the member's own business and the consortium's can blur.",
            )
        ),
        suits=(
            "A consortium with a trusted member, ideally one that does not deliver frontline services itself, "
            "willing to host the hub under a service agreement with clear standards."
        ),
        needs_provider=True,
        provider_is_member=True,
    ),
    "external": ModelText(
        summary=(
            "An organisation outside the membership, such as an independent infrastructure body or a specialist "
            "provider, delivers the hub under a contract with the consortium."
        ),
        advantages="\n".join(
            (
                "Brings expertise and experience the members may not have.",
                "Independent of every member, so no member runs the hub for its own benefit.",
                "No employment or HR burden for the consortium.",
                "Clear contract terms: the consortium buys a defined service.",
            )
        ),
        disadvantages="\n".join(
            (
                "Usually the most expensive option, and the fee is due whether or not contracts are won.",
                "Members have less day-to-day control over the hub.",
                "The provider may not know the local sector or commissioners.",
                "Few consortia have done this, so there is little experience to learn from.",
            )
        ),
        suits=(
            "A consortium that needs skills its members lack, with funding to buy them in, and where no member "
            "is well placed to host the hub."
        ),
        needs_provider=True,
    ),
}


@dataclass(frozen=True)
class Task:
    name: str
    oversees_members: bool = False


def _tasks(*names: str, overseeing: tuple[str, ...] = ()) -> tuple[Task, ...]:
    return tuple(Task(name) for name in names) + tuple(Task(name, oversees_members=True) for name in overseeing)


# code -> (purpose, suggested tasks). Tasks that monitor, pay or allocate work to members are
# marked `oversees_members`: a member must not hold them for itself.
FUNCTION_TEXT: dict[str, tuple[str, tuple[Task, ...]]] = {
    "strategy": (
        "Set the consortium's direction: what it is for, which markets it will work in, and how it will pay its way.",
        _tasks(
            "Draft and review the business plan",
            "Analyse the market and commissioning intentions",
            "Agree the consortium's priorities with the board",
            "Set the annual budget and income targets",
            "Report progress against the business plan to the board",
        ),
    ),
    "influence": (
        "Build the relationships that put the consortium in front of commissioners before contracts are tendered.",
        _tasks(
            "Map commissioners and the people who influence commissioning",
            "Meet commissioners and attend market-engagement events",
            "Respond to consultations and commissioning strategies",
            "Represent the consortium at partnership boards",
            "Promote the consortium and its members' work",
        ),
    ),
    "policies": (
        "Write and keep up to date the policies and procedures that let the consortium trade and subcontract safely.",
        _tasks(
            "Draft policies required by commissioners (safeguarding, data protection, equality)",
            "Agree the subcontracting and supply-chain procedures",
            "Keep a schedule of policy review dates",
            "Make sure members acknowledge the policies that apply to them",
        ),
    ),
    "membership": (
        "Grow and look after the membership, and know what each member can deliver, so bids can be built on it.",
        _tasks(
            "Recruit new members and process applications",
            "Keep the register of members' services, areas and capacity",
            "Carry out due diligence on members",
            "Collect membership fees",
            "Develop members' capacity to deliver contracts",
            "Keep members informed and involved",
        ),
    ),
    "bidding": (
        "Find the contracts worth going for, decide which to bid for, and write and submit winning bids.",
        _tasks(
            "Monitor Find a Tender and Contracts Finder",
            "Circulate opportunities to members",
            "Run bid/no-bid decisions",
            "Coordinate bid writing",
            "Manage submissions",
            "Record outcomes and feedback",
        ),
    ),
    "contracts": (
        "Manage the contracts the consortium holds and the members who deliver them under subcontract.",
        _tasks(
            "Negotiate and sign contracts with commissioners",
            "Issue subcontracts to members",
            "Manage contract variations",
            "Report to commissioners on contract delivery",
            overseeing=(
                "Allocate contract volumes to members",
                "Monitor subcontractor performance",
                "Validate monitoring returns",
                "Agree improvement plans with underperforming members",
            ),
        ),
    ),
    "funding": (
        "Look for and apply for funding that builds the consortium, such as development grants or repayable finance.",
        _tasks(
            "Research grant funders and social investors",
            "Write funding applications",
            "Manage funders' conditions and reporting",
            "Keep a funding pipeline",
        ),
    ),
    "governance": (
        "Support the board to run the consortium well and lawfully, and to deal openly with conflicts of interest.",
        _tasks(
            "Organise board meetings, papers and minutes",
            "Keep the register of interests",
            "Manage board recruitment, appointments and terms",
            "Keep the risk register",
            "Make statutory filings with Companies House and the Charity Commission",
        ),
    ),
    "finance": (
        "Keep the consortium's money in order: invoicing commissioners, paying members and managing the budget.",
        _tasks(
            "Invoice commissioners",
            "Apply the management fee",
            "Keep the accounts and prepare management accounts",
            "Prepare the annual accounts and arrange the audit",
            overseeing=(
                "Pay members for contract delivery",
                "Check members' invoices against delivery",
            ),
        ),
    ),
    "performance": (
        "Measure how well the hub itself is doing against its service standards, and act when it falls short.",
        _tasks(
            "Agree the hub's service standards",
            "Report the hub's performance to the board",
            "Review the hub's service agreement or staff performance",
            "Gather members' feedback on the hub",
        ),
    ),
}


@dataclass(frozen=True)
class Criterion:
    name: str
    description: str
    weight: Decimal


# The criteria a new options appraisal starts with; each appraisal keeps its own copy to edit.
DEFAULT_CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "Cost before contracts are won",
        "A high score means the model costs little until the consortium has contract income.",
        Decimal(3),
    ),
    Criterion(
        "Control by the members",
        "A high score means the members, through the board, keep firm control of the hub.",
        Decimal(2),
    ),
    Criterion(
        "Expertise available",
        "A high score means the model brings the bidding, contract and finance skills the hub needs.",
        Decimal(2),
    ),
    Criterion(
        "Employment and HR burden",
        "A high score means a light burden: the consortium need not employ staff or run HR itself.",
        Decimal(1),
    ),
    Criterion(
        "Conflict-of-interest risk",
        "A high score means a low risk that whoever runs the hub favours their own organisation.",
        Decimal(2),
    ),
    Criterion(
        "Ability to grow and shrink",
        "A high score means the hub can grow with new contracts and scale back when they end.",
        Decimal(1),
    ),
    Criterion(
        "Track record with commissioners",
        "A high score means commissioners would trust this model to manage a contract.",
        Decimal(1),
    ),
)


@reference_data("hub.DeliveryModel", "hub.HubFunction", "hub.HubTask")
def load_reference(apps: Any = None) -> dict[str, int]:
    """Create the delivery models, functions and tasks that are missing; never change existing ones.

    `apps` is a migration's app registry (historical models); without it the real models are
    used. A function's suggested tasks are added only while it has no tasks, so tasks that were
    reworded or retired do not come back. Returns how many of each were created.
    """
    if apps is None:
        from django.apps import apps as installed

        apps = installed
    delivery_model: Any = apps.get_model("hub", "DeliveryModel")
    hub_function: Any = apps.get_model("hub", "HubFunction")
    hub_task: Any = apps.get_model("hub", "HubTask")
    created = {"delivery_models": 0, "functions": 0, "tasks": 0}

    taken_codes = set(delivery_model.objects.values_list("code", flat=True))
    taken_names = set(delivery_model.objects.values_list("name", flat=True))
    for order, (code, name) in enumerate(DELIVERY_MODELS, start=1):
        if code in taken_codes or name in taken_names:
            continue
        text = DELIVERY_MODEL_TEXT[code]
        delivery_model.objects.create(
            code=code,
            name=name,
            summary=text.summary,
            advantages=text.advantages,
            disadvantages=text.disadvantages,
            suits=text.suits,
            needs_provider=text.needs_provider,
            provider_is_member=text.provider_is_member,
            order=order * 10,
        )
        created["delivery_models"] += 1

    functions = {function.code: function for function in hub_function.objects.all()}
    taken_function_names = {function.name for function in functions.values()}
    with_tasks = set(hub_task.objects.values_list("function_id", flat=True).distinct())
    for order, (code, name) in enumerate(FUNCTIONS, start=1):
        purpose, tasks = FUNCTION_TEXT[code]
        function = functions.get(code)
        if function is None:
            if name in taken_function_names:
                continue
            function = hub_function.objects.create(code=code, name=name, purpose=purpose, order=order * 10)
            created["functions"] += 1
        if function.pk in with_tasks:
            continue
        for task_order, task in enumerate(tasks, start=1):
            hub_task.objects.create(
                function=function, name=task.name, oversees_members=task.oversees_members, order=task_order * 10
            )
            created["tasks"] += 1
    return created
