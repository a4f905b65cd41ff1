"""Equal-opportunities returns: entered against the vacancy only, reported only as totals."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from consortia.core.testing.api import api_client
from consortia.core.testing.views import queries_for
from consortia.people.models import EqualOpportunitiesReturn, Vacancy
from consortia.people.services import recruitment as services
from consortia.people.tests.recruitment.factories import VacancyFactory
from consortia.users.testing import Personas

ClientFor = Callable[..., Client]


def returns(vacancy: Vacancy, count: int, **answers: str) -> None:
    EqualOpportunitiesReturn.objects.bulk_create(
        EqualOpportunitiesReturn(vacancy=vacancy, **answers) for _ in range(count)
    )


def shown(summary: services.EqualOpportunitiesSummary, dimension: str) -> dict[str, str]:
    found = next(d for d in summary.dimensions if d.name == dimension)
    return {tally.label: tally.shown for tally in found.tallies}


def test_small_counts_read_fewer_than_5(db: None) -> None:
    vacancy = VacancyFactory()
    returns(vacancy, 3, sex="female", age_band="25-34")
    summary = services.equal_opportunities_summary(vacancy)
    assert summary.total == "fewer than 5"
    assert set(shown(summary, "sex").values()) == {"fewer than 5"}
    assert set(shown(summary, "age_band").values()) == {"fewer than 5"}


def test_a_lone_small_count_is_protected_by_hiding_the_next_smallest(db: None) -> None:
    vacancy = VacancyFactory()
    returns(vacancy, 7, sex="female", disability="no")
    returns(vacancy, 5, sex="male", disability="no")
    summary = services.equal_opportunities_summary(vacancy)
    assert summary.total == "12"
    # "Prefer not to say" is 0: with the total and both others shown it could be worked out.
    assert shown(summary, "sex") == {"Female": "7", "Male": "not shown", "Prefer not to say": "fewer than 5"}
    assert summary.secondary
    # Two small counts protect each other: no need to hide more.
    assert shown(summary, "disability") == {"Yes": "fewer than 5", "No": "12", "Prefer not to say": "fewer than 5"}


def test_the_page_enters_returns_and_shows_only_totals(personas: Personas, client_for: ClientFor) -> None:
    vacancy = VacancyFactory()
    url = reverse("people:vacancy_equal_opportunities", args=[vacancy.pk])
    client = client_for(personas.manager)
    for _ in range(6):
        response = client.post(url, {"age_band": "35-44", "sex": "female", "ethnic_group": "white", "disability": "no"})
        assert response.status_code == 302
    client.post(url, {"age_band": "16-24", "sex": "male", "ethnic_group": "asian", "disability": "yes"})
    assert EqualOpportunitiesReturn.objects.filter(vacancy=vacancy).count() == 7
    page = client.get(url).content.decode()
    assert "Returns received: <strong>7</strong>" in page
    assert '<th scope="row" class="fw-normal">Female</th><td class="text-end">6</td>' in page
    assert '<th scope="row" class="fw-normal">Male</th><td class="text-end">fewer than 5</td>' in page
    response = client.post(url, {"age_band": "nonsense", "sex": "female", "ethnic_group": "white", "disability": "no"})
    assert response.status_code == 422
    assert EqualOpportunitiesReturn.objects.count() == 7


def test_the_page_refuses_users_without_the_right(personas: Personas, client_for: ClientFor) -> None:
    vacancy = VacancyFactory()
    returns(vacancy, 2, sex="female")
    url = reverse("people:vacancy_equal_opportunities", args=[vacancy.pk])
    answers = {"age_band": "35-44", "sex": "female", "ethnic_group": "white", "disability": "no"}
    for persona in (personas.nobody, personas.member_a):
        assert client_for(persona).get(url).status_code in (403, 404)
        assert client_for(persona).post(url, answers).status_code in (403, 404)
    for persona in (personas.auditor, personas.board):
        client = client_for(persona)
        page = client.get(url)
        assert page.status_code == 200
        assert "Enter a return" not in page.content.decode()
        assert client.post(url, answers).status_code == 403
    assert EqualOpportunitiesReturn.objects.count() == 2


def test_the_page_costs_a_fixed_number_of_queries(personas: Personas, client_for: ClientFor) -> None:
    vacancy = VacancyFactory()
    url = reverse("people:vacancy_equal_opportunities", args=[vacancy.pk])
    client = client_for(personas.manager)
    returns(vacancy, 2, sex="male")
    client.get(url)
    few = queries_for(client, url)
    returns(vacancy, 20, sex="female")
    # session, user, 2 × permissions, vacancy, the returns, and the line in the log of who opened
    # them (privacy.SensitiveView)
    assert queries_for(client, url) == few == 7


def test_the_api_gives_totals_and_never_the_returns(personas: Personas) -> None:
    vacancy = VacancyFactory()
    returns(vacancy, 6, sex="female", ethnic_group="white")
    url = reverse("api:vacancy-equal-opportunities", args=[vacancy.pk])
    body = api_client(personas.auditor).get(url).json()
    assert body["total"] == "6"
    sex = next(d for d in body["dimensions"] if d["name"] == "sex")
    assert {t["label"]: t["shown"] for t in sex["tallies"]}["Female"] == "6"
    assert api_client(personas.nobody).get(url).status_code == 403
    assert api_client(personas.member_a).get(url).status_code == 403
    with pytest.raises(NoReverseMatch):
        reverse("api:equalopportunitiesreturn-list")
    schema = api_client(personas.manager).get(reverse("api:schema"), {"format": "json"}).json()
    equal = [path for path in schema["paths"] if "equal" in path]
    assert equal == ["/api/vacancies/{id}/equal-opportunities/"]
