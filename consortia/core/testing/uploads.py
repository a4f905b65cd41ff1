"""Files for upload tests: the smallest real PDF, a Windows program to rename, what was stored,
and the refusals every API upload field must make."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db.models import Model

from consortia.core.uploads import MAX_MB

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# How a Windows program starts: "MZ", then the DOS stub.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def stored_files(root: Path) -> list[Path]:
    """Every file under `root` (the test's media folder), in order."""
    return sorted(path for path in root.rglob("*") if path.is_file())


def assert_api_refuses_bad_files(
    upload: Callable[[str, bytes], Any], model: type[Model], media: Path, *, name: str, what: str, kinds: str
) -> None:
    """An API upload field's refusals: a program renamed `<name>.pdf`, a file of a kind the field
    does not take, and a PDF over MAX_MB. Each is a 400 that names the file or says what the
    field takes (`kinds`: how that message starts) or how big `what` can be, and leaves no row
    and no file behind.

    `upload(filename, content)` posts a record with that file, everything else valid.
    """
    refusals: list[tuple[str, bytes, Callable[[str], bool]]] = [
        (
            f"{name}.pdf",
            EXECUTABLE,
            lambda text: text == f"“{name}.pdf” does not look like a PDF file. Check it opens, then upload it again.",
        ),
        (f"{name}.exe", EXECUTABLE, lambda text: text.startswith(kinds)),
        (
            f"{name}.pdf",
            PDF + b"\n" * (MAX_MB * 1024 * 1024),
            lambda text: f"the {what} can be up to {MAX_MB} MB" in text,
        ),
    ]
    for filename, content, says in refusals:
        response = upload(filename, content)
        assert response.status_code == 400, (filename, response.content[:300])
        messages = response.json()
        assert list(messages) == ["file"], messages
        assert says(messages["file"][0]), messages
        assert not model._default_manager.exists(), filename
        assert stored_files(media) == [], filename
