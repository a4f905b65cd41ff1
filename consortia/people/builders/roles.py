"""The job description and the person specification, as Word and PDF, to send to applicants."""

from __future__ import annotations

from django.utils.text import slugify

from consortia.documents.builders import Built, WordDocument, consortium_name, pdf_from_template
from consortia.documents.choices import DocumentFormat
from consortia.people.choices import Requirement, RoleStatus
from consortia.people.models import JobRole
from consortia.people.services import roles as services


def _subtitle(job_role: JobRole) -> str:
    if job_role.status == RoleStatus.AGREED:
        return consortium_name()
    return f"{consortium_name()} · draft, not yet agreed"


def _criteria(job_role: JobRole) -> list[services.CriteriaGroup]:
    return services.criteria_groups(job_role.criteria.all())


def _person_facts(job_role: JobRole) -> list[tuple[str, str]]:
    return [
        ("Job title", job_role.title),
        ("Reports to", services.reports_to_text(job_role)),
        ("Hours", services.hours_text(job_role)),
    ]


def build_job_description(job_role: JobRole, fmt: DocumentFormat) -> Built:
    title = f"Job description: {job_role.title}"
    filename = f"job-description-{slugify(job_role.title)}"
    groups = services.responsibility_groups(job_role.responsibilities)
    essentials = [c for group in _criteria(job_role) for c in group.criteria if c.requirement == Requirement.ESSENTIAL]
    if fmt == DocumentFormat.PDF:
        context = {
            "job_role": job_role,
            "subtitle": _subtitle(job_role),
            "facts": services.job_facts(job_role),
            "groups": groups,
            "general_duties": services.GENERAL_DUTIES,
            "note": services.JOB_DESCRIPTION_NOTE,
            "essentials": essentials,
        }
        return pdf_from_template("people/roles/job_description_pdf.html", context, title=title, filename=filename)

    document = WordDocument(title, subtitle=_subtitle(job_role))
    document.key_values(services.job_facts(job_role))
    document.heading("Purpose of the job")
    document.paragraph(job_role.purpose)
    document.heading("Main responsibilities")
    if not groups:
        document.paragraph("The responsibilities of this role have not been written yet.", italic=True)
    for group in groups:
        if group.heading:
            document.heading(group.heading, level=2)
        document.bullets(group.items)
    document.heading("For everyone at the consortium")
    document.bullets(services.GENERAL_DUTIES)
    if essentials:
        document.heading("Who we are looking for")
        document.paragraph(
            "The person specification gives the full list of criteria. In short, the essential ones are:"
        )
        document.bullets(criterion.text for criterion in essentials)
    document.paragraph(services.JOB_DESCRIPTION_NOTE, italic=True)
    return document.build(filename)


def build_person_specification(job_role: JobRole, fmt: DocumentFormat) -> Built:
    title = f"Person specification: {job_role.title}"
    filename = f"person-specification-{slugify(job_role.title)}"
    groups = _criteria(job_role)
    if fmt == DocumentFormat.PDF:
        context = {
            "job_role": job_role,
            "subtitle": _subtitle(job_role),
            "groups": groups,
            "note": services.PERSON_SPECIFICATION_NOTE,
            "facts": _person_facts(job_role),
        }
        return pdf_from_template("people/roles/person_specification_pdf.html", context, title=title, filename=filename)

    document = WordDocument(title, subtitle=_subtitle(job_role))
    document.key_values(_person_facts(job_role))
    document.paragraph(services.PERSON_SPECIFICATION_NOTE)
    if not groups:
        document.paragraph("The criteria for this role have not been written yet.", italic=True)
    for group in groups:
        document.heading(group.label, level=2)
        document.table(
            ["Criterion", "Essential or desirable", "How it is assessed"],
            [
                (criterion.text, criterion.get_requirement_display(), criterion.assessed)  # type: ignore[attr-defined]
                for criterion in group.criteria
            ],
        )
    document.paragraph(
        "Application: your application form and supporting statement. Test: a short exercise on the day of the "
        "interview. Interview: your answers to the panel's questions.",
        italic=True,
    )
    return document.build(filename)
