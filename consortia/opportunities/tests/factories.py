"""Factories for tender notices and releases (factory-boy).

A notice made here is not yet in the SQLite full-text index: `make_notice` (or a test that
writes notices itself) calls `search.reindex`, as the ingest code does after it writes.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from consortia.opportunities import search
from consortia.opportunities.choices import Source, Stage
from consortia.opportunities.models import CpvCode, Notice, NoticeCpv, Release


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    ocid = factory.Sequence(lambda n: f"ocds-h6vhtk-{n:06d}")
    source = Source.FIND_A_TENDER
    title = factory.Sequence(lambda n: f"Community support service {n}")
    description = "Support for residents, delivered locally."
    buyer_name = "Lancashire County Council"
    value_amount = Decimal("100000")
    currency = "GBP"
    published = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    stage = Stage.TENDER
    status = "active"
    procedure = "open"
    notice_type = "UK4"
    region = "North West"
    url = factory.LazyAttribute(lambda notice: f"https://www.find-tender.service.gov.uk/Notice/{notice.ocid}")
    search_text = factory.LazyAttribute(lambda notice: f"{notice.title} {notice.description} {notice.buyer_name}")


def make_notice(cpvs: tuple[str, ...] = (), **fields: Any) -> Notice:
    """A saved notice with its CPV codes, in the full-text index."""
    if cpvs:
        fields.setdefault("main_cpv", cpvs[0])
        fields.setdefault("cpv_codes", " ".join(cpvs))
    notice = NoticeFactory(**fields)
    NoticeCpv.objects.bulk_create([NoticeCpv(notice=notice, code=code) for code in cpvs])
    search.reindex([notice.pk])
    return notice


def make_release(notice: Notice, index: int = 0, **fields: Any) -> Release:
    """A release of `notice` with a small OCDS document as its data."""
    date = fields.pop("date", (notice.published or timezone.now()) + datetime.timedelta(days=index))
    data = fields.pop(
        "data",
        {
            "ocid": notice.ocid,
            "id": f"{notice.ocid}-{index}",
            "date": date.isoformat(),
            "tag": ["tender"],
            "tender": {"title": notice.title},
        },
    )
    text = json.dumps(data)
    return Release.objects.create(
        ocid=notice.ocid,
        release_id=data.get("id", str(index)) if isinstance(data, dict) else str(index),
        date=date,
        tags=fields.pop("tags", "tender"),
        notice_type=fields.pop("notice_type", notice.notice_type),
        source=notice.source,
        content_hash=f"{notice.pk:032d}{index:032d}",
        data=text,
        notice=notice,
        **fields,
    )


def cpv(code: str, description: str) -> CpvCode:
    return CpvCode.objects.update_or_create(code=code, defaults={"description": description})[0]
