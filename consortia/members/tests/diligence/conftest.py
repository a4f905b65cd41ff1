"""Uploaded files go to a temporary folder that each test starts empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from consortia.core.testing.uploads import stored_files  # noqa: F401  (the tests import it from here)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
