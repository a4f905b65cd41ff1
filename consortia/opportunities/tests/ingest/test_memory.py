"""A file of any size imports in constant memory: the peak does not grow with the number of releases."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

from consortia.opportunities.models import Notice, Release

from . import generate
from .conftest import import_files


def peak_import(path: Path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        import_files(path, batch_size=150)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_peak_memory_is_flat_from_600_to_3000_releases(tmp_path: Path) -> None:
    # One package each (the streamed path), gzipped like the feeds' bulk files.
    small = generate.write_package(tmp_path / "small.json.gz", 600, seed=1)
    large = generate.write_package(tmp_path / "large.json.gz", 3000, seed=2)
    small_peak = peak_import(small)
    large_peak = peak_import(large)
    assert Release.objects.count() == 3600
    assert Notice.objects.count() == 450 + 2250
    # Five times the releases, the same batches: the peak stays within a quarter of the small file's.
    assert large_peak < small_peak * 1.25, (small_peak, large_peak)
    assert large_peak < 30 * 1024 * 1024


def test_json_lines_memory_is_flat_too(tmp_path: Path) -> None:
    small = generate.write_lines(tmp_path / "small.jsonl", 600, per_package=10, seed=3)
    large = generate.write_lines(tmp_path / "large.jsonl", 3000, per_package=10, seed=4)
    small_peak = peak_import(small)
    large_peak = peak_import(large)
    assert large_peak < small_peak * 1.25, (small_peak, large_peak)
