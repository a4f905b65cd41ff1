"""The risk register: scores and ratings, reviews re-scoring a risk and its trend, the heat map and the top risks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consortia.core.dates import add_months
from consortia.core.testing.api import api_client
from consortia.core.testing.views import form_token
from consortia.policies.choices import RiskStatus, Trend, rating
from consortia.policies.models import Risk, RiskReview
from consortia.policies.services.risks import heat_map, record_review, remove_review, top_risks
from consortia.policies.tests import factories
from consortia.users.testing import Personas

TODAY = timezone.localdate()


def test_scores_and_ratings(personas: Personas) -> None:
    risk = factories.risk(personas.manager, likelihood=3, impact=4, inherent_likelihood=5, inherent_impact=4)
    assert (risk.inherent_score, risk.residual_score) == (20, 12)
    assert (risk.inherent_rating, risk.residual_rating) == ("red", "amber")
    assert [rating(score) for score in (1, 4, 5, 12, 15, 25)] == ["green", "green", "amber", "amber", "red", "red"]


def test_a_review_rescoring_the_risk_and_its_trend(personas: Personas) -> None:
    risk = factories.risk(personas.manager, likelihood=4, impact=4)
    record_review(risk, personas.manager, TODAY - timedelta(days=90), 3, 4, "Reserves growing.")
    risk.refresh_from_db()
    assert (risk.residual_likelihood, risk.residual_impact, risk.residual_score, risk.trend) == (3, 4, 12, "")
    assert risk.review_on == add_months(TODAY - timedelta(days=90), 3)  # quarterly unless the review says
    second = record_review(
        risk, personas.manager, TODAY, 4, 4, "A commissioner is paying late.", TODAY + timedelta(days=30)
    )
    risk.refresh_from_db()
    assert (risk.residual_score, risk.trend, risk.review_on) == (16, Trend.UP, TODAY + timedelta(days=30))
    record_review(risk, personas.manager, TODAY, 2, 4, "Corrected: it was paid.", review=second)
    risk.refresh_from_db()
    assert (risk.residual_score, risk.trend) == (8, Trend.DOWN)
    remove_review(second, personas.manager)
    risk.refresh_from_db()
    assert (risk.residual_score, risk.trend) == (12, "")


def test_an_older_review_entered_late_does_not_overwrite_the_latest(personas: Personas) -> None:
    risk = factories.risk(personas.manager)
    record_review(risk, personas.manager, TODAY, 2, 2)
    record_review(risk, personas.manager, TODAY - timedelta(days=60), 5, 5)
    risk.refresh_from_db()
    assert (risk.residual_score, risk.trend) == (4, Trend.DOWN)


def test_likelihood_out_of_range_is_refused_with_nothing_saved(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    risk = factories.risk(personas.manager, likelihood=3, impact=3)
    with pytest.raises(ValidationError) as refused:
        record_review(risk, personas.manager, TODAY, 6, 3)
    assert "scored from 1 to 5" in str(refused.value)
    client = client_for(personas.manager)
    add = reverse("policies:riskreview_add")
    response = client.post(
        add,
        {
            "risk": risk.pk,
            "reviewed_on": TODAY.isoformat(),
            "likelihood": "0",
            "impact": "3",
            "_token": form_token(client, add),
        },
    )
    assert response.status_code == 200
    assert "The likelihood is scored from 1 to 5" in response.content.decode()
    response = api_client(personas.manager).post(
        reverse("api:risk-list"),
        {
            "title": "Hub capacity",
            "category": "people",
            "owner": personas.manager.pk,
            "review_on": TODAY.isoformat(),
            "inherent_likelihood": 7,
            "inherent_impact": 3,
            "residual_likelihood": 2,
            "residual_impact": 3,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "scored from 1 to 5" in str(response.json()["inherent_likelihood"])
    assert not RiskReview.objects.exists()
    assert Risk.objects.count() == 1
    risk.refresh_from_db()
    assert risk.residual_score == 9


def test_a_review_cannot_be_dated_in_the_future(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="future"):
        record_review(factories.risk(personas.manager), personas.manager, TODAY + timedelta(days=1), 2, 2)
    assert not RiskReview.objects.exists()


def test_the_risk_form_locks_residual_scores_once_reviewed(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    risk = factories.risk(personas.manager)
    record_review(risk, personas.manager, TODAY, 2, 2)
    page = client_for(personas.manager).get(reverse("policies:risk_edit", args=[risk.pk])).content.decode()
    assert "Set by the latest review" in page


def test_heat_map_counts_open_risks_by_residual_scores(personas: Personas, client_for: Callable[..., Client]) -> None:
    factories.risk(personas.manager, likelihood=4, impact=5)
    factories.risk(personas.manager, likelihood=4, impact=5)
    factories.risk(personas.manager, likelihood=1, impact=2)
    factories.risk(personas.manager, likelihood=4, impact=5, status=RiskStatus.CLOSED)
    figures = heat_map(Risk.objects.all())
    counts = {(cell.likelihood, cell.impact): cell.count for _, _, cells in figures.rows for cell in cells}
    assert counts[(4, 5)] == 2
    assert counts[(1, 2)] == 1
    assert sum(counts.values()) == figures.total == 3
    assert [impact for impact, _, _ in figures.rows] == [5, 4, 3, 2, 1]
    client = client_for(personas.manager)
    page = client.get(reverse("policies:heat_map")).content.decode()
    link = f"{reverse('policies:risk_list')}?status=open&amp;residual_likelihood=4&amp;residual_impact=5"
    assert link in page
    assert "<script" not in page.split("<main", 1)[-1].split("</main>")[0]
    listed = client.get(
        reverse("policies:risk_list"), {"status": "open", "residual_likelihood": 4, "residual_impact": 5}
    )
    assert listed.content.decode().count('badge text-bg-danger">20') == 2


def test_heat_map_and_top_risks_are_the_hubs(personas: Personas, client_for: Callable[..., Client]) -> None:
    for name in ("heat_map", "top_risks"):
        assert client_for(personas.member_a).get(reverse(f"policies:{name}")).status_code == 404
        assert client_for(personas.nobody).get(reverse(f"policies:{name}")).status_code == 403
        assert client_for(personas.board).get(reverse(f"policies:{name}")).status_code == 200


def test_top_risks_are_the_ten_open_scoring_highest(personas: Personas, client_for: Callable[..., Client]) -> None:
    for likelihood in range(1, 6):
        for impact in (2, 3, 4):
            factories.risk(personas.manager, likelihood=likelihood, impact=impact, title=f"Risk {likelihood}x{impact}")
    factories.risk(personas.manager, likelihood=5, impact=5, title="Closed one", status=RiskStatus.CLOSED)
    late = factories.risk(
        personas.manager, likelihood=1, impact=1, title="Forgotten", review_on=TODAY - timedelta(days=3)
    )
    top = top_risks(Risk.objects.all())
    assert len(top.risks) == 10
    assert top.risks[0].residual_score == 20
    assert [risk.residual_score for risk in top.risks] == sorted(
        (risk.residual_score for risk in top.risks), reverse=True
    )
    assert "Closed one" not in {risk.title for risk in top.risks}
    assert top.overdue == [late]
    client = client_for(personas.board)
    client.get(reverse("policies:top_risks"))  # warm per-process caches
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("policies:top_risks")).content.decode()
    # session, user, the user's permissions (group and own), the top ten, the overdue reviews
    assert len(captured) == 6, [query["sql"] for query in captured.captured_queries]
    assert "Risk 5x4" in page
    assert "Forgotten" in page
    dashboard = client.get(reverse("core:home")).content.decode()
    assert "Top risks" in dashboard
    assert "Risk 5x4" in dashboard
    assert "Top risks" not in client_for(personas.nobody).get(reverse("core:home")).content.decode()


def test_trend_on_the_top_risks_page(personas: Personas, client_for: Callable[..., Client]) -> None:
    risk = factories.risk(personas.manager, title="Loss of key contract")
    record_review(risk, personas.manager, TODAY - timedelta(days=30), 2, 4)
    record_review(risk, personas.manager, TODAY, 3, 4)
    page = client_for(personas.manager).get(reverse("policies:top_risks")).content.decode()
    assert "Rising" in page
