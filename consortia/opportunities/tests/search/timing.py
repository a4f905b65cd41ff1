"""Timing check for the notice search at scale (not part of the test suite).

Makes 50,000 notices with bulk_create in the database the settings name, indexes them, and
times searches with two filters (the count and the first page, as the list page asks for
them), then the list page itself. Run against a throwaway database:

    export DJANGO_SETTINGS_MODULE=consortia.config.settings_test SQLITE_PATH=/tmp/notices.sqlite3
    .venv/bin/python manage.py migrate -v0
    .venv/bin/python manage.py shell -c "from consortia.opportunities.tests.search import timing; timing.main()"
"""

from __future__ import annotations

import datetime
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from consortia.opportunities import search
from consortia.opportunities.filtersets.notices import NoticeFilterSet
from consortia.opportunities.models import Notice, NoticeCpv

COUNT = 50_000
TOPICS = [
    "mental",
    "health",
    "advice",
    "support",
    "counselling",
    "youth",
    "mentoring",
    "housing",
    "homelessness",
    "welfare",
    "benefits",
    "debt",
    "employability",
    "training",
    "carers",
    "dementia",
    "befriending",
    "domestic",
    "abuse",
    "refugees",
    "advocacy",
    "highways",
    "resurfacing",
    "construction",
    "cleaning",
    "catering",
    "software",
    "licences",
    "vehicles",
    "waste",
    "recycling",
    "consultancy",
    "legal",
    "audit",
    "insurance",
    "security",
    "furniture",
    "laboratory",
    "equipment",
    "Preston",
    "Blackpool",
    "Lancashire",
    "Manchester",
    "Liverpool",
    "Leeds",
    "London",
    "community",
    "voluntary",
    "services",
    "delivery",
    "framework",
]
FILLER = [f"word{n}" for n in range(3000)]
# Health and social work (85) is one division among many, as in the feeds.
CPVS = ["85312300", "85311000", "85320000", "85100000"] + [f"{division}000000" for division in range(30, 99, 3)]
BUYERS = ["Preston City Council", "Blackpool Council", "Lancashire County Council", "NHS Lancashire", "Home Office"]


def make(count: int = COUNT, seed: int = 1) -> None:
    """`count` notices with one to three CPV codes each, then the full-text index."""
    rng = random.Random(seed)
    now = timezone.now()
    notices = []
    for index in range(count):
        words = rng.choices(TOPICS, k=3) + rng.choices(FILLER, k=120)
        title = " ".join(rng.choices(TOPICS, k=2) + rng.choices(FILLER, k=4)).capitalize()
        buyer = rng.choice(BUYERS)
        notices.append(
            Notice(
                ocid=f"ocds-timing-{index:07d}",
                source="fts",
                title=title,
                description=" ".join(words),
                buyer_name=buyer,
                value_amount=Decimal(rng.randrange(5_000, 5_000_000)),
                published=now - datetime.timedelta(days=rng.randrange(0, 700)),
                deadline=now + datetime.timedelta(days=rng.randrange(-400, 60)),
                status=rng.choice(["active", "complete", "cancelled"]),
                procedure=rng.choice(["open", "selective", "limited"]),
                notice_type=f"UK{rng.randrange(1, 18)}",
                region=rng.choice(["North West", "Lancashire", "London"]),
                suitable_vcse=rng.choice([True, False, None]),
                suitable_sme=rng.choice([True, False, None]),
                search_text=f"{title} {' '.join(words)} {buyer}",
            )
        )
    started = time.perf_counter()
    with transaction.atomic():
        Notice.objects.bulk_create(notices, batch_size=1000)
        ids = list(Notice.objects.filter(ocid__startswith="ocds-timing-").values_list("pk", flat=True))
        NoticeCpv.objects.bulk_create(
            [NoticeCpv(notice_id=pk, code=code) for pk in ids for code in set(rng.sample(CPVS, rng.randrange(1, 4)))],
            batch_size=2000,
        )
    written = time.perf_counter() - started
    started = time.perf_counter()
    with transaction.atomic():
        for start in range(0, len(ids), 5000):
            search.reindex(ids[start : start + 5000])
    print(f"wrote {count} notices in {written:.1f}s; reindexed them in {time.perf_counter() - started:.1f}s")


def timed(run: Callable[[], object], repeat: int = 21) -> tuple[float, float]:
    run()  # warm the caches, as a running server's are
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    if not Notice.objects.filter(ocid__startswith="ocds-timing-").exists():
        make()
    print(f"{connection.vendor}: {Notice.objects.count()} notices")
    cases = {
        "q + cpv": {"q": "mental health", "cpv": "853"},
        "q + status open": {"q": "advice Preston", "status": "open"},
        "cpv + status open": {"cpv": "85", "status": "open"},
        "q + cpv, by deadline": {"q": "befriending", "cpv": "85", "order": "deadline"},
        "q + value range": {"q": "housing", "value_from": "100000", "value_to": "500000"},
    }
    for label, params in cases.items():

        def page(params: dict[str, str] = params) -> object:
            filterset = NoticeFilterSet(params, queryset=Notice.objects.all())
            assert filterset.is_valid()
            rows = filterset.qs
            return rows.count(), list(rows[:50])

        median, worst = timed(page)
        print(f"{label:28} median {median:6.1f} ms, worst {worst:6.1f} ms, {page()[0]} found")  # type: ignore[index]
    from consortia.users.models import User

    user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "timing@hub.test", "a-long-timing-password"
    )
    client = Client()
    client.force_login(user)
    for label, params in cases.items():
        median, worst = timed(lambda params=params: client.get("/opportunities/notices/", params), repeat=11)
        print(f"page {label:23} median {median:6.1f} ms, worst {worst:6.1f} ms")
