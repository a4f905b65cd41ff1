from __future__ import annotations

from typing import Any

from consortia.documents.builders import WordDocument
from consortia.documents.models import GeneratedDocument
from consortia.documents.services import store


def make_document(source: Any = None, title: str = "Board paper", user: Any = None) -> GeneratedDocument:
    word = WordDocument(title)
    word.paragraph("For decision.")
    return store(word.build(title), kind="test_paper", source=source, user=user)
