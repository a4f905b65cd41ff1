"""The contracts scenario: the consortium dashboard, a contract's KPI page and a payment run at
500 contracts.

Builds 40 commissioners and 800 members, 500 contracts (most live, some mobilising or ended,
some ending or with an extension decision within 90 days), 5,000 signed subcontracts (ten
members a contract), five KPIs a contract (three counts, two percentages), twelve quarterly
return periods a contract, a monitoring return per subcontract and period (validated but for
the latest period's) and 300,000 return values, a 7.5% management fee per contract, and twelve
past monthly payment runs with a payment per subcontract (60,000, paid within terms or late).
Then times, as a hub manager, the consortium dashboard and one contract's KPI page (target:
median under 150 ms with a fixed query count), and `finance.services.runs.build_payment_run`
for this month for every member (target: median under 5 s; each run is rolled back, so every
repeat does the same work). See bench/README.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from bench.common import analyse, emit, log, make_hub_manager, signed_in_client, time_pages
from bench.directory import build_organisations
from consortia.core.dates import month_start

NAME = "contracts"
TARGET_MEDIAN_MS = 150.0
TARGET_RUN_S = 5.0
COMMISSIONERS = 40
MEMBERS = 800
KPIS = [  # name, unit, target, amber from, red from
    ("Clients supported", "number", Decimal(120), Decimal(110), Decimal(90)),
    ("Clients moved into work", "number", Decimal(30), Decimal(27), Decimal(20)),
    ("Sessions delivered", "number", Decimal(400), None, Decimal(300)),
    ("Clients satisfied (%)", "percentage", Decimal(85), Decimal(80), Decimal(70)),
    ("Referrals seen within 10 days (%)", "percentage", Decimal(90), Decimal(85), Decimal(75)),
]
PERIODS = 12  # quarterly: three years of returns
DASHBOARD_MATCHED = r'id="live-total"><strong>(\d+)</strong>'
KPI_MATCHED = r"(\d+)"  # the KPI page has no row count; the first number stands in


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


# --- the dataset ---------------------------------------------------------------------------------


def build_dataset(contracts: int, per_contract: int, seed: int = 2026) -> dict[str, int]:
    """Contracts, subcontracts, KPIs, periods, returns, values, fees and past payments (bulk-created)."""
    from django.db import transaction

    rng = random.Random(seed)
    with transaction.atomic():
        started = time.perf_counter()
        organisations = build_organisations(
            rng, COMMISSIONERS + max(MEMBERS, per_contract), lambda _rng: ["member", "provider"]
        )
        commissioners, members = organisations[:COMMISSIONERS], organisations[COMMISSIONERS:]
        log(f"bench: {len(organisations)} organisations in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        made, subcontracts = build_contracts(rng, commissioners, members, contracts, per_contract)
        counts = {"contracts": len(made), "subcontracts": len(subcontracts)}
        log(f"bench: contracts and subcontracts in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        counts.update(build_performance(rng, made, subcontracts))
        log(f"bench: KPIs, periods, returns and values in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        counts.update(build_payments(rng, made, subcontracts))
        log(f"bench: fees and past payments in {time.perf_counter() - started:.1f} s")
    return counts


def build_contracts(
    rng: random.Random, commissioners: list[Any], members: list[Any], contracts: int, per_contract: int
) -> tuple[list[Any], list[Any]]:
    from consortia.contracts.models import Contract, Subcontract

    today = date.today()
    rows = []
    for index in range(contracts):
        shape = rng.random()
        status = "live" if shape < 0.8 else "mobilising" if shape < 0.9 else "ended"
        # Every contract has three years of quarterly periods behind it; some end soon.
        start = quarter_start(today) - timedelta(days=rng.randint(3 * 365 + 10, 4 * 365))
        end = today + timedelta(days=rng.randint(5, 89) if rng.random() < 0.05 else rng.randint(120, 900))
        value = Decimal(rng.randrange(200_000, 5_000_000, 1000))
        rows.append(
            Contract(
                reference=f"BENCH-{index + 1:04d}",
                title=f"Community support service {index + 1}",
                commissioner=rng.choice(commissioners),
                status=status,
                start_date=start,
                end_date=end,
                extension_options="Two extensions of 12 months each.",
                extension_decision_by=today + timedelta(days=rng.randint(1, 400)) if rng.random() < 0.3 else None,
                original_value=value,
                value=value,
                payment_model="block",
            )
        )
    made = Contract.objects.bulk_create(rows, batch_size=1000)
    share = Decimal(100) / per_contract
    subs = []
    for contract in made:
        for member in rng.sample(members, per_contract):
            subs.append(
                Subcontract(
                    contract=contract,
                    organisation=member,
                    status="signed",
                    scope="Advice, support and outreach in the member's area.",
                    share=share.quantize(Decimal("0.01")),
                    value=(contract.value * share / 100 * Decimal("0.9")).quantize(Decimal("0.01")),
                    payment_model="block",
                    payment_terms_days=30,
                    start_date=contract.start_date,
                    end_date=contract.end_date,
                    signed_on=contract.start_date,
                    data_processing_agreed_on=contract.start_date,
                )
            )
    return made, Subcontract.objects.bulk_create(subs, batch_size=2000)


def build_performance(rng: random.Random, contracts: list[Any], subcontracts: list[Any]) -> dict[str, int]:
    """Five KPIs and twelve quarterly periods a contract; a return per subcontract and period,
    validated but for the latest period's (submitted); a value per return and KPI."""
    from consortia.performance.models import KPI, MonitoringReturn, ReturnPeriod, ReturnValue

    kpis = KPI.objects.bulk_create(
        [
            KPI(
                contract=contract,
                name=name,
                unit=unit,
                target=target,
                amber_threshold=amber,
                red_threshold=red,
                direction="higher",
                frequency="quarterly",
                order=order,
            )
            for contract in contracts
            for order, (name, unit, target, amber, red) in enumerate(KPIS)
        ],
        batch_size=2000,
    )
    first = month_start(quarter_start(date.today()), -3 * PERIODS)
    periods = []
    for contract in contracts:
        for index in range(PERIODS):
            starts = month_start(first, 3 * index)
            ends = month_start(starts, 3) - timedelta(days=1)
            periods.append(
                ReturnPeriod(
                    contract=contract,
                    label=f"{starts:%B} to {ends:%B %Y}",
                    starts_on=starts,
                    ends_on=ends,
                    opens_on=ends - timedelta(days=6),
                    due_on=ends + timedelta(days=14),
                )
            )
    periods = ReturnPeriod.objects.bulk_create(periods, batch_size=2000)
    periods_of: dict[int, list[Any]] = {}
    for period in periods:
        periods_of.setdefault(period.contract_id, []).append(period)
    kpis_of: dict[int, list[Any]] = {}
    for kpi in kpis:
        kpis_of.setdefault(kpi.contract_id, []).append(kpi)
    returns = []
    for sub in subcontracts:
        for index, period in enumerate(periods_of[sub.contract_id]):
            validated = index < PERIODS - 1
            submitted = datetime.combine(period.due_on, datetime.min.time()).astimezone()
            returns.append(
                MonitoringReturn(
                    subcontract=sub,
                    period=period,
                    status="validated" if validated else "submitted",
                    submitted_at=submitted,
                    validated_at=submitted + timedelta(days=rng.randint(1, 12)) if validated else None,
                    narrative="Delivery went to plan this quarter.",
                    declares_accurate=True,
                    declares_consent=True,
                    declares_no_double_claims=True,
                )
            )
    returns = MonitoringReturn.objects.bulk_create(returns, batch_size=2000)
    contract_of = {sub.pk: sub.contract_id for sub in subcontracts}
    values = []
    for made in returns:
        for kpi in kpis_of[contract_of[made.subcontract_id]]:
            if kpi.unit == "number":  # a member's share (a tenth) of the contract's target, give or take
                figure = Decimal(round(float(kpi.target) / 10 * rng.uniform(0.7, 1.2)))
            else:
                figure = Decimal(rng.randint(60, 100))
            values.append(ReturnValue(monitoring_return=made, kpi=kpi, value=figure))
    ReturnValue.objects.bulk_create(values, batch_size=5000)
    return {"kpis": len(kpis), "periods": len(periods), "returns": len(returns), "values": len(values)}


def build_payments(rng: random.Random, contracts: list[Any], subcontracts: list[Any]) -> dict[str, int]:
    """A 7.5% fee per contract; twelve past monthly runs (approved, paid) with a payment per running
    subcontract, most paid within 30 days of the commissioner paying the hub, some late."""
    from consortia.finance.models import FeeRule, MemberPayment, PaymentRun

    FeeRule.objects.bulk_create(
        [FeeRule(contract=contract, kind="percent", percentage=Decimal("7.5")) for contract in contracts],
        batch_size=2000,
    )
    this_month = date.today().replace(day=1)
    runs = PaymentRun.objects.bulk_create(
        [
            PaymentRun(
                period_start=month_start(this_month, -months),
                period_end=month_start(this_month, 1 - months) - timedelta(days=1),
                status="paid",
            )
            for months in range(12, 0, -1)
        ]
    )
    payments = []
    for run in runs:
        for index, sub in enumerate(subcontracts):
            gross = (sub.value / 36).quantize(Decimal("0.01"))
            fee = (gross * Decimal("0.075")).quantize(Decimal("0.01"))
            commissioner_paid = min(date.today(), run.period_end + timedelta(days=rng.randint(5, 30)))
            payments.append(
                MemberPayment(
                    run=run,
                    remittance=f"RA-{run.pk:05d}-{index:05d}",
                    subcontract=sub,
                    organisation_id=sub.organisation_id,
                    gross_block=gross,
                    fee=fee,
                    net=gross - fee,
                    commissioner_paid_on=commissioner_paid,
                    member_paid_on=min(
                        date.today(),
                        commissioner_paid
                        + timedelta(days=rng.randint(2, 28) if rng.random() < 0.9 else rng.randint(31, 60)),
                    ),
                )
            )
    MemberPayment.objects.bulk_create(payments, batch_size=5000)
    return {"payment_runs": len(runs), "member_payments": len(payments)}


# --- the timings ---------------------------------------------------------------------------------


def time_payment_run(user: Any, repeat: int, budget: float) -> dict[str, Any]:
    """Build this month's payment run for every member, `repeat` times, each rolled back."""
    from django.db import transaction

    from bench.common import counting_queries
    from consortia.finance.services.runs import build_payment_run

    start = date.today().replace(day=1)
    end = month_start(start, 1) - timedelta(days=1)
    times: list[float] = []
    queries: list[int] = []
    payments = 0
    with counting_queries() as counter:
        for round_ in range(repeat):
            if round_ >= 3 and sum(times) > budget * 4:
                break
            counter[0] = 0
            with transaction.atomic():
                started = time.perf_counter()
                run = build_payment_run(start, end, user, notes="Bench run")
                times.append(time.perf_counter() - started)
                payments = run.payments.count()
                queries.append(counter[0])
                transaction.set_rollback(True)
    return {
        "operation": "build_payment_run for every member",
        "period": f"{start:%d/%m/%Y} to {end:%d/%m/%Y}",
        "samples": len(times),
        "payments": payments,
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "queries": max(queries),
        "queries_fixed": len(set(queries)) == 1,
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("contracts scenario")
    group.add_argument("--contracts", type=int, default=500, help="contracts to create (500)")
    group.add_argument("--per-contract", type=int, default=10, help="subcontracts per contract (10)")


def check_args(args: argparse.Namespace) -> None:
    if args.contracts < 10 or not 1 <= args.per_contract <= MEMBERS:
        raise SystemExit(f"bench: --contracts must be at least 10 and --per-contract from 1 to {MEMBERS}")


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Build the contracts' data in the (fresh) scratch database, time the pages and the payment run."""
    from consortia.contracts.models import Contract

    started = time.perf_counter()
    counts = build_dataset(args.contracts, args.per_contract)
    log(f"bench: contracts' data {counts} in {time.perf_counter() - started:.1f} s")
    analyse()
    manager = make_hub_manager()
    client = signed_in_client(manager)
    contract = Contract.objects.filter(status="live").order_by("reference").first()
    assert contract is not None
    results = []
    pages = [
        ("consortium dashboard", "/contracts/dashboard/", DASHBOARD_MATCHED),
        (f"KPI page of {contract.reference}", f"/performance/contracts/{contract.pk}/kpis/", KPI_MATCHED),
    ]
    for name, url, pattern in pages:
        timing = time_pages(client, [url], args.repeat, args.budget, pattern)[0]
        line: dict[str, Any] = {
            "page": name,
            "url": url,
            "samples": len(timing.times_ms),
            "median_ms": round(timing.median, 2),
            "p95_ms": round(timing.p95, 2),
            "queries": timing.query_count,
            "queries_fixed": timing.fixed,
            "cpu_median_ms": round(timing.cpu_median, 2),
        }
        if name == "consortium dashboard":
            line["matched"] = timing.matched  # live contracts the dashboard counts
        emit(line)
        line["counts"] = counts
        results.append(line)
        log(f"bench: {name}: {line['median_ms']} ms ({line['queries']} queries)")
    payment_run = time_payment_run(manager, args.repeat, args.budget)
    emit(payment_run)
    log(f"bench: payment run: {payment_run['median_s']} s ({payment_run['payments']} payments)")
    payment_run["counts"] = counts
    results.append(payment_run)
    return results


def summarise(results: list[dict[str, Any]], args: argparse.Namespace) -> tuple[dict[str, Any], bool]:
    """The contracts' fields of the summary line, and whether they meet the targets."""
    pages = [line for line in results if "page" in line]
    runs = [line for line in results if "operation" in line]
    counts = results[0]["counts"] if results else {}
    max_median = max(line["median_ms"] for line in pages)
    fixed = all(line["queries_fixed"] for line in pages)
    run_median = runs[0]["median_s"] if runs else None
    fields = {
        "contracts": counts.get("contracts", args.contracts),
        "subcontracts": counts.get("subcontracts"),
        "return_values": counts.get("values"),
        "contracts_max_median_ms": max_median,
        "contracts_fixed_query_counts": fixed,
        "contracts_target_median_ms": TARGET_MEDIAN_MS,
        "payment_run_median_s": run_median,
        "payment_run_target_s": TARGET_RUN_S,
        "contracts_meets_target": max_median < TARGET_MEDIAN_MS
        and fixed
        and run_median is not None
        and run_median < TARGET_RUN_S,
    }
    return fields, bool(fields["contracts_meets_target"])
