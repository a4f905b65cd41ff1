"""Shared paths and helpers for the notice import tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from consortia.opportunities.ingest import Ingester
from consortia.opportunities.models import IngestRun, Notice

# The shared fixtures sit beside the repository (same layout on CI): /work/main/consortia/... -> /work/shared/data.
DATA = Path(__file__).resolve().parents[5] / "shared" / "data"
SAMPLE = DATA / "ocds-sample"
SAMPLE_PACKAGE = SAMPLE / "ocds-213czf-000-00001.json"
SAMPLE_RECORD = SAMPLE / "record-ocds-213czf-000-00001.json"
SAMPLE_STAGES = sorted(SAMPLE.glob("ocds-213czf-000-00001-0*.json"))
CF_VCO = DATA / "contracts-finder" / "ocds-b5fd17raw-8d4f7655-8273-482e-9877-1057a95a2501.json"
CF_MINVALUE = DATA / "contracts-finder" / "ocds-b5fd17raw-0245cc95-f843-4803-acb7-3bfb1314707f.json"
FTS = DATA / "find-a-tender" / "fts-apidoc-sample-release-package.json"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
UK4 = FIXTURES / "pa-uk4-tender-notice.json"
UK6 = FIXTURES / "pa-uk6-award-notice.json"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def import_files(*paths: Path | str, source: str = "file", **options: Any) -> IngestRun:
    ingester = Ingester(source, files=[str(path) for path in paths], **options)
    for path in paths:
        ingester.import_file(path)
    return ingester.finish()


def compiled(ocid: str) -> Any:
    return json.loads(Notice.objects.get(ocid=ocid).compiled)


@pytest.fixture(autouse=True)
def _db(db: Any) -> None:
    """Every test here reads and writes the database."""
