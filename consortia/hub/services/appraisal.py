"""The options appraisal: opening it, scoring it, reading its results and recording the decision.

Weights are normalised: each criterion counts for its weight's share of the total, so a scorer's
weighted total for an option is on the same 0..scale_max scale as a single score. An option's
result is the average of the weighted totals of the scorers who scored it on every criterion.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from consortia.directory.models import Organisation
from consortia.hub.choices import AppraisalStatus
from consortia.hub.models import Appraisal, AppraisalCriterion, AppraisalScore, DeliveryModel, HubDecision
from consortia.hub.reference import DEFAULT_CRITERIA

# Options whose results are this close (a share of the highest possible score) are too close to call.
TOO_CLOSE = Decimal("0.05")
HUNDRED = Decimal(100)


@transaction.atomic
def open_appraisal(appraisal: Appraisal, user: Any) -> Appraisal:
    """Save a new appraisal with every delivery model as an option and the default criteria.

    Called for an appraisal just created (by the add page or the API): options and criteria
    already there are kept, so calling it again changes nothing.
    """
    if appraisal.pk is None:
        appraisal.stamp(user)
        appraisal.full_clean(exclude=["options", "scorers"])
        appraisal.save()
    if not appraisal.options.exists():
        appraisal.options.set(DeliveryModel.objects.all())
    if not appraisal.criteria.exists():
        for order, default in enumerate(DEFAULT_CRITERIA, start=1):
            criterion = AppraisalCriterion(
                appraisal=appraisal,
                name=default.name,
                description=default.description,
                weight=default.weight,
                order=order * 10,
            )
            criterion.stamp(user)
            criterion.save()
    return appraisal


def may_score(appraisal: Appraisal, user: Any, scorer_ids: set[int] | None = None) -> bool:
    """Scorers named on the appraisal score it; so may whoever manages appraisals."""
    if not user.has_perm("hub.add_appraisalscore"):
        return False
    if user.has_perm("hub.change_appraisal"):
        return True
    ids = scorer_ids if scorer_ids is not None else set(appraisal.scorers.values_list("pk", flat=True))
    return user.pk in ids


@transaction.atomic
def record_scores(appraisal: Appraisal, scorer: Any, scores: dict[tuple[int, int], Any]) -> int:
    """Save one scorer's grid: {(criterion id, option id): score or None}. All or nothing.

    A blank (None or "") clears that cell. Raises ValidationError listing every bad cell, and
    PermissionDenied when the user may not score this appraisal. Returns the scores saved.
    """
    appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
    if appraisal.status == AppraisalStatus.CLOSED:
        raise ValidationError(f"Scoring has closed for “{appraisal}”; no scores were saved.")
    if not may_score(appraisal, scorer):
        raise PermissionDenied("Only the appraisal's scorers may score it.")
    criteria = {criterion.pk: criterion for criterion in appraisal.criteria.all()}
    options = {option.pk: option for option in appraisal.options.all()}
    problems: list[str] = []
    clean: dict[tuple[int, int], int | None] = {}
    for (criterion_id, option_id), raw in scores.items():
        criterion, option = criteria.get(criterion_id), options.get(option_id)
        if criterion is None or option is None:
            problems.append("A score was given for a criterion or option that is not in this appraisal.")
            continue
        text = "" if raw is None else str(raw).strip()
        if text == "":
            clean[(criterion_id, option_id)] = None
            continue
        where = f"{option}, {criterion}"
        try:
            value = int(text)
        except ValueError:
            problems.append(f"{where}: “{text}” is not a whole number; give a score from 0 to {appraisal.scale_max}.")
            continue
        if not 0 <= value <= appraisal.scale_max:
            problems.append(f"{where}: scores run from 0 to {appraisal.scale_max}; {value} is outside the scale.")
            continue
        clean[(criterion_id, option_id)] = value
    if problems:
        raise ValidationError(problems)
    existing = {
        (score.criterion_id, score.option_id): score
        for score in AppraisalScore.objects.filter(criterion__appraisal=appraisal, scorer=scorer)
    }
    saved = 0
    for key, given in clean.items():
        score = existing.get(key)
        if given is None:
            if score is not None:
                score.delete()
            continue
        if score is not None and score.score == given:
            continue
        if score is None:
            score = AppraisalScore(criterion=criteria[key[0]], option=options[key[1]], scorer=scorer)
        score.score = given
        score.stamp(scorer)
        score.save()
        saved += 1
    return saved


@transaction.atomic
def record_decision(
    appraisal: Appraisal | None,
    user: Any,
    *,
    chosen_model: DeliveryModel,
    decided_on: date,
    decided_by: str,
    rationale: str,
    minute_reference: str = "",
    provider: Organisation | None = None,
) -> HubDecision:
    """Record the decision on how the hub is delivered; it closes the appraisal's scoring."""
    decision = HubDecision(
        appraisal=appraisal,
        chosen_model=chosen_model,
        provider=provider,
        decided_on=decided_on,
        decided_by=decided_by,
        minute_reference=minute_reference,
        rationale=rationale,
    )
    decision.full_clean()
    decision.stamp(user)
    decision.save()
    if appraisal is not None and appraisal.status != AppraisalStatus.CLOSED:
        appraisal.status = AppraisalStatus.CLOSED
        appraisal.stamp(user)
        appraisal.save()
    return decision


# -- results ------------------------------------------------------------------------------------


@dataclass
class CriterionWeight:
    criterion: AppraisalCriterion
    share: Decimal  # 0..1

    @property
    def percent(self) -> Decimal:
        return (self.share * HUNDRED).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class OptionResult:
    option: DeliveryModel
    scale_max: int
    totals: list[Decimal] = field(default_factory=list)  # one weighted total per scorer

    @property
    def scorers(self) -> int:
        return len(self.totals)

    @property
    def average(self) -> Decimal | None:
        if not self.totals:
            return None
        return (sum(self.totals, Decimal(0)) / len(self.totals)).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def percent(self) -> Decimal | None:
        average = self.average
        if average is None:
            return None
        return (average * HUNDRED / self.scale_max).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def lowest(self) -> Decimal | None:
        return min(self.totals).quantize(Decimal("0.01"), ROUND_HALF_UP) if self.totals else None

    @property
    def highest(self) -> Decimal | None:
        return max(self.totals).quantize(Decimal("0.01"), ROUND_HALF_UP) if self.totals else None

    @property
    def spread(self) -> str:
        if not self.totals:
            return "No scores yet"
        return f"{self.lowest} to {self.highest}"


@dataclass
class Results:
    appraisal: Appraisal
    weights: list[CriterionWeight]
    total_weight: Decimal
    options: list[OptionResult]
    unfinished: int  # scorers who have scored some cells but not all
    recommended: DeliveryModel | None
    too_close: bool
    runner_up: DeliveryModel | None

    @property
    def weights_note(self) -> str:
        if not self.weights:
            return ""
        if self.total_weight == 0:
            return "Every weight is 0, so each criterion counts equally."
        if self.total_weight != HUNDRED:
            total = self.total_weight.normalize()
            return f"Weights add up to {total:f}; each is shown as its share of 100%."
        return ""

    @property
    def scored(self) -> bool:
        return any(result.totals for result in self.options)

    @property
    def recommendation(self) -> str:
        if self.recommended is None:
            return "No recommendation yet: no one has scored every option against every criterion."
        if self.too_close:
            return (
                f"Too close to call between {self.recommended} and {self.runner_up}: their scores are within "
                f"{TOO_CLOSE * HUNDRED:.0f}% of the highest possible score of each other. Discuss both before deciding."
            )
        return f"{self.recommended} has the highest weighted score."


def criterion_weights(criteria: list[AppraisalCriterion]) -> tuple[list[CriterionWeight], Decimal]:
    total = sum((criterion.weight for criterion in criteria), Decimal(0))
    if total == 0:
        share = Decimal(1) / len(criteria) if criteria else Decimal(0)
        return [CriterionWeight(criterion, share) for criterion in criteria], total
    return [CriterionWeight(criterion, criterion.weight / total) for criterion in criteria], total


def appraisal_results(appraisal: Appraisal) -> Results:
    """Weighted totals per option, their spread between scorers, and the recommendation (3 queries)."""
    criteria = list(appraisal.criteria.all())
    options = list(appraisal.options.all())
    weights, total_weight = criterion_weights(criteria)
    share = {weight.criterion.pk: weight.share for weight in weights}
    cells: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)  # (scorer, option) -> criterion -> score
    scorers_seen: set[int] = set()
    for criterion_id, option_id, scorer_id, value in AppraisalScore.objects.filter(
        criterion__appraisal=appraisal
    ).values_list("criterion_id", "option_id", "scorer_id", "score"):
        if criterion_id in share:
            cells[(scorer_id, option_id)][criterion_id] = value
            scorers_seen.add(scorer_id)
    results = [OptionResult(option, appraisal.scale_max) for option in options]
    for result in results:
        for scorer_id in sorted(scorers_seen):
            given = cells.get((scorer_id, result.option.pk), {})
            if criteria and len(given) == len(criteria):
                result.totals.append(sum((share[c] * Decimal(v) for c, v in given.items()), Decimal(0)))
    unfinished = len(
        {
            scorer_id
            for scorer_id in scorers_seen
            if any(len(cells.get((scorer_id, option.pk), {})) < len(criteria) for option in options)
        }
    )
    ranked = sorted((r for r in results if r.average is not None), key=lambda r: r.average or 0, reverse=True)
    recommended = ranked[0].option if ranked else None
    runner_up = ranked[1].option if len(ranked) > 1 else None
    too_close = False
    if len(ranked) > 1:
        gap = (ranked[0].average or Decimal(0)) - (ranked[1].average or Decimal(0))
        too_close = gap <= TOO_CLOSE * appraisal.scale_max
    return Results(appraisal, weights, total_weight, results, unfinished, recommended, too_close, runner_up)


def scorer_grid(appraisal: Appraisal, scorer: Any) -> dict[tuple[int, int], int]:
    """The scorer's own scores, {(criterion id, option id): score}, to fill the grid."""
    return {
        (criterion_id, option_id): value
        for criterion_id, option_id, value in AppraisalScore.objects.filter(
            criterion__appraisal=appraisal, scorer=scorer
        ).values_list("criterion_id", "option_id", "score")
    }


# -- the paper for the board ----------------------------------------------------------------------


def build_appraisal_paper(appraisal: Appraisal, fmt: Any = None) -> Any:
    """The appraisal as a Word paper for the board: options, criteria, results and the decision."""
    from consortia.documents.builders import WordDocument

    results = appraisal_results(appraisal)
    scorers = list(appraisal.scorers.order_by("full_name", "email"))
    decision = appraisal.decisions.select_related("chosen_model", "provider").order_by("-decided_on", "-pk").first()
    paper = WordDocument(appraisal.title, subtitle="Options appraisal: how the hub is delivered")

    paper.heading("Purpose")
    paper.paragraph(
        appraisal.purpose
        or "To compare the ways the consortium's hub could be delivered and recommend one to the board."
    )
    paper.key_values(
        [
            ("Status", appraisal.get_status_display()),
            ("Scoring closes", appraisal.closes_on),
            ("Scores run from", f"0 (poor) to {appraisal.scale_max} (excellent)"),
            ("Scored by", ", ".join(str(user) for user in scorers) or "No scorers named"),
        ]
    )

    paper.heading("The options")
    for result in results.options:
        option = result.option
        paper.heading(option.name, level=2)
        paper.paragraph(option.summary)
        if option.advantages.strip():
            paper.paragraph("Advantages", bold=True)
            paper.bullets(option.advantages.splitlines())
        if option.disadvantages.strip():
            paper.paragraph("Disadvantages", bold=True)
            paper.bullets(option.disadvantages.splitlines())
        if option.suits.strip():
            paper.paragraph(f"Suits: {option.suits}", italic=True)

    paper.heading("How the options were scored")
    paper.paragraph(
        "Each scorer scored every option against each criterion. A criterion counts for its share of the total "
        "weight, so an option's weighted score is on the same scale as a single score."
        + (f" {results.weights_note}" if results.weights_note else "")
    )
    paper.table(
        ["Criterion", "What a high score means", "Weight", "Share"],
        [
            (
                weight.criterion.name,
                weight.criterion.description,
                f"{weight.criterion.weight.normalize():f}",
                f"{weight.percent}%",
            )
            for weight in results.weights
        ],
    )

    paper.heading("Results")
    paper.table(
        [
            "Option",
            f"Weighted score (out of {appraisal.scale_max})",
            "% of the maximum",
            "Range between scorers",
            "Scorers",
        ],
        [
            (
                result.option.name,
                result.average if result.average is not None else "Not scored",
                f"{result.percent}%" if result.percent is not None else "",
                result.spread,
                result.scorers,
            )
            for result in results.options
        ],
    )
    paper.paragraph(
        "The range is the lowest and highest of the scorers' own weighted scores: a wide range shows the "
        "scorers disagree about that option."
    )
    if results.unfinished:
        paper.paragraph(
            f"{results.unfinished} scorer(s) have not scored every option against every criterion; their "
            "scores for an option are left out until that option is complete.",
            italic=True,
        )

    paper.heading("Recommendation")
    paper.paragraph(results.recommendation)

    paper.heading("Decision")
    if decision is None:
        paper.paragraph("The board has not yet recorded its decision.")
    else:
        pairs: list[tuple[str, Any]] = [("Chosen model", decision.chosen_model.name)]
        if decision.provider is not None:
            pairs.append(("Delivered by", decision.provider.name))
        pairs += [
            ("Decided on", decision.decided_on),
            ("Decided by", decision.decided_by),
            ("Minute reference", decision.minute_reference or "—"),
        ]
        paper.key_values(pairs)
        paper.paragraph("Rationale", bold=True)
        paper.paragraph(decision.rationale)
    return paper.build(f"appraisal-{appraisal.title}")
