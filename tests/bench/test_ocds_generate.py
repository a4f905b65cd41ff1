"""The benchmark's generated releases are as full as the real files they follow, and import.

`make bench` compares our import with `ocdskit compile` on these files; a merge's work grows
with the fields a release holds, so releases thinner than the real ones would flatter whichever
tool spends more per field.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import orjson
import pytest

from bench.ocds_generate import fields_in, generated_field_counts, real_field_counts, releases, write
from consortia.opportunities.ingest import Ingester
from consortia.opportunities.models import Notice


def test_generated_releases_hold_about_as_many_fields_as_the_real_files(tmp_path: Path) -> None:
    real = real_field_counts()
    assert len(real) >= 9, "the real Contracts Finder, Find a Tender and OCDS sample files are beside the repository"
    files = write(tmp_path, 5000, per_file=5000)
    generated = generated_field_counts(files[0], packages=50)
    assert len(generated) == 5000
    # Within a third of the real median, and each kind of release in the range the real ones span.
    assert statistics.median(generated) >= statistics.median(real) * 2 / 3
    assert max(generated) <= max(real) * 1.5


def test_the_same_seed_gives_the_same_releases() -> None:
    assert list(releases(300, seed=3)) == list(releases(300, seed=3))
    assert list(releases(300, seed=3)) != list(releases(300, seed=4))


@pytest.mark.django_db
def test_generated_releases_import_into_notices_with_their_fields(tmp_path: Path) -> None:
    files = write(tmp_path, 1000, per_file=1000)
    ingester = Ingester("file", files=[path.name for path in files])
    for path in files:
        ingester.import_file(path)
    run = ingester.finish()
    assert run.releases_new == 1000
    assert run.packages_refused == 0
    processes = {
        release["ocid"] for line in files[0].read_bytes().splitlines() for release in orjson.loads(line)["releases"]
    }
    assert Notice.objects.count() == len(processes)
    # Both shapes give a buyer, a value, a deadline and CPV codes; Find a Tender's its UK notice type.
    for prefix in ("ocds-b5fd17-", "ocds-h6vhtk-"):
        notices = Notice.objects.filter(ocid__startswith=prefix)
        assert notices.exists()
        assert not notices.filter(buyer_name="").exists()
        assert not notices.filter(cpv_codes="").exists()
        assert notices.exclude(value_amount=None).count() == notices.count()
    assert Notice.objects.filter(ocid__startswith="ocds-h6vhtk-", notice_type__startswith="UK").exists()
    assert fields_in({"a": [1, {"b": None}], "c": "x"}) == 3
