"""The options appraisal: opening it, the scoring grid, the results, the decision and the board paper."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from docx import Document

from consortia.core.testing.api import api_client
from consortia.core.testing.views import queries_for
from consortia.documents.models import GeneratedDocument
from consortia.hub.choices import AppraisalStatus
from consortia.hub.models import Appraisal, AppraisalScore, DeliveryModel, HubDecision
from consortia.hub.reference import DEFAULT_CRITERIA
from consortia.hub.services.appraisal import appraisal_results, open_appraisal, record_decision, record_scores
from consortia.hub.tests.appraisal.factories import (
    AppraisalCriterionFactory,
    AppraisalFactory,
    AppraisalScoreFactory,
    delivery_model,
)
from consortia.users import roles
from consortia.users.testing import Personas, make_user


def small_appraisal(*scorers):  # type: ignore[no-untyped-def]
    """Two options, two criteria weighted 3 and 1 (75% and 25%), scored 0 to 5."""
    appraisal = AppraisalFactory(prepared=False, title="Hub options")
    central, virtual = delivery_model("central"), delivery_model("virtual")
    appraisal.options.set([central, virtual])
    cost = AppraisalCriterionFactory(appraisal=appraisal, name="Cost", weight=Decimal(3), order=1)
    control = AppraisalCriterionFactory(appraisal=appraisal, name="Control", weight=Decimal(1), order=2)
    appraisal.scorers.set(scorers)
    return appraisal, cost, control, central, virtual


def grid(cost, control, central, virtual, *, central_scores, virtual_scores):  # type: ignore[no-untyped-def]
    return {
        (cost.pk, central.pk): central_scores[0],
        (control.pk, central.pk): central_scores[1],
        (cost.pk, virtual.pk): virtual_scores[0],
        (control.pk, virtual.pk): virtual_scores[1],
    }


def post_grid(cost, control, central, virtual, *, central_scores, virtual_scores):  # type: ignore[no-untyped-def]
    cells = grid(cost, control, central, virtual, central_scores=central_scores, virtual_scores=virtual_scores)
    return {f"score-{criterion}-{option}": str(value) for (criterion, option), value in cells.items()}


# -- opening -------------------------------------------------------------------------------------


def test_opening_an_appraisal_attaches_every_model_and_the_default_criteria(personas: Personas) -> None:
    appraisal = open_appraisal(Appraisal(title="How should our hub be delivered?"), personas.manager)
    assert set(appraisal.options.values_list("code", flat=True)) == {"central", "virtual", "member", "external"}
    criteria = list(appraisal.criteria.order_by("order"))
    assert [(c.name, c.weight) for c in criteria] == [(d.name, d.weight) for d in DEFAULT_CRITERIA]
    assert appraisal.created_by == personas.manager

    # Opening again keeps what the hub has changed and adds nothing.
    criteria[0].weight = Decimal(5)
    criteria[0].save()
    open_appraisal(appraisal, personas.manager)
    assert appraisal.criteria.count() == len(DEFAULT_CRITERIA)
    assert appraisal.criteria.get(pk=criteria[0].pk).weight == Decimal(5)


def test_the_add_page_opens_the_appraisal(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    response = client.post(reverse("hub:appraisal_add"), {"title": "Options for the hub", "scale_max": "5"})
    assert response.status_code == 302
    appraisal = Appraisal.objects.get(title="Options for the hub")
    assert appraisal.options.count() == DeliveryModel.objects.count()
    assert appraisal.criteria.count() == len(DEFAULT_CRITERIA)


def test_the_api_opens_the_appraisal_too(personas: Personas) -> None:
    response = api_client(personas.manager).post("/api/appraisals/", {"title": "API appraisal"}, format="json")
    assert response.status_code == 201, response.json()
    appraisal = Appraisal.objects.get(pk=response.json()["id"])
    assert appraisal.options.count() == DeliveryModel.objects.count()
    assert appraisal.criteria.count() == len(DEFAULT_CRITERIA)


# -- scoring -------------------------------------------------------------------------------------


def test_a_scorer_saves_the_whole_grid_at_once(personas: Personas) -> None:
    appraisal, cost, control, central, virtual = small_appraisal(personas.board)
    cells = grid(cost, control, central, virtual, central_scores=(2, 4), virtual_scores=(5, 3))
    assert record_scores(appraisal, personas.board, cells) == 4
    assert AppraisalScore.objects.filter(scorer=personas.board).count() == 4
    score = AppraisalScore.objects.get(scorer=personas.board, criterion=cost, option=virtual)
    assert (score.score, score.created_by) == (5, personas.board)
    # The same grid again changes nothing; a blank takes a score back.
    assert record_scores(appraisal, personas.board, cells) == 0
    record_scores(appraisal, personas.board, {(cost.pk, virtual.pk): ""})
    assert AppraisalScore.objects.filter(scorer=personas.board).count() == 3


def test_a_score_outside_the_scale_saves_nothing(personas: Personas) -> None:
    appraisal, cost, control, central, virtual = small_appraisal(personas.board)
    cells = grid(cost, control, central, virtual, central_scores=(2, 4), virtual_scores=(7, "lots"))
    with pytest.raises(ValidationError) as raised:
        record_scores(appraisal, personas.board, cells)
    assert "Virtual hub, Cost: scores run from 0 to 5; 7 is outside the scale." in raised.value.messages
    assert "Virtual hub, Control: “lots” is not a whole number; give a score from 0 to 5." in raised.value.messages
    assert not AppraisalScore.objects.exists()


def test_scoring_is_refused_once_the_appraisal_is_closed(personas: Personas) -> None:
    appraisal, cost, _, central, _ = small_appraisal(personas.board)
    Appraisal.objects.filter(pk=appraisal.pk).update(status=AppraisalStatus.CLOSED)
    with pytest.raises(ValidationError, match="Scoring has closed"):
        record_scores(appraisal, personas.board, {(cost.pk, central.pk): 3})
    score = AppraisalScore(criterion_id=cost.pk, option=central, scorer=personas.board, score=3)
    with pytest.raises(ValidationError, match="Scoring has closed"):
        score.full_clean()
    assert not AppraisalScore.objects.exists()


def test_a_score_for_an_option_not_appraised_is_refused(personas: Personas) -> None:
    _, cost, *_ = small_appraisal(personas.board)
    score = AppraisalScore(criterion=cost, option=delivery_model("external"), scorer=personas.board, score=3)
    with pytest.raises(ValidationError, match="not one of the options"):
        score.full_clean()


# -- results -------------------------------------------------------------------------------------


def test_results_average_the_scorers_weighted_totals(personas: Personas) -> None:
    appraisal, cost, control, central, virtual = small_appraisal(personas.board, personas.manager)
    record_scores(
        appraisal, personas.board, grid(cost, control, central, virtual, central_scores=(2, 4), virtual_scores=(5, 3))
    )
    record_scores(
        appraisal, personas.manager, grid(cost, control, central, virtual, central_scores=(4, 4), virtual_scores=(3, 1))
    )
    results = appraisal_results(appraisal)
    assert [weight.percent for weight in results.weights] == [Decimal("75.0"), Decimal("25.0")]
    assert results.weights_note == "Weights add up to 4; each is shown as its share of 100%."
    by_code = {result.option.code: result for result in results.options}
    # Central: 2×0.75 + 4×0.25 = 2.5 and 4.0; virtual: 4.5 and 2.5.
    assert (by_code["central"].average, by_code["central"].percent) == (Decimal("3.25"), Decimal("65.0"))
    assert (by_code["virtual"].average, by_code["virtual"].percent) == (Decimal("3.50"), Decimal("70.0"))
    assert by_code["central"].spread == "2.50 to 4.00"
    assert by_code["virtual"].spread == "2.50 to 4.50"
    assert by_code["virtual"].scorers == 2
    # 0.25 apart is 5% of the highest possible score (5): too close to call.
    assert results.recommended == virtual
    assert results.too_close
    assert results.recommendation.startswith("Too close to call between Virtual hub and Central staff team")

    record_scores(
        appraisal, personas.manager, grid(cost, control, central, virtual, central_scores=(4, 4), virtual_scores=(5, 5))
    )
    results = appraisal_results(appraisal)
    assert not results.too_close
    assert results.recommendation == "Virtual hub has the highest weighted score."


def test_a_scorer_who_has_not_finished_an_option_is_left_out_of_it(personas: Personas) -> None:
    appraisal, cost, control, central, virtual = small_appraisal(personas.board, personas.manager)
    record_scores(
        appraisal, personas.board, grid(cost, control, central, virtual, central_scores=(2, 4), virtual_scores=(5, 3))
    )
    record_scores(appraisal, personas.manager, {(cost.pk, central.pk): 5})
    results = appraisal_results(appraisal)
    assert [result.scorers for result in results.options] == [1, 1]
    assert results.unfinished == 1


def test_with_no_scores_there_is_no_recommendation(personas: Personas) -> None:
    appraisal, *_ = small_appraisal(personas.board)
    results = appraisal_results(appraisal)
    assert results.recommended is None
    assert results.recommendation.startswith("No recommendation yet")


def test_weights_of_zero_count_equally(personas: Personas) -> None:
    appraisal, *_ = small_appraisal(personas.board)
    appraisal.criteria.update(weight=Decimal(0))
    results = appraisal_results(appraisal)
    assert [weight.percent for weight in results.weights] == [Decimal("50.0"), Decimal("50.0")]
    assert results.weights_note == "Every weight is 0, so each criterion counts equally."


# -- the page -------------------------------------------------------------------------------------


def test_the_page_shows_the_default_weights_as_shares(personas: Personas, client_for: Callable[..., Client]) -> None:
    appraisal = AppraisalFactory(scorers=[personas.board])
    page = client_for(personas.board).get(appraisal.get_absolute_url()).content.decode()
    assert "Weights add up to 12; each is shown as its share of 100%." in page
    assert "25.0%" in page  # cost before contracts are won: 3 of 12
    assert "Save my scores" in page


def test_a_board_member_scores_in_the_grid(personas: Personas, client_for: Callable[..., Client]) -> None:
    appraisal, cost, control, central, virtual = small_appraisal(personas.board)
    client = client_for(personas.board)
    data = post_grid(cost, control, central, virtual, central_scores=(2, 4), virtual_scores=(5, 3))
    response = client.post(reverse("hub:appraisal_score", args=[appraisal.pk]), data)
    assert response.status_code == 302
    assert response["Location"].endswith("#results")
    assert AppraisalScore.objects.filter(scorer=personas.board).count() == 4
    page = client.get(appraisal.get_absolute_url()).content.decode()
    assert "Your scores are saved" in page
    assert "90.0%" in page  # virtual hub: 5×0.75 + 3×0.25 = 4.5 of 5
    assert "Virtual hub has the highest weighted score." in page
    assert 'value="5"' in page  # the grid shows the scorer's own scores


def test_an_out_of_scale_score_shows_a_message_and_saves_nothing(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    appraisal, cost, control, central, virtual = small_appraisal(personas.board)
    data = post_grid(cost, control, central, virtual, central_scores=(2, 4), virtual_scores=(9, 3))
    response = client_for(personas.board).post(reverse("hub:appraisal_score", args=[appraisal.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "no scores were saved" in page
    assert "Virtual hub, Cost: scores run from 0 to 5; 9 is outside the scale." in page
    assert 'value="9"' in page  # what was typed is kept to correct
    assert not AppraisalScore.objects.exists()


def test_only_the_scorers_and_the_manager_may_score(personas: Personas, client_for: Callable[..., Client]) -> None:
    appraisal, cost, control, central, virtual = small_appraisal()  # no scorers named
    data = post_grid(cost, control, central, virtual, central_scores=(2, 4), virtual_scores=(5, 3))
    url = reverse("hub:appraisal_score", args=[appraisal.pk])
    for persona in (personas.board, personas.auditor, personas.nobody, personas.member_a):
        assert client_for(persona).post(url, data).status_code in (403, 404)
    assert not AppraisalScore.objects.exists()
    page = client_for(personas.board).get(appraisal.get_absolute_url()).content.decode()
    assert "Only the people asked to score this appraisal can score it" in page
    assert "Save my scores" not in page
    # The hub manager may score any appraisal.
    assert client_for(personas.manager).post(url, data).status_code == 302
    assert AppraisalScore.objects.filter(scorer=personas.manager).count() == 4


def test_a_closed_appraisal_cannot_be_scored_on_the_page(personas: Personas, client_for: Callable[..., Client]) -> None:
    appraisal, cost, control, central, virtual = small_appraisal(personas.board)
    Appraisal.objects.filter(pk=appraisal.pk).update(status=AppraisalStatus.CLOSED)
    data = post_grid(cost, control, central, virtual, central_scores=(2, 4), virtual_scores=(5, 3))
    response = client_for(personas.board).post(reverse("hub:appraisal_score", args=[appraisal.pk]), data)
    assert "Scoring has closed" in response.content.decode()
    assert not AppraisalScore.objects.exists()


def test_the_page_costs_a_fixed_number_of_queries(personas: Personas, client_for: Callable[..., Client]) -> None:
    appraisal = AppraisalFactory(scorers=[personas.board])
    client = client_for(personas.board)
    url = appraisal.get_absolute_url()
    client.get(url)
    few = queries_for(client, url)
    criteria = list(appraisal.criteria.all())
    options = list(appraisal.options.all())
    scorers = [personas.board, *(make_user(f"director{i}@hub.test", roles.BOARD) for i in range(3))]
    appraisal.scorers.set(scorers)
    for scorer in scorers:
        record_scores(appraisal, scorer, {(c.pk, o.pk): (c.pk + o.pk) % 6 for c in criteria for o in options})
    many = queries_for(client, url)
    # session, user, 2 × permissions, the appraisal, its scorers (for the details and for the
    # grid), criteria, options, every score, the scorer's own scores, decisions
    assert (few, many) == (12, 12)


# -- scores are the scorer's own ----------------------------------------------------------------------


def test_a_board_member_changes_only_their_own_scores(personas: Personas, client_for: Callable[..., Client]) -> None:
    _, cost, _, central, _ = small_appraisal(personas.board)
    own = AppraisalScoreFactory(criterion=cost, option=central, scorer=personas.board, score=2)
    other = AppraisalScoreFactory(criterion=cost, option=central, scorer=personas.manager, score=4)
    client = client_for(personas.board)
    assert client.get(reverse("hub:appraisalscore_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("hub:appraisalscore_edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("hub:appraisalscore_delete", args=[other.pk])).status_code == 404
    assert client.get(reverse("hub:appraisalscore_detail", args=[other.pk])).status_code == 200  # reading is fine
    api = api_client(personas.board)
    assert api.patch(f"/api/appraisal-scores/{other.pk}/", {"score": 0}, format="json").status_code == 404
    assert api.patch(f"/api/appraisal-scores/{own.pk}/", {"score": 3}, format="json").status_code == 200
    other.refresh_from_db()
    own.refresh_from_db()
    assert (own.score, other.score) == (3, 4)
    # The hub manager can correct anyone's.
    assert client_for(personas.manager).get(reverse("hub:appraisalscore_edit", args=[own.pk])).status_code == 200


def test_a_board_member_cannot_score_for_someone_else(personas: Personas, client_for: Callable[..., Client]) -> None:
    _, cost, _, central, _ = small_appraisal(personas.board)
    data = {"criterion": cost.pk, "option": central.pk, "scorer": personas.manager.pk, "score": 3}
    response = client_for(personas.board).post(reverse("hub:appraisalscore_add"), data)
    assert response.status_code == 200
    response = api_client(personas.board).post("/api/appraisal-scores/", data, format="json")
    assert response.status_code == 400
    assert "scorer" in response.json()
    assert not AppraisalScore.objects.exists()
    # Their own score, through the API, is taken.
    response = api_client(personas.board).post(
        "/api/appraisal-scores/", {"criterion": cost.pk, "option": central.pk, "score": 3}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert AppraisalScore.objects.get().scorer == personas.board


def test_a_board_member_not_asked_to_score_cannot_add_a_score(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    _, cost, _, central, _ = small_appraisal()
    data = {"criterion": cost.pk, "option": central.pk, "scorer": personas.board.pk, "score": 3}
    response = client_for(personas.board).post(reverse("hub:appraisalscore_add"), data)
    assert response.status_code == 200
    assert "is not one of the scorers" in response.content.decode()
    assert api_client(personas.board).post("/api/appraisal-scores/", data, format="json").status_code == 400
    assert not AppraisalScore.objects.exists()


# -- the decision --------------------------------------------------------------------------------------


def test_an_outsourced_hub_needs_its_provider(personas: Personas) -> None:
    appraisal, *_ = small_appraisal()
    with pytest.raises(ValidationError) as raised:
        record_decision(
            appraisal,
            personas.manager,
            chosen_model=delivery_model("member"),
            decided_on=date(2023, 6, 14),
            decided_by="The board",
            rationale="No staff to employ.",
        )
    assert "provider" in raised.value.message_dict
    assert not HubDecision.objects.exists()
    with pytest.raises(ValidationError, match="has no outside provider"):
        record_decision(
            appraisal,
            personas.manager,
            chosen_model=delivery_model("central"),
            provider=personas.org_a,
            decided_on=date(2023, 6, 14),
            decided_by="The board",
            rationale="Our own staff.",
        )


def test_the_decision_is_recorded_from_the_appraisal_page(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    appraisal = AppraisalFactory(scorers=[personas.board])
    url = reverse("hub:appraisal_decision", args=[appraisal.pk])
    data = {
        "chosen_model": delivery_model("member").pk,
        "decided_on": "2023-06-14",
        "decided_by": "The board",
        "minute_reference": "B/23/14",
        "rationale": "No staff to employ before we win contracts.",
    }
    assert client_for(personas.board).post(url, data | {"provider": personas.org_a.pk}).status_code == 403
    client = client_for(personas.manager)
    response = client.post(url, data)  # no provider named
    assert response.status_code == 200
    assert "Name the organisation that will deliver a Outsource to a member organisation" in response.content.decode()
    assert not HubDecision.objects.exists()

    response = client.post(url, data | {"provider": personas.org_a.pk})
    assert response.status_code == 302
    decision = HubDecision.objects.get()
    assert (decision.appraisal, decision.provider, decision.created_by) == (appraisal, personas.org_a, personas.manager)
    appraisal.refresh_from_db()
    assert appraisal.status == AppraisalStatus.CLOSED
    page = client.get(appraisal.get_absolute_url()).content.decode()
    assert "No staff to employ before we win contracts." in page
    assert "Scoring has closed" in page


def test_a_delivery_model_in_use_cannot_be_deleted(personas: Personas, client_for: Callable[..., Client]) -> None:
    AppraisalFactory()
    central = delivery_model("central")
    client = client_for(personas.manager)
    assert (
        "It is an option in an appraisal"
        in client.get(reverse("hub:deliverymodel_delete", args=[central.pk])).content.decode()
    )
    assert client.post(reverse("hub:deliverymodel_delete", args=[central.pk])).status_code == 409
    assert DeliveryModel.objects.filter(pk=central.pk).exists()


# -- the paper for the board ------------------------------------------------------------------------------


def test_the_appraisal_exports_as_a_paper_for_the_board(personas: Personas, client_for: Callable[..., Client]) -> None:
    appraisal, cost, control, central, virtual = small_appraisal(personas.board)
    record_scores(
        appraisal, personas.board, grid(cost, control, central, virtual, central_scores=(2, 4), virtual_scores=(5, 3))
    )
    record_decision(
        appraisal,
        personas.manager,
        chosen_model=virtual,
        decided_on=date(2023, 6, 14),
        decided_by="The board",
        minute_reference="B/23/14",
        rationale="We will run the hub ourselves until the first contract is won.",
    )
    url = reverse("hub:appraisal_appraisal", args=[appraisal.pk]) + "?format=docx"
    assert client_for(personas.nobody).get(url).status_code == 403
    response = client_for(personas.board).get(url)
    assert response.status_code == 200
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for expected in (
        "The options",
        "Central staff team",
        "Advantages",
        "Disadvantages",
        "Weights add up to 4; each is shown as its share of 100%.",
        "Virtual hub has the highest weighted score.",
        "We will run the hub ourselves until the first contract is won.",
    ):
        assert expected in text, expected
    for expected in ("Cost", "75.0%", "4.50", "90.0%", "4.50 to 4.50", "B/23/14", "Chair"):
        assert expected in cells, expected
    stored = GeneratedDocument.objects.get()
    assert (stored.kind, stored.source) == ("appraisal", appraisal)
