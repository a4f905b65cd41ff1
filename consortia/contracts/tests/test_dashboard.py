"""The consortium dashboard: its figures, a fixed number of queries, and who may see it."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.contracts.choices import ContractStatus
from consortia.contracts.models import Contract
from consortia.core.charts import bar_chart, line_chart
from consortia.directory.tests.factories import OrganisationFactory
from consortia.finance.models import MemberPayment, PaymentRun
from consortia.performance.choices import ReturnStatus, Unit
from consortia.performance.models import ReturnValue
from consortia.performance.services.rag import contract_performance
from consortia.performance.tests import factories as perf
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db
URL = reverse("contracts:dashboard")


def build(commissioner: Any, members: list[Any], figures: list[str], ends_in: int = 400) -> Contract:
    """A live contract with a subcontract per member, two KPIs (a count and a rate), two periods
    with validated returns (the later one with `figures`, one per member) and payments made."""
    today = timezone.localdate()
    made = perf.contract(
        commissioner,
        status=ContractStatus.LIVE,
        start_date=today - timedelta(days=300),
        end_date=today + timedelta(days=ends_in),
    )
    share = str(Decimal(100) / len(members))
    subs = [perf.subcontract(made, member, share) for member in members]
    count = perf.kpi(made, "Clients supported", target=Decimal(100), red_threshold=Decimal(50))
    satisfied = perf.kpi(made, "Clients satisfied", unit=Unit.PERCENTAGE, target=Decimal(80))
    early = perf.period(made, today - timedelta(days=200), today - timedelta(days=110), label="Earlier")
    later = perf.period(made, today - timedelta(days=109), today - timedelta(days=20), label="Latest")
    for period, values in ((early, ["5"] * len(members)), (later, figures)):
        for sub, value in zip(subs, values, strict=True):
            done = perf.monitoring_return(sub, period, ReturnStatus.VALIDATED)
            ReturnValue.objects.create(monitoring_return=done, kpi=count, value=Decimal(value))
            ReturnValue.objects.create(monitoring_return=done, kpi=satisfied, value=Decimal(90))
    perf.monitoring_return(subs[0], perf.period(made, today - timedelta(days=19), today, label="Now"))  # not validated
    run = PaymentRun.objects.create(period_start=today - timedelta(days=60), period_end=today - timedelta(days=31))
    for index, sub in enumerate(subs):
        MemberPayment.objects.create(
            run=run,
            remittance=f"RA-{run.pk:05d}-{index:04d}",
            subcontract=sub,
            organisation=sub.organisation,
            commissioner_paid_on=today - timedelta(days=50),
            member_paid_on=today - timedelta(days=45 if index % 2 == 0 else 5),  # 5 days, or 45 (late)
        )
    return made


def test_dashboard_figures_and_a_fixed_number_of_queries(
    client: Any, personas: Personas, django_assert_num_queries: Any
) -> None:
    members = [personas.org_a, personas.org_b]
    first = build(personas.org_c, members, ["60", "30"], ends_in=40)  # 90 in all: amber
    client.force_login(personas.manager)
    client.get(URL)  # the session's first write out of the way
    # Thirteen queries: session, user, the user's permissions (their own and their groups'); the
    # live contracts by commissioner; the running contracts' ids with their latest validated
    # period; their KPIs; the members' figures summed per KPI; the contracts shown in the table and
    # their periods; signed subcontracts by member; the payment measure; the contracts coming up.
    with django_assert_num_queries(13):
        page = client.get(URL)
    assert page.status_code == 200
    figures = page.context["figures"]
    assert [rating.overall for rating in figures.ratings] == ["amber"]
    assert contract_performance(first).overall == ["red", "amber", None]  # the latest validated: amber
    assert figures.worst[0].period.label == "Latest"
    assert (figures.worst[0].contract, figures.worst[0].period_id) == (first, figures.ratings[0].period_id)
    assert figures.ratings[0].counts == {"red": 0, "amber": 1, "green": 1}

    # Many more rows: more contracts, members, commissioners, returns; the same queries.
    others = [OrganisationFactory(name=f"Member {index}") for index in range(12)]
    build(OrganisationFactory(name="Northshire Council"), others[:6], ["8"] * 6)  # 48, below 50: red
    build(OrganisationFactory(name="Southshire Council"), others[6:], ["1"] * 6)  # 6: red
    build(personas.org_c, [personas.org_a, *others[:3]], ["40"] * 4, ends_in=400)  # 160: green
    ended = build(personas.org_c, others[3:5], ["1", "1"])
    Contract.objects.filter(pk=ended.pk).update(status=ContractStatus.ENDED)
    with django_assert_num_queries(13):
        page = client.get(URL)
    figures = page.context["figures"]
    # Live contracts by commissioner: the ended one is left out; values are current values.
    by_name = {line.name: (line.count, line.value) for line in figures.by_commissioner}
    assert by_name[personas.org_c.name] == (2, Decimal("240000.00"))
    assert figures.live_count == 4
    assert figures.live_value == Decimal("480000.00")
    # Signed subcontracts by member: at most ten, the largest first, then by name (A holds two).
    assert len(figures.by_member) == 10
    top = figures.by_member[0]
    assert (top.name, top.count, top.value) == (personas.org_a.name, 2, Decimal("120000.00"))
    # Every other payment was made 45 days after the commissioner paid: late against 30-day terms.
    assert figures.paid_within_terms == Decimal(50)
    # Each running contract's rating is the performance app's for that contract's latest period.
    for rating in figures.ratings:
        performance = contract_performance(Contract.objects.get(pk=rating.contract_id))
        index = [period.pk for period in performance.periods].index(rating.period_id)
        assert rating.overall == performance.overall[index], rating.contract_id
    assert ended.pk not in [rating.contract_id for rating in figures.ratings]
    assert figures.rating_totals == {"red": 2, "amber": 1, "green": 1}
    # The ending contract is coming up; the others end beyond 90 days.
    assert [(item.contract.pk, item.kind) for item in figures.coming_up] == [(first.pk, "end")]
    html = page.content.decode()
    assert html.count("<svg") == 3
    assert "Northshire Council" in html
    assert [rating.overall for rating in figures.worst] == ["red", "red", "amber", "green"]
    assert 'id="ratings-shown"' not in html  # every contract fits
    assert "Members paid within terms" in html
    assert reverse("performance:contract_kpis", args=[first.pk]) in html


def test_who_may_see_the_dashboard(client: Any, personas: Personas) -> None:
    build(personas.org_c, [personas.org_a], ["50"])
    for user, status in (
        (personas.member_a, 404),  # members see their own contracts, but not the hub's dashboard
        (personas.commissioner, 404),
        (personas.nobody, 403),
        (personas.contracts_officer, 200),
    ):
        client.force_login(user)
        assert client.get(URL).status_code == status, user
    client.force_login(personas.manager)
    assert URL in client.get(reverse("contracts:contract_list")).content.decode()  # in the Contracts menu
    client.force_login(personas.nobody)
    assert client.get(URL.replace("dashboard/", "")).status_code in (403, 404)
    client.logout()
    assert client.get(URL).status_code == 302


def test_charts() -> None:
    chart = line_chart([("Q1", Decimal(50), "red"), ("Q2", None, "grey"), ("Q3", Decimal(100), "green")], Decimal(80))
    assert len(chart.dots) == 2
    assert chart.target_y is not None
    assert chart.dots[1][1] < chart.target_y
    bars = bar_chart([("A", Decimal(10), "blue"), ("B", 5, "grey")], value_label=str)
    assert bars.bars[0].width == 2 * bars.bars[1].width
    assert bars.bars[1].y > bars.bars[0].y
    assert bar_chart([]).bars == []


def test_the_ratings_table_shows_the_worst_contracts_first_and_says_where_the_rest_are(
    client: Any, personas: Personas
) -> None:
    from consortia.contracts.services import dashboard as service

    for _index in range(service.WORST_CONTRACTS + 2):
        build(personas.org_c, [personas.org_a], ["100"])  # 100: green
    red = build(OrganisationFactory(name="Northshire Council"), [personas.org_b], ["1"])
    client.force_login(personas.manager)
    page = client.get(URL)
    worst = page.context["figures"].worst
    assert len(worst) == service.WORST_CONTRACTS
    assert (worst[0].contract.pk, worst[0].overall) == (red.pk, "red")
    html = page.content.decode()
    assert f"The {service.WORST_CONTRACTS} to look at first of {service.WORST_CONTRACTS + 3} running contracts" in html
    rows = re.findall(r'href="/performance/contracts/\d+/kpis/"', html)
    assert len(rows) == service.WORST_CONTRACTS  # a row each, linked to its KPI page
