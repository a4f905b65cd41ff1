"""The roles (groups) and the permissions each holds, kept in step with the code.

Each role names, per app or per model, the actions it may take. `sync_roles` writes them to
the database after every migration, so a new record type gets its permissions in every role
the moment its migration runs. Scoping to a member's own organisation is not a permission: it
is applied by `RestrictedQuerySet.restrict()` to every user who has an organisation.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

HUB_MANAGER = "Hub manager"
BID_TEAM = "Bid team"
CONTRACTS = "Contracts and performance"
FINANCE = "Finance"
BOARD = "Board member"
AUDITOR = "Read-only (auditor)"
MEMBER = "Member organisation user"
COMMISSIONER = "Commissioner (read-only)"

ALL = ("view", "add", "change", "delete")
READ = ("view",)
EDIT = ("view", "add", "change")

# The apps whose records the roles cover. `users` is the hub manager's alone.
PRODUCT_APPS = (
    "directory",
    "hub",
    "members",
    "relationships",
    "opportunities",
    "bids",
    "contracts",
    "performance",
    "funding",
    "governance",
    "policies",
    "finance",
    "people",
    "documents",
)

# Hub staff record their own time (the queryset keeps them to their own timesheets) and build
# documents from the records they can read.
OWN_TIME = {"people.timesheet": ALL, "people.timesheetentry": ALL}
DOCUMENTS = {"documents.generateddocument": ("view", "add")}

# role -> {"app" or "app.model": actions}; "*" means every product app.
ROLES: dict[str, dict[str, tuple[str, ...]]] = {
    # Data protection (subject access, erasure, the sensitive-views log) is the hub manager's alone.
    HUB_MANAGER: {"*": ALL, "users.user": ALL, "privacy": ALL, "people.timesheet": ("approve",)},
    BID_TEAM: {
        "*": READ,
        "directory": EDIT,
        "members.capability": EDIT,
        "members.casestudy": EDIT,
        "opportunities.opportunity": EDIT,
        "opportunities.bidscore": ALL,
        "opportunities.savedsearch": ALL,
        "opportunities.interest": EDIT,
        "bids": ALL,
        # They work with commissioners: engagement plans, interactions, follow-ups.
        "relationships": ALL,
        **OWN_TIME,
        **DOCUMENTS,
    },
    CONTRACTS: {
        "*": READ,
        "directory": EDIT,
        "members": EDIT,
        "contracts": ALL,
        "performance": ALL,
        **OWN_TIME,
        **DOCUMENTS,
    },
    FINANCE: {
        "*": READ,
        "directory": EDIT,
        "people.recharge": ALL,
        "finance": ALL,
        "funding": ALL,
        **OWN_TIME,
        **DOCUMENTS,
    },
    BOARD: {
        "*": READ,
        "hub.appraisalscore": ALL,
        "hub.planreview": ALL,  # the board's reviews of the business plan
        "people.assessment": ALL,
        "opportunities.bidscore": ALL,
        "governance": ALL,  # the board keeps its own bodies, meetings, decisions and actions
        **DOCUMENTS,
    },
    AUDITOR: {"*": READ},
    MEMBER: {
        "directory.organisation": ("view", "change"),
        "directory.contact": ALL,
        "directory.area": READ,
        # Their own membership, plan and reviews to read; their own capabilities and evidence to keep.
        "members.membership": READ,
        "members.developmentaction": READ,
        "members.duediligencereview": READ,
        "members.servicecategory": READ,
        "members.clientgroup": READ,
        "members.requirement": READ,
        "members.capability": ALL,
        "members.qualitymark": ALL,
        "members.casestudy": ALL,
        "members.evidence": EDIT,
        # Public tender notices, to find and follow opportunities from the portal.
        "opportunities.notice": READ,
        "opportunities.cpvcode": READ,
        "opportunities.interest": EDIT,
        "opportunities.noticematch": READ,
        "opportunities.savedsearch": ALL,
        # The bids their organisation is a partner in, the questions assigned to it (answered in
        # the portal) and its own lines of the compliance checklist.
        "bids.bid": READ,
        "bids.bidpartner": READ,
        "bids.bidquestion": ("view", "change"),
        "bids.complianceitem": READ,
        # Their own subcontracts and the contracts they deliver under.
        "contracts.contract": READ,
        "contracts.subcontract": READ,
        "contracts.contractmilestone": READ,
        # Their subcontracts' KPIs and return periods; their returns, filled in and submitted in
        # the portal (the rows' querysets keep staff pages and the API read-only for them).
        "performance.kpi": READ,
        "performance.subcontractkpi": READ,
        "performance.returnperiod": READ,
        "performance.monitoringreturn": ("view", "change"),
        "performance.returnvalue": ALL,
        "performance.outcomeclaim": ALL,
        "performance.returnevidence": ("view", "add", "delete"),
        "performance.returncomment": ("view", "add"),
        "performance.improvementplan": READ,
        "performance.improvementaction": READ,
        # Their own payments from the hub (net of the top-slice), line by line, with remittances.
        "finance.memberpayment": READ,
        "finance.paymentline": READ,
        # The policies their organisation must acknowledge (the current approved version), and
        # their own acknowledgements, made in the portal.
        "policies.policy": READ,
        "policies.policyversion": READ,
        "policies.acknowledgement": ("view", "add"),
    },
    # A commissioner's user (their organisation is the commissioner): the contracts they
    # commission and how they are performing, to read.
    COMMISSIONER: {
        "contracts.contract": READ,
        "contracts.contractmilestone": READ,
        # The KPIs of the contracts they commission, and those contracts' validated returns.
        "performance.kpi": READ,
        "performance.subcontractkpi": READ,
        "performance.returnperiod": READ,
        "performance.monitoringreturn": READ,
        "performance.returnvalue": READ,
        "performance.outcomeclaim": READ,
    },
}

DESCRIPTIONS = {
    HUB_MANAGER: "Everything: sets the hub up, runs the pipeline, manages users.",
    BID_TEAM: "Reads everything; keeps organisations and contacts up to date; records their own time; works on bids.",
    CONTRACTS: "Reads everything; records their own time; manages contracts and subcontractors' performance.",
    FINANCE: "Reads everything; records their own time; keeps the shared-staff recharges; manages invoices and payments, funding prospects and applications.",
    BOARD: "Reads everything; scores the hub options appraisal and, on a panel, job applicants; governance is theirs.",
    AUDITOR: "Reads everything and changes nothing.",
    MEMBER: "A member organisation's own records only, through the member portal.",
    COMMISSIONER: "A commissioner's user: the contracts they commission and their performance, to read.",
}


def permissions_for(role: str) -> Any:
    condition = Q(pk__in=[])
    for target, actions in ROLES[role].items():
        codenames = Q()
        for action in actions:
            codenames |= Q(codename__startswith=f"{action}_")
        if target == "*":
            where = Q(content_type__app_label__in=PRODUCT_APPS)
        elif "." in target:
            app_label, model = target.split(".")
            where = Q(content_type__app_label=app_label, content_type__model=model)
        else:
            where = Q(content_type__app_label=target)
        condition |= where & codenames
    # Historical models (simple-history) get their own permissions; roles do not need them.
    return Permission.objects.filter(condition).exclude(content_type__model__startswith="historical")


def sync_roles() -> None:
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions_for(role))


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    if getattr(sender, "label", "") in (*PRODUCT_APPS, "users", "privacy", "api"):
        sync_roles()
