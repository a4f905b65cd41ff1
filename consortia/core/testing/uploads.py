"""Files for upload tests: the smallest real PDF, a Windows program to rename, and what was stored."""

from __future__ import annotations

from pathlib import Path

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# How a Windows program starts: "MZ", then the DOS stub.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def stored_files(root: Path) -> list[Path]:
    """Every file under `root` (the test's media folder), in order."""
    return sorted(path for path in root.rglob("*") if path.is_file())
