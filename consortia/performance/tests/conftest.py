from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    """Uploaded files go to a scratch folder, never the real media root."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
