"""Job roles: drawing responsibilities from the hub's task allocation, agreeing a role, templates.

Responsibilities are kept as text, one per line; a line ending with a colon is a heading that
groups the lines under it (the function of the hub they belong to). The detail page and the
documents read them back with `responsibility_groups`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from consortia.hub.choices import Raci
from consortia.hub.models import HubFunction, TaskAllocation
from consortia.people import role_templates
from consortia.people.choices import CriterionCategory, Requirement, RoleStatus
from consortia.people.models import JobRole, PersonSpecCriterion

# How the role's part in a task reads in its job description.
RACI_PHRASES: dict[str, str] = {
    Raci.RESPONSIBLE: "{task}",
    Raci.ACCOUNTABLE: "Accountable for: {task}",
    Raci.CONSULTED: "Consulted on: {task}",
    Raci.INFORMED: "Kept informed of: {task}",
}
RACI_ORDER: dict[str, int] = {Raci.RESPONSIBLE: 0, Raci.ACCOUNTABLE: 1, Raci.CONSULTED: 2, Raci.INFORMED: 3}
LEADS = (Raci.RESPONSIBLE, Raci.ACCOUNTABLE)

DRAWN_REASON = "Responsibilities drawn from the hub tasks allocated to the role"


@dataclass
class ResponsibilityGroup:
    heading: str
    items: list[str] = field(default_factory=list)


def responsibility_groups(text: str) -> list[ResponsibilityGroup]:
    """The responsibilities as (heading, lines) groups; lines before any heading have no heading."""
    groups: list[ResponsibilityGroup] = []
    for raw in (text or "").splitlines():
        line = raw.strip().lstrip("-•*").strip()
        if not line:
            continue
        if line.endswith(":"):
            groups.append(ResponsibilityGroup(line[:-1].strip()))
            continue
        if not groups:
            groups.append(ResponsibilityGroup(""))
        groups[-1].items.append(line)
    return [group for group in groups if group.items]


def allocations_for(job_role: JobRole, user: Any = None) -> QuerySet[TaskAllocation]:
    """The live hub tasks allocated to the role, with their function; restricted to `user` if given."""
    rows = TaskAllocation.objects.all()
    if user is not None:
        rows = rows.restrict(user, "view")
    return rows.filter(deliverer__job_role=job_role, task__retired=False).select_related("task__function")


def responsibilities_from_tasks(allocations: Iterable[TaskAllocation]) -> str:
    """One line per task, grouped under its function; the tasks the role does or answers for first.

    Functions where the role is responsible or accountable for something come before those where
    it is only consulted or informed, each in the hub's order of functions.
    """
    by_function: dict[int, tuple[HubFunction, list[TaskAllocation]]] = {}
    for allocation in allocations:
        function = allocation.task.function
        by_function.setdefault(function.pk, (function, []))[1].append(allocation)

    def function_key(entry: tuple[HubFunction, list[TaskAllocation]]) -> tuple[int, int, str]:
        function, rows = entry
        leads = any(row.raci in LEADS for row in rows)
        return (0 if leads else 1, function.order, function.name)

    lines: list[str] = []
    for function, rows in sorted(by_function.values(), key=function_key):
        lines.append(f"{function.name}:")
        rows.sort(key=lambda row: (RACI_ORDER.get(row.raci, 9), row.task.order, row.task.pk))
        for row in rows:
            phrase = RACI_PHRASES.get(row.raci, "{task}")
            lines.append(phrase.format(task=_sentence(row.task.name)))
    return "\n".join(lines)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


@transaction.atomic
def draft_responsibilities(job_role: JobRole, user: Any) -> JobRole:
    """Fill the role's responsibilities from the tasks allocated to it; the old text stays in history."""
    # What the user may see of the task allocation is what they draw from (all of it, for the hub manager).
    text = responsibilities_from_tasks(allocations_for(job_role, user))
    if not text:
        raise ValidationError(
            "No hub tasks are allocated to this role yet, so there is nothing to draw its responsibilities "
            "from. Allocate tasks to the role in the hub's task allocation first."
        )
    job_role.responsibilities = text
    job_role.stamp(user)
    job_role._change_reason = DRAWN_REASON  # type: ignore[attr-defined]
    job_role.save()
    return job_role


@transaction.atomic
def agree_job_role(job_role: JobRole, user: Any) -> JobRole:
    """Mark the role as agreed; refused (nothing saved) until it has an essential criterion."""
    current = job_role.status
    job_role.status = RoleStatus.AGREED
    try:
        job_role.full_clean()
    except ValidationError:
        job_role.status = current
        raise
    job_role.stamp(user)
    job_role.save()
    return job_role


def unused_title(title: str) -> str:
    """`title`, or `title (2)`, `title (3)`… when a role already has it."""
    taken = set(JobRole.objects.filter(title__startswith=title).values_list("title", flat=True))
    candidate, number = title, 2
    while candidate in taken:
        candidate = f"{title} ({number})"
        number += 1
    return candidate


@transaction.atomic
def create_from_template(template_code: str, user: Any) -> JobRole:
    """A draft job role, with its person specification, from one of the templates of hub roles."""
    try:
        template = role_templates.BY_CODE[template_code]
    except KeyError:
        raise ValidationError(f"There is no job-role template called “{template_code}”.") from None
    reports_to = JobRole.objects.filter(title=template.reports_to).first() if template.reports_to else None
    job_role = JobRole(
        title=unused_title(template.title),
        purpose=template.purpose,
        reports_to=reports_to,
        reports_to_other="" if reports_to else template.reports_to_other or template.reports_to,
        hours_per_week=template.hours_per_week,
        fte=template.fte,
        salary_from=template.salary_from,
        salary_to=template.salary_to,
        contract_type=template.contract_type,
        location=template.location,
        responsibilities=template.responsibilities_text,
        status=RoleStatus.DRAFT,
    )
    job_role.full_clean()
    job_role.stamp(user)
    job_role.save()
    for order, spec in enumerate(template.criteria, start=1):
        criterion = PersonSpecCriterion(
            job_role=job_role,
            category=spec.category,
            text=spec.text,
            requirement=spec.requirement,
            at_application=spec.at_application,
            at_test=spec.at_test,
            at_interview=spec.at_interview,
            order=order * 10,
        )
        criterion.full_clean()
        criterion.stamp(user)
        criterion.save()
    return job_role


# -- how a role reads, for the detail page and the documents -----------------------------------


def money(value: Decimal) -> str:
    return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"


def number(value: Decimal) -> str:
    """37.5 as "37.5", 30.0 as "30", 0.80 as "0.8"."""
    return f"{value.normalize():f}"


def hours_text(job_role: JobRole) -> str:
    hours = f"{number(job_role.hours_per_week)} hours a week"
    if job_role.fte is None:
        return hours
    if job_role.fte >= 1:
        return f"{hours} (full time)"
    return f"{hours} ({number(job_role.fte)} FTE)"


def _range(low: Decimal, high: Decimal) -> str:
    return money(low) if low == high else f"{money(low)} to {money(high)}"


def pay_text(job_role: JobRole) -> str:
    """The pay as an advert gives it: the full-time range and, for part-time roles, what it comes to."""
    parts: list[str] = []
    if job_role.salary_from or job_role.salary_to:
        low = job_role.salary_from or job_role.salary_to
        high = job_role.salary_to or job_role.salary_from
        assert low is not None
        assert high is not None
        fte = job_role.fte
        if fte is not None and Decimal(0) < fte < 1:
            actual = _range((low * fte).quantize(Decimal(1)), (high * fte).quantize(Decimal(1)))
            parts.append(f"{_range(low, high)} a year full-time equivalent ({actual} a year for {number(fte)} FTE)")
        else:
            parts.append(f"{_range(low, high)} a year")
    if job_role.day_rate:
        parts.append(f"{money(job_role.day_rate)} a day")
    return "; ".join(parts) or "To be agreed"


def reports_to_text(job_role: JobRole) -> str:
    if job_role.reports_to is not None:
        return job_role.reports_to.title
    return job_role.reports_to_other or "—"


def job_facts(job_role: JobRole) -> list[tuple[str, str]]:
    """The details block at the top of a job description."""
    return [
        ("Job title", job_role.title),
        ("Reports to", reports_to_text(job_role)),
        ("Hours", hours_text(job_role)),
        ("Contract", job_role.get_contract_type_display()),
        ("Salary" if not job_role.day_rate or job_role.salary_from else "Day rate", pay_text(job_role)),
        ("Location", job_role.location or "—"),
    ]


def assessed_by(criterion: PersonSpecCriterion) -> str:
    ways = [
        name
        for name, used in (
            ("Application", criterion.at_application),
            ("Test", criterion.at_test),
            ("Interview", criterion.at_interview),
        )
        if used
    ]
    return ", ".join(ways)


@dataclass
class CriteriaGroup:
    category: str
    label: str
    criteria: list[PersonSpecCriterion]


def criteria_groups(criteria: Iterable[PersonSpecCriterion]) -> list[CriteriaGroup]:
    """Criteria by category in the usual order of a person specification, essentials first."""
    by_category: dict[str, list[PersonSpecCriterion]] = {}
    for criterion in criteria:
        criterion.assessed = assessed_by(criterion)  # type: ignore[attr-defined]
        by_category.setdefault(criterion.category, []).append(criterion)
    groups = []
    for category, label in CriterionCategory.choices:
        rows = by_category.get(category)
        if rows:
            rows.sort(key=lambda row: (row.requirement != Requirement.ESSENTIAL, row.order, row.pk))
            groups.append(CriteriaGroup(category, str(label), rows))
    return groups


GENERAL_DUTIES = (
    "Work within the consortium's policies and procedures, including safeguarding, equality, diversity and "
    "inclusion, data protection, and health and safety.",
    "Take part in supervision, appraisal and training, and keep your own skills up to date.",
    "Carry out other duties that are reasonably asked of you and that match the level of the post.",
)

JOB_DESCRIPTION_NOTE = (
    "This job description sets out the main duties of the post. It is not a complete list, and it will be "
    "reviewed from time to time with the postholder as the consortium's work develops."
)

PERSON_SPECIFICATION_NOTE = (
    "The person specification describes the qualifications, experience, skills, knowledge and values needed "
    "to do the job well. We shortlist only against the criteria assessed at application, so please use your "
    "supporting statement to show, with examples, how you meet each of them, especially those marked "
    "essential. Experience may come from paid work, volunteering or other parts of your life."
)
