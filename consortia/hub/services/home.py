"""The hub's set-up checklist: the outcomes and key activities of the guidance's stage 8, in order.

Each step is checked against the records, so the checklist is never out of step with the work:
a decision on the type of hub; every task with someone responsible and accountable; service
standards agreed; a service specification (for a hub delivered by another organisation) or job
descriptions (for a hub with its own staff); and staff recruited or the provider engaged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from consortia.documents.models import GeneratedDocument
from consortia.hub.choices import AgreementStatus, Raci
from consortia.hub.models import HubDecision, HubTask, ServiceAgreement, ServiceStandard
from consortia.people.choices import RoleStatus
from consortia.people.models import JobRole, StaffMember

SPECIFICATION = "service_specification"
JOB_DESCRIPTION = "job_description"


@dataclass(frozen=True)
class Step:
    name: str
    done: bool
    detail: str
    url: str | None
    link_text: str = "Go to this step"


def _url(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # that area's pages are not installed
        return None


def _rows(queryset: QuerySet, user: Any) -> QuerySet:
    return queryset if user is None else queryset.restrict(user, "view")  # type: ignore[attr-defined]


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def setup_progress(user: Any = None) -> list[Step]:
    """The five steps of setting up the hub, each done or not, with what is missing and where to do it.

    With `user`, only records that user may see are counted. A fixed number of queries (seven).
    """
    decision = (
        _rows(HubDecision.objects.all(), user)
        .select_related("chosen_model", "provider")
        .order_by("-decided_on", "-pk")
        .first()
    )
    outsourced = decision is not None and decision.chosen_model.needs_provider
    steps = [_decision_step(decision), _allocation_step(user)]
    steps.append(_standards_step(user))
    steps.append(_specification_step(user) if outsourced else _job_descriptions_step(user, decision is not None))
    steps.append(_recruitment_step(user, outsourced))
    return steps


def _decision_step(decision: HubDecision | None) -> Step:
    name = "Decide the type of hub"
    if decision is None:
        return Step(
            name,
            False,
            "Score the delivery models in an options appraisal, then record the board's decision.",
            _url("hub:appraisal_list"),
            "Go to the options appraisal",
        )
    provider = f", delivered by {decision.provider}" if decision.provider_id else ""
    return Step(
        name,
        True,
        f"{decision.chosen_model}{provider}: decided on {decision.decided_on:%d/%m/%Y} by {decision.decided_by}.",
        decision.get_absolute_url(),
        "See the decision",
    )


def _allocation_step(user: Any) -> Step:
    name = "Give every task someone responsible and someone accountable"
    counts = (
        _rows(HubTask.objects.filter(retired=False), user)
        .annotate(
            responsible=Count("allocations", filter=Q(allocations__raci=Raci.RESPONSIBLE)),
            accountable=Count("allocations", filter=Q(allocations__raci=Raci.ACCOUNTABLE)),
        )
        .aggregate(
            tasks=Count("pk"),
            missing=Count("pk", filter=Q(responsible=0) | Q(accountable=0)),
        )
    )
    tasks, missing = counts["tasks"] or 0, counts["missing"] or 0
    url, link = _url("hub:raci_matrix"), "Go to the RACI matrix"
    if not tasks:
        return Step(name, False, "There are no active tasks yet: list what the hub will do.", url, link)
    if missing:
        detail = f"{_plural(missing, 'task')} of {tasks} still {'needs' if missing == 1 else 'need'} someone responsible (R) or accountable (A)."
        return Step(name, False, detail, url, link)
    return Step(name, True, f"All {_plural(tasks, 'active task')} have someone responsible and accountable.", url, link)


def _standards_step(user: Any) -> Step:
    name = "Agree the hub's service standards"
    agreed = _rows(ServiceStandard.objects.filter(active=True, agreed_on__isnull=False), user).count()
    url, link = _url("hub:servicestandard_list"), "Go to the service standards"
    if agreed:
        return Step(name, True, f"{_plural(agreed, 'service standard')} agreed.", url, link)
    return Step(
        name,
        False,
        "No service standard has been agreed yet: draft them and record when the board agrees them.",
        url,
        link,
    )


def _specification_step(user: Any) -> Step:
    name = "Produce the service specification"
    produced = _rows(GeneratedDocument.objects.filter(kind=SPECIFICATION), user).exists()
    url, link = _url("hub:serviceagreement_list"), "Go to the service agreement"
    if produced:
        return Step(name, True, "The service specification for the hub's provider has been produced.", url, link)
    return Step(
        name, False, "Write the service agreement with the provider and produce its service specification.", url, link
    )


def _job_descriptions_step(user: Any, decided: bool) -> Step:
    name = "Produce job descriptions for the hub's staff"
    url, link = _url("people:jobrole_list"), "Go to the job roles"
    if not decided:
        return Step(
            "Produce the service specification or job descriptions",
            False,
            "Which one depends on the decision on the type of hub.",
            url,
            link,
        )
    role_type = ContentType.objects.get_for_model(JobRole)
    described = GeneratedDocument.objects.filter(kind=JOB_DESCRIPTION, source_type=role_type).values("source_id")
    counts = _rows(JobRole.objects.filter(status=RoleStatus.AGREED), user).aggregate(
        roles=Count("pk"), missing=Count("pk", filter=~Q(pk__in=described))
    )
    roles, missing = counts["roles"] or 0, counts["missing"] or 0
    if not roles:
        return Step(name, False, "No job roles have been agreed yet.", url, link)
    if missing:
        detail = f"{_plural(missing, 'agreed job role')} of {roles} {'has' if missing == 1 else 'have'} no job description yet."
        return Step(name, False, detail, url, link)
    return Step(name, True, f"Job descriptions produced for all {_plural(roles, 'agreed job role')}.", url, link)


def _recruitment_step(user: Any, outsourced: bool) -> Step:
    name = "Recruit the hub's staff" if not outsourced else "Recruit staff or engage the provider"
    staff = _rows(StaffMember.objects.all(), user).exists()
    url, link = _url("people:staffmember_list"), "Go to the hub's staff"
    if staff:
        return Step(name, True, "The hub has staff.", url, link)
    if outsourced:
        engaged = _rows(
            ServiceAgreement.objects.filter(status__in=[AgreementStatus.AGREED, AgreementStatus.ACTIVE]), user
        ).exists()
        agreement_url = _url("hub:serviceagreement_list")
        if engaged:
            return Step(
                name,
                True,
                "The service agreement with the hub's provider is agreed.",
                agreement_url,
                "Go to the service agreement",
            )
        return Step(
            name,
            False,
            "No staff yet, and no service agreement agreed with the provider.",
            agreement_url,
            "Go to the service agreement",
        )
    return Step(name, False, "No staff recorded yet: recruit to the agreed job roles.", url, link)
