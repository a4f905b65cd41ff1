"""Recruitment: scoring applicants against the person specification, shortlisting, the offer,
the appointment, the equal-opportunities summary and the deletion of applicants' data.

Scores run from 0 (not met) to 3 (exceeded); 2 means met. An essential criterion whose average
score across the panel is below 2 is flagged as not met. Only the panel (`vacancy.panel`) or
whoever may change vacancies (the hub manager) may score, and a panel member records their own
scores; the hub manager may enter scores for a panel member (from a paper sheet, say).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from consortia.directory.models import Organisation
from consortia.people.choices import (
    AgeBand,
    ApplicationStage,
    AssessmentStage,
    Disability,
    EthnicGroup,
    Requirement,
    Sex,
    VacancyStatus,
)
from consortia.people.models import (
    Application,
    Assessment,
    EqualOpportunitiesReturn,
    PersonSpecCriterion,
    StaffMember,
    Vacancy,
)

SCORES = (0, 1, 2, 3)
MET = 2
CLOSED = (VacancyStatus.FILLED, VacancyStatus.WITHDRAWN)
STILL_IN = (
    ApplicationStage.RECEIVED,
    ApplicationStage.SHORTLISTED,
    ApplicationStage.INTERVIEWED,
    ApplicationStage.OFFERED,
)
SHORTLISTING_STAGES = (ApplicationStage.RECEIVED, ApplicationStage.SHORTLISTED, ApplicationStage.NOT_SHORTLISTED)
INTERVIEW_STAGES = (
    ApplicationStage.SHORTLISTED,
    ApplicationStage.INTERVIEWED,
    ApplicationStage.OFFERED,
    ApplicationStage.APPOINTED,
)


# -- who may score --------------------------------------------------------------------------------


def manages_recruitment(user: Any) -> bool:
    return bool(user is not None and user.has_perm("people.change_vacancy"))


def may_score(vacancy: Vacancy, user: Any) -> bool:
    """The vacancy's panel, or whoever may change vacancies, with the right to record assessments."""
    if user is None or not user.has_perm("people.add_assessment") or not user.has_perm("people.change_assessment"):
        return False
    return manages_recruitment(user) or vacancy.panel.filter(pk=user.pk).exists()


def check_scorer(vacancy: Vacancy, panel_member: Any, user: Any) -> None:
    """Refuse (PermissionDenied) unless `user` may record `panel_member`'s scores for the vacancy."""
    if not may_score(vacancy, user):
        raise PermissionDenied(f"Only the panel for {vacancy.reference} or the hub manager may score its applicants.")
    if panel_member != user and not manages_recruitment(user):
        raise PermissionDenied("You can record only your own scores.")
    if panel_member != user and not (
        vacancy.panel.filter(pk=panel_member.pk).exists() or manages_recruitment(panel_member)
    ):
        raise PermissionDenied(f"{panel_member} is not on the panel for {vacancy.reference}.")


# -- what is scored at each stage -----------------------------------------------------------------


def criteria_for(vacancy: Vacancy, stage: str) -> QuerySet[PersonSpecCriterion]:
    rows = PersonSpecCriterion.objects.filter(job_role_id=vacancy.job_role_id)
    if stage == AssessmentStage.SHORTLISTING:
        return rows.filter(at_application=True)
    return rows.filter(Q(at_interview=True) | Q(at_test=True))


def applications_for(vacancy: Vacancy, stage: str, applications: QuerySet[Application]) -> QuerySet[Application]:
    """The applications scored at `stage`: everyone at shortlisting; the shortlist at interview."""
    rows = applications.filter(vacancy=vacancy)
    if stage == AssessmentStage.SHORTLISTING:
        return rows.exclude(stage=ApplicationStage.WITHDRAWN)
    scored = Assessment.objects.filter(application__vacancy=vacancy, stage=AssessmentStage.INTERVIEW)
    return rows.filter(Q(stage__in=INTERVIEW_STAGES) | Q(pk__in=scored.values("application_id")))


# -- recording scores -----------------------------------------------------------------------------


def _score(value: Any) -> int | None:
    """A cell as typed: blank is no score; anything but a whole number from 0 to 3 is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not text.isdigit():
            raise ValueError(value)
        number = int(text)
    if number not in SCORES:
        raise ValueError(value)
    return number


@transaction.atomic
def record_assessments(
    target: Application | Vacancy,
    panel_member: Any,
    stage: str,
    scores: Mapping[Any, Any],
    *,
    user: Any = None,
) -> int:
    """Record one panel member's scores at `stage`; returns how many scores changed.

    `target` is an application (scores keyed by criterion or its id) or a vacancy (keyed by
    (application, criterion) pairs or their ids). A blank score removes one recorded before.
    Every score is checked before any is saved: a score outside 0 to 3, a criterion not assessed
    at this stage or an applicant of another vacancy refuses the lot (ValidationError).
    """
    user = panel_member if user is None else user
    if stage not in AssessmentStage.values:
        raise ValidationError(f"“{stage}” is not a stage of assessment.")
    if isinstance(target, Application):
        vacancy = target.vacancy
        cells = {(target.pk, _pk(criterion)): value for criterion, value in scores.items()}
    else:
        vacancy = target
        cells = {(_pk(application), _pk(criterion)): value for (application, criterion), value in scores.items()}
    check_scorer(vacancy, panel_member, user)
    if vacancy.status in CLOSED:
        raise ValidationError(f"Scoring is closed: {vacancy.reference} is {vacancy.get_status_display().lower()}.")

    criteria = {criterion.pk: criterion for criterion in criteria_for(vacancy, stage)}
    applications = {
        application.pk: application
        for application in applications_for(vacancy, stage, Application.objects.all()).filter(
            pk__in={application_id for application_id, _ in cells}
        )
    }
    problems: list[str] = []
    wanted: dict[tuple[int, int], int | None] = {}
    for (application_id, criterion_id), value in cells.items():
        application = applications.get(application_id)
        criterion = criteria.get(criterion_id)
        if application is None:
            problems.append(f"Application {application_id} is not one scored at {stage} for {vacancy.reference}.")
            continue
        if application.personal_data_deleted_on:
            problems.append(f"{application}: the applicant's data has been deleted; their scores are closed.")
            continue
        if criterion is None:
            problems.append(f"Criterion {criterion_id} is not assessed at {stage} for {vacancy.job_role}.")
            continue
        try:
            wanted[(application_id, criterion_id)] = _score(value)
        except ValueError:
            problems.append(
                f"Scores run from 0 to 3: “{value}” for {application} on “{criterion}” is not one of 0, 1, 2 or 3."
            )
    if problems:
        raise ValidationError(problems)

    existing = {
        (row.application_id, row.criterion_id): row
        for row in Assessment.objects.filter(
            application_id__in=applications, panel_member=panel_member, stage=stage, criterion_id__in=criteria
        )
    }
    changed = 0
    for key, score in wanted.items():
        row = existing.get(key)
        if score is None:
            if row is not None:
                row.delete()
                changed += 1
            continue
        if row is not None and row.score == score:
            continue
        if row is None:
            row = Assessment(
                application_id=key[0], criterion_id=key[1], panel_member=panel_member, stage=stage, score=score
            )
        row.score = score
        row.stamp(user)
        row.save()
        changed += 1
    if stage == AssessmentStage.INTERVIEW:
        for application in applications.values():
            if application.stage == ApplicationStage.SHORTLISTED and any(key[0] == application.pk for key in wanted):
                _move(application, ApplicationStage.INTERVIEWED, user)
    return changed


def _pk(value: Any) -> int:
    return int(getattr(value, "pk", value))


def _move(application: Application, stage: str, user: Any, **fields: Any) -> None:
    application.stage = stage
    for name, value in fields.items():
        setattr(application, name, value)
    application.stamp(user)
    application.save()


# -- the score sheet ------------------------------------------------------------------------------


@dataclass
class SheetRow:
    application: Application
    totals: list[int | None]  # per scorer, in the sheet's order of scorers
    average: Decimal | None  # the average of the scorers' totals
    unmet: list[PersonSpecCriterion]  # essential criteria whose average score is below 2
    mine: dict[int, int] = field(default_factory=dict)  # criterion id -> the chosen scorer's score
    by_scorer: list[tuple[Any, int | None]] = field(default_factory=list)  # (scorer, total)


@dataclass
class ScoreSheet:
    vacancy: Vacancy
    stage: str
    criteria: list[PersonSpecCriterion]
    scorers: list[Any]
    rows: list[SheetRow]


def score_sheet(
    vacancy: Vacancy,
    stage: str,
    applications: Iterable[Application],
    assessments: Iterable[Assessment],
    criteria: Iterable[PersonSpecCriterion],
    panel: Iterable[Any],
    scorer: Any = None,
) -> ScoreSheet:
    """Totals per applicant per scorer, their average, and essential criteria not met; built from
    rows the caller has read (so a page costs the same queries whatever their number)."""
    criteria = list(criteria)
    criterion_ids = {criterion.pk for criterion in criteria}
    scores = [row for row in assessments if row.stage == stage and row.criterion_id in criterion_ids]
    scorers = {user.pk: user for user in panel}
    for row in scores:
        scorers.setdefault(row.panel_member_id, row.panel_member)
    ordered = sorted(scorers.values(), key=lambda user: (str(user).lower(), user.pk))
    by_application: dict[int, list[Assessment]] = {}
    for row in scores:
        by_application.setdefault(row.application_id, []).append(row)
    essentials = [criterion for criterion in criteria if criterion.requirement == Requirement.ESSENTIAL]
    rows = []
    for application in applications:
        mine = by_application.get(application.pk, [])
        totals: list[int | None] = []
        for user in ordered:
            own = [row.score for row in mine if row.panel_member_id == user.pk]
            totals.append(sum(own) if own else None)
        given = [total for total in totals if total is not None]
        average = (Decimal(sum(given)) / len(given)).quantize(Decimal("0.1")) if given else None
        unmet = []
        for criterion in essentials:
            marks = [row.score for row in mine if row.criterion_id == criterion.pk]
            if marks and Decimal(sum(marks)) / len(marks) < MET:
                unmet.append(criterion)
        chosen = {
            row.criterion_id: row.score for row in mine if scorer is not None and row.panel_member_id == scorer.pk
        }
        rows.append(SheetRow(application, totals, average, unmet, chosen, list(zip(ordered, totals, strict=True))))
    return ScoreSheet(vacancy, stage, criteria, ordered, rows)


# -- shortlisting, the offer and the appointment --------------------------------------------------


@transaction.atomic
def record_shortlisting(vacancy: Vacancy, decisions: Mapping[Any, str], user: Any) -> int:
    """Mark applications shortlisted or not shortlisted ("" puts one back to received)."""
    if not manages_recruitment(user):
        raise PermissionDenied("Only the hub manager decides the shortlist.")
    allowed = {ApplicationStage.SHORTLISTED, ApplicationStage.NOT_SHORTLISTED, ""}
    applications = {application.pk: application for application in vacancy.applications.all()}
    problems = []
    for key, decision in decisions.items():
        application = applications.get(_pk(key))
        if application is None:
            problems.append(f"Application {key} is not for {vacancy.reference}.")
        elif decision not in allowed:
            problems.append(f"{application}: “{decision}” is not a shortlisting decision.")
        elif application.stage not in SHORTLISTING_STAGES and decision != application.stage:
            problems.append(f"{application} is past shortlisting ({application.get_stage_display().lower()}).")
    if problems:
        raise ValidationError(problems)
    changed = 0
    for key, decision in decisions.items():
        application = applications[_pk(key)]
        stage = decision or ApplicationStage.RECEIVED
        if application.stage != stage and application.stage in SHORTLISTING_STAGES:
            _move(application, stage, user)
            changed += 1
    return changed


def _open(application: Application) -> None:
    if application.vacancy.status in CLOSED:
        vacancy = application.vacancy
        raise ValidationError(f"{vacancy.reference} is {vacancy.get_status_display().lower()}.")


@transaction.atomic
def make_offer(application: Application, offered_on: date, user: Any) -> Application:
    """Offer the job to a shortlisted or interviewed applicant."""
    _open(application)
    if application.stage not in (ApplicationStage.SHORTLISTED, ApplicationStage.INTERVIEWED):
        raise ValidationError(
            f"An offer can be made only to a shortlisted or interviewed applicant; {application} is "
            f"{application.get_stage_display().lower()}."
        )
    if offered_on < application.received_on:
        raise ValidationError({"offered_on": "The offer cannot be made before the application was received."})
    _move(application, ApplicationStage.OFFERED, user, offered_on=offered_on, offer_accepted_on=None)
    return application


@transaction.atomic
def record_acceptance(application: Application, accepted_on: date, user: Any) -> Application:
    """The applicant accepted the offer."""
    if application.stage != ApplicationStage.OFFERED or application.offered_on is None:
        raise ValidationError(f"{application} has not been offered the job.")
    if accepted_on < application.offered_on:
        raise ValidationError({"offer_accepted_on": "The offer cannot be accepted before it was made."})
    application.offer_accepted_on = accepted_on
    application.stamp(user)
    application.save()
    return application


@transaction.atomic
def record_declined(application: Application, declined_on: date, user: Any) -> Application:
    """The applicant turned the offer down: they withdraw, and the vacancy stays open to offer again."""
    if application.stage != ApplicationStage.OFFERED:
        raise ValidationError(f"{application} has not been offered the job.")
    note = f"Offer declined on {declined_on:%d/%m/%Y}."
    notes = f"{application.decision_notes}\n{note}".strip()
    _move(application, ApplicationStage.WITHDRAWN, user, decision_notes=notes, offer_accepted_on=None)
    return application


@transaction.atomic
def appoint(
    application: Application,
    employer: Organisation,
    start_date: date,
    cost_rate: Decimal,
    fte: Decimal,
    user: Any,
    *,
    login: Any = None,
) -> StaffMember:
    """Appoint an applicant who has accepted the offer.

    Creates their staff record (job role from the vacancy), marks them appointed, everyone still
    in the running unsuccessful, and the vacancy filled. `login` links the staff record to a user.
    """
    vacancy = application.vacancy
    _open(application)
    if application.stage != ApplicationStage.OFFERED or application.offer_accepted_on is None:
        raise ValidationError(f"{application} can be appointed only once they have accepted the offer.")
    if start_date < application.offer_accepted_on:
        raise ValidationError({"start_date": "The start date is before the offer was accepted."})
    staff = StaffMember(
        first_name=application.first_name,
        last_name=application.last_name,
        user=login,
        job_role=vacancy.job_role,
        employer=employer,
        fte=fte,
        cost_rate=cost_rate,
        start_date=start_date,
        appointed_from=application,
    )
    staff.full_clean()
    staff.stamp(user)
    staff.save()
    _move(application, ApplicationStage.APPOINTED, user)
    for other in vacancy.applications.exclude(pk=application.pk).filter(stage__in=STILL_IN):
        _move(other, ApplicationStage.UNSUCCESSFUL, user)
    vacancy.status = VacancyStatus.FILLED
    vacancy.stamp(user)
    vacancy.save()
    return staff


# -- equal opportunities, in aggregate only -------------------------------------------------------

SMALL = 5  # counts below this are not shown, so that no one can be picked out
FEWER = "fewer than 5"
WITHHELD = "not shown"
DIMENSIONS = (
    ("age_band", "Age", AgeBand),
    ("sex", "Sex", Sex),
    ("ethnic_group", "Ethnic group", EthnicGroup),
    ("disability", "Disability", Disability),
)


@dataclass
class Tally:
    label: str
    shown: str  # the count, "fewer than 5", or "not shown"


@dataclass
class Dimension:
    name: str
    label: str
    tallies: list[Tally]


@dataclass
class EqualOpportunitiesSummary:
    total: str
    dimensions: list[Dimension]
    secondary: bool  # a count was hidden so that a small one cannot be worked out from the total


def equal_opportunities_summary(vacancy: Vacancy) -> EqualOpportunitiesSummary:
    """Counts per category; a count below 5 reads "fewer than 5".

    When exactly one count in a dimension is small, it could be worked out from the total and the
    others, so the next smallest is hidden too ("not shown"). Returns are never listed.
    """
    rows = list(
        EqualOpportunitiesReturn.objects.filter(vacancy=vacancy).values_list(*[name for name, _, _ in DIMENSIONS])
    )
    total = len(rows)
    secondary = False
    dimensions = []
    for index, (name, label, choices) in enumerate(DIMENSIONS):
        counts = Counter(row[index] for row in rows)
        shown = {code: (str(counts[code]) if counts[code] >= SMALL else FEWER) for code in choices.values}
        small = [code for code in choices.values if counts[code] < SMALL]
        if total >= SMALL and len(small) == 1:
            visible = sorted((counts[code], code) for code in choices.values if counts[code] >= SMALL)
            if visible:
                shown[visible[0][1]] = WITHHELD
                secondary = True
        dimensions.append(Dimension(name, label, [Tally(str(text), shown[code]) for code, text in choices.choices]))
    return EqualOpportunitiesSummary(str(total) if total >= SMALL else FEWER, dimensions, secondary)


@transaction.atomic
def record_equal_opportunities(vacancy: Vacancy, answers: Mapping[str, str]) -> None:
    """Keep one applicant's equal-opportunities form, linked to the vacancy only (never to a person)."""
    record = EqualOpportunitiesReturn(
        vacancy=vacancy, **{name: answers.get(name, "unsaid") for name, _, _ in DIMENSIONS}
    )
    record.full_clean()
    record.save()


# -- retention of unsuccessful applicants' data ---------------------------------------------------

DELETED_REASON = "Personal data deleted at the end of the retention period"


def months_after(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def expired_applications(today: date) -> list[Application]:
    """Applications not appointed, for vacancies filled or withdrawn whose closing date is more
    than the vacancy's retention period ago, whose personal data is still held."""
    vacancies = [
        vacancy.pk
        for vacancy in Vacancy.objects.filter(status__in=CLOSED)
        if months_after(vacancy.closing_date, vacancy.retention_months) < today
    ]
    return list(
        Application.objects.filter(vacancy__in=vacancies, personal_data_deleted_on__isnull=True)
        .exclude(stage=ApplicationStage.APPOINTED)
        .select_related("vacancy__job_role")
        .order_by("vacancy__reference", "pk")
    )


@transaction.atomic
def delete_applicant_data(application: Application, today: date) -> int:
    """Delete an unsuccessful applicant's personal data; returns how many files were deleted.

    Names become "Deleted applicant #<id>"; e-mail, phone, decision notes and the uploaded files
    go, and so do the panel's comments on them. The scores stay: without a name they identify no
    one, and they let the hub show later that every applicant was scored against the same
    criteria (for a review of its recruitment, or a question about a past decision). The
    application's history is purged, since every earlier version holds the personal data; the
    history of its scores keeps the scores but loses the comments. The files are deleted last,
    inside the transaction: if one cannot be deleted nothing is marked, and the next run retries.
    """
    files = [stored for stored in (application.cv, application.supporting_statement) if stored]
    Assessment.objects.filter(application=application).update(comment="")
    Assessment.history.filter(application_id=application.pk).update(comment="")  # type: ignore[attr-defined]
    application.history.all().delete()  # type: ignore[attr-defined]
    application.first_name = "Deleted applicant"
    application.last_name = f"#{application.pk}"
    application.email = ""
    application.phone = ""
    application.decision_notes = ""
    application.cv = ""  # type: ignore[assignment]
    application.supporting_statement = ""  # type: ignore[assignment]
    application.personal_data_deleted_on = today
    application._change_reason = DELETED_REASON  # type: ignore[attr-defined]
    application.save()
    for stored in files:
        stored.storage.delete(stored.name)
    return len(files)
