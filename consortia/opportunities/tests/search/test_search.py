"""Full-text search, the filters and the sorting of the notice search (the same on SQLite and
PostgreSQL: run with DATABASE_URL pointing at PostgreSQL to check the other backend)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consortia.core.testing.api import api_client
from consortia.opportunities import search
from consortia.opportunities.filtersets.notices import NoticeFilterSet, cpv_prefix
from consortia.opportunities.models import Notice
from consortia.opportunities.tests.factories import make_notice
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db

LIST = "/opportunities/notices/"


def found(**params: str) -> list[str]:
    """Titles the notice search finds for these filters, in the order it gives them."""
    filterset = NoticeFilterSet(params, queryset=Notice.objects.all())
    assert filterset.is_valid(), filterset.errors
    return [notice.title for notice in filterset.qs]


@pytest.fixture
def notices() -> dict[str, Notice]:
    now = timezone.now()
    return {
        "mental": make_notice(
            title="Mental health advice and support",
            search_text="Mental health advice and support. Counselling for adults in Preston. "
            "Preston City Council. Health and social work services",
            buyer_name="Preston City Council",
            value_amount=Decimal("250000"),
            deadline=now + datetime.timedelta(days=5),
            notice_type="UK4",
            procedure="open",
            region="North West",
            suitable_vcse=True,
            suitable_sme=True,
            cpvs=("85312300", "85000000"),
        ),
        "youth": make_notice(
            title="Youth mentoring",
            search_text="Youth mentoring. Young people mentoring and advising in Blackpool. "
            "Blackpool Council. Social work services",
            buyer_name="Blackpool Council",
            value_amount=Decimal("40000"),
            deadline=now + datetime.timedelta(days=40),
            notice_type="UK2",
            procedure="selective",
            region="Lancashire",
            suitable_vcse=False,
            suitable_sme=True,
            cpvs=("85310000",),
        ),
        "roads": make_notice(
            title="Road resurfacing",
            search_text="Road resurfacing. Highways maintenance, health and safety plan. Lancashire County Council",
            buyer_name="Lancashire County Council",
            value_amount=Decimal("3000000"),
            deadline=now - datetime.timedelta(days=3),
            notice_type="UK6",
            procedure="limited",
            region="Lancashire",
            suitable_vcse=None,
            suitable_sme=False,
            status="active",
            cpvs=("45233142",),
        ),
        "undated": make_notice(
            title="Advice line (planning)",
            search_text="Advice line. Welfare benefits advice line, planning notice. Preston City Council",
            buyer_name="Preston City Council",
            value_amount=None,
            deadline=None,
            status="planned",
            notice_type="UK1",
            procedure="",
            cpvs=("85312310",),
        ),
    }


def test_words_all_match_in_any_order_with_stemming(notices: dict[str, Notice]) -> None:
    assert set(found(q="mental health")) == {"Mental health advice and support"}
    assert set(found(q="advice Preston")) == {"Mental health advice and support", "Advice line (planning)"}
    # "advising" and "advice" share no stem; "mentor" finds "mentoring" through it.
    assert found(q="mentor") == ["Youth mentoring"]
    assert found(q="Counselling") == ["Mental health advice and support"]
    assert found(q="dentistry") == []


def test_the_buyer_and_cpv_descriptions_are_searched(notices: dict[str, Notice]) -> None:
    assert set(found(q="Blackpool Council")) == {"Youth mentoring"}
    assert set(found(q="social work")) == {"Mental health advice and support", "Youth mentoring"}


def test_a_quoted_phrase_must_appear_as_written(notices: dict[str, Notice]) -> None:
    assert set(found(q='"health and safety"')) == {"Road resurfacing"}
    assert set(found(q="health safety")) == {"Road resurfacing"}
    assert found(q='"safety health"') == []


def test_sorted_by_relevance_when_searching(notices: dict[str, Notice]) -> None:
    make_notice(title="Health health health", search_text="health " * 20 + "wellbeing")
    results = found(q="health")
    assert results[0] == "Health health health"
    assert set(results) == {"Health health health", "Mental health advice and support", "Road resurfacing"}
    assert found(q="health", order="deadline")[0] == "Road resurfacing"


def test_relevance_is_annotated_and_higher_is_better(notices: dict[str, Notice]) -> None:
    make_notice(title="Advice advice", search_text="advice " * 30)
    rows = list(search.search_notices(Notice.objects.all(), "advice").order_by("-relevance"))
    assert rows[0].title == "Advice advice"
    assert rows[0].relevance > rows[-1].relevance


@pytest.mark.parametrize(
    "text",
    ['"', '""', "AND", "OR", "NOT", "*", "mental*", "NEAR(", "NEAR(mental health", "health AND",
     "(", ")", "^", "-", "+", ":", "col:mental", "'", "mental' health", "🙂", "health 🙂 advice",
     "\\", "%", "_", "a" * 300, "mental " * 40, "\x00", "  ", "ÆØÅ", "sélection", "{", "}", "&|!<>"],
)  # fmt: skip
def test_nasty_input_never_raises(notices: dict[str, Notice], text: str, client_for: Callable[..., Client],
                                  personas: Personas) -> None:  # fmt: skip
    filterset = NoticeFilterSet({"q": text}, queryset=Notice.objects.all())
    if filterset.is_valid():
        list(filterset.qs)
    else:  # a null character is refused by the form, politely, not by the database
        assert filterset.errors == {"q": ["Null characters are not allowed."]}
    response = client_for(personas.manager).get(LIST, {"q": text})
    assert response.status_code == 200


def test_punctuation_and_operators_are_words_not_syntax(notices: dict[str, Notice]) -> None:
    assert found(q="mental AND health") == ["Mental health advice and support"]
    assert found(q="NEAR(mental health)") == []  # "near" is a word the notice lacks
    assert set(found(q='health "')) == {"Mental health advice and support", "Road resurfacing"}
    assert found(q="health 🙂") == found(q="health")
    assert len(found(q="🙂")) == 4  # nothing to search for: nothing filtered out
    assert len(found(q="the and")) == 4


def test_terms_are_plain_words() -> None:
    assert search.terms('Mental "health and care" AND NEAR(x*') == [
        ["mental"],
        ["health", "and", "care"],
        ["near"],
        ["x"],
    ]
    assert search.fts5_query([["mental"], ["health", "care"]]) == '"mental" "health care"'


def test_cpv_prefix() -> None:
    assert cpv_prefix("85000000") == "85"
    assert cpv_prefix("85300000") == "853"
    assert cpv_prefix("853") == "853"
    assert cpv_prefix("85312300-2") == "853123"
    assert cpv_prefix("80000000") == "80"
    assert cpv_prefix("8") is None
    assert cpv_prefix("health") is None


def test_cpv_filter_includes_every_code_under_it(notices: dict[str, Notice]) -> None:
    social = {"Mental health advice and support", "Youth mentoring", "Advice line (planning)"}
    assert set(found(cpv="85000000")) == social
    assert set(found(cpv="85")) == social
    assert set(found(cpv="8531")) == social
    assert set(found(cpv="85312000")) == {"Mental health advice and support", "Advice line (planning)"}
    assert set(found(cpv="85312310")) == {"Advice line (planning)"}
    assert set(found(cpv="45")) == {"Road resurfacing"}
    assert found(cpv="86") == []
    assert found(cpv="not a code") == []


def test_cpv_filter_at_a_nine(notices: dict[str, Notice]) -> None:
    make_notice(title="Nine", cpvs=("79900000",))
    make_notice(title="Eight", cpvs=("79800000",))
    make_notice(title="Eighty", cpvs=("80000000",))
    assert found(cpv="799") == ["Nine"]
    assert set(found(cpv="79")) == {"Nine", "Eight"}


def test_each_filter(notices: dict[str, Notice]) -> None:
    today = timezone.localdate()
    assert set(found(buyer="preston")) == {"Mental health advice and support", "Advice line (planning)"}
    assert set(found(region="lancashire")) == {"Youth mentoring", "Road resurfacing"}
    assert set(found(value_from="40000", value_to="250000")) == {"Mental health advice and support", "Youth mentoring"}
    assert set(found(value_from="1000000")) == {"Road resurfacing"}
    in_a_week = (today + datetime.timedelta(days=7)).isoformat()
    assert set(found(deadline_from=today.isoformat(), deadline_to=in_a_week)) == {"Mental health advice and support"}
    assert set(found(deadline_to=today.isoformat())) == {"Road resurfacing"}
    assert set(found(procedure="selective")) == {"Youth mentoring"}
    assert set(found(notice_type="UK6")) == {"Road resurfacing"}
    assert set(found(suitable_vcse="true")) == {"Mental health advice and support"}
    assert set(found(suitable_vcse="false")) == {"Youth mentoring"}
    assert set(found(suitable_sme="true")) == {"Mental health advice and support", "Youth mentoring"}
    assert set(found(source="fts")) == set(found())
    assert found(source="cf") == []


def test_open_means_deadline_ahead_or_active_without_one(notices: dict[str, Notice]) -> None:
    make_notice(title="Active, no deadline", deadline=None, status="active")
    # The roads notice is still "active" in its feed, but its deadline has passed.
    assert set(found(status="open")) == {"Mental health advice and support", "Youth mentoring", "Active, no deadline"}
    assert set(found(status="closed")) == {"Road resurfacing", "Advice line (planning)"}


def test_two_filters_and_a_search_together(notices: dict[str, Notice]) -> None:
    assert found(q="advice", cpv="853", status="open") == ["Mental health advice and support"]


def test_sorting(notices: dict[str, Notice]) -> None:
    assert found(order="deadline")[:3] == ["Road resurfacing", "Mental health advice and support", "Youth mentoring"]
    assert found(order="deadline")[-1] == "Advice line (planning)"  # no deadline: last
    assert found(order="-value")[0] == "Road resurfacing"
    assert found(order="-value")[-1] == "Advice line (planning)"
    assert found(order="value")[0] == "Youth mentoring"
    assert found(order="relevance")  # without a search: the usual order, no error


def test_list_page_searches_and_sorts_by_column(
    notices: dict[str, Notice], personas: Personas, client_for: Callable[..., Client]
) -> None:
    client = client_for(personas.member_a)  # member users may search the public notices
    page = client.get(LIST, {"q": "advice", "sort": "-value"}).content.decode()
    assert page.index("Mental health advice and support") < page.index("Advice line (planning)")
    assert "£250,000" in page
    assert notices["mental"].deadline is not None
    assert timezone.localtime(notices["mental"].deadline).strftime("%d/%m/%Y %H:%M") in page
    assert "VCSE, SME" in page
    assert "2 notices" in page


def test_search_list_costs_a_fixed_number_of_queries(
    notices: dict[str, Notice], personas: Personas, client_for: Callable[..., Client]
) -> None:
    client = client_for(personas.manager)
    url = LIST + "?q=advice&cpv=85&status=open&value_from=1"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for index in range(30):
        make_notice(title=f"Advice {index}", search_text="advice", cpvs=("85000000",))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many) == 6  # session, user, 2 × permissions, count, page


def test_api_uses_the_same_filters_and_gives_relevance(notices: dict[str, Notice], personas: Personas) -> None:
    body = api_client(personas.member_a).get("/api/notices/", {"q": "advice preston", "status": "open"}).json()
    assert [row["title"] for row in body["results"]] == ["Mental health advice and support"]
    assert body["results"][0]["relevance"] > 0
    body = api_client(personas.member_a).get("/api/notices/", {"cpv": "45"}).json()
    assert [row["title"] for row in body["results"]] == ["Road resurfacing"]
    assert body["results"][0]["relevance"] is None


def test_reindex_follows_changes_and_deletions(notices: dict[str, Notice]) -> None:
    notice = notices["youth"]
    Notice.objects.filter(pk=notice.pk).update(search_text="Allotment gardening")
    search.reindex([notice.pk])
    assert found(q="mentoring") == []
    assert found(q="gardening") == ["Youth mentoring"]
    pk = notice.pk
    notice.delete()
    search.reindex([pk])
    assert found(q="gardening") == []


def test_search_url_from_the_global_search_box(
    notices: dict[str, Notice], personas: Personas, client_for: Callable[..., Client]
) -> None:
    page = client_for(personas.manager).get(reverse("core:search"), {"q": "Youth mentoring"}).content.decode()
    assert notices["youth"].get_absolute_url() in page
