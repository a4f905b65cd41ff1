"""The answer library: freshness, suggestions by similarity, saving and reusing answers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from consortia.bids.choices import EntryKind, Freshness, QuestionStatus
from consortia.bids.models import BidQuestion, LibraryEntry, LibraryUse
from consortia.core.dates import add_months

NEEDS_REVIEW_DAYS = 30  # an entry due for review within this many days "needs review"

# Words too common in tender questions to say anything about what is asked.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "all",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "describe",
        "do",
        "does",
        "explain",
        "for",
        "from",
        "give",
        "have",
        "how",
        "in",
        "including",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "please",
        "provide",
        "should",
        "that",
        "the",
        "their",
        "this",
        "to",
        "us",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)
TOKEN = re.compile(r"[a-z0-9]+")


def freshness(entry: LibraryEntry, today: date | None = None) -> str:
    """Fresh; needs review (due within 30 days); out of date (past due, or never reviewed)."""
    today = today or timezone.localdate()
    if entry.last_reviewed is None:
        return Freshness.OUT_OF_DATE
    due = add_months(entry.last_reviewed, entry.review_months)
    if due < today:
        return Freshness.OUT_OF_DATE
    if due <= today + timedelta(days=NEEDS_REVIEW_DAYS):
        return Freshness.NEEDS_REVIEW
    return Freshness.FRESH


def review_due(entry: LibraryEntry) -> date | None:
    return add_months(entry.last_reviewed, entry.review_months) if entry.last_reviewed else None


def words(text: str) -> set[str]:
    """The meaningful words of a text: lower case, stop words and one- or two-letter words left out,
    a plural "s" taken off so "carers" meets "carer"."""
    found = set()
    for token in TOKEN.findall((text or "").lower()):
        if len(token) < 3 or token in STOP_WORDS:
            continue
        if len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        found.add(token)
    return found


@dataclass
class Suggestion:
    entry: LibraryEntry
    score: int  # 0 to 100
    matched: list[str]


def similarity(question: str, entry: LibraryEntry) -> tuple[int, list[str]]:
    """How well `entry` fits `question`, 0 to 100, and the words they share.

    Each meaningful word of the question found in the entry counts: 3 in its tags, 2 in its
    title or the question it answers, 1 in its text; the score is the total over 3 points a word.
    """
    asked = words(question)
    if not asked:
        return 0, []
    tags = words(" ".join(entry.tag_list))
    heading = words(f"{entry.title} {entry.question}")
    body = words(entry.text)
    points = 0
    matched = []
    for word in sorted(asked):
        weight = 3 if word in tags else 2 if word in heading else 1 if word in body else 0
        if weight:
            matched.append(word)
            points += weight
    return round(100 * points / (3 * len(asked))), matched


def suggestions(question: BidQuestion, entries: Any, limit: int = 5) -> list[Suggestion]:
    """The library entries most like the question, best first (fresher, then more reused, on a tie)."""
    order: dict[str, int] = {Freshness.FRESH: 0, Freshness.NEEDS_REVIEW: 1, Freshness.OUT_OF_DATE: 2}
    found = []
    for entry in entries:
        score, matched = similarity(f"{question.section} {question.text}", entry)
        if score > 0:
            found.append(Suggestion(entry, score, matched))
    found.sort(key=lambda s: (-s.score, order[freshness(s.entry)], -s.entry.reuse_count, s.entry.title, s.entry.pk))
    return found[:limit]


@transaction.atomic
def use_entry(entry: LibraryEntry, question: BidQuestion, user: Any) -> BidQuestion:
    """Put the entry's text into the question's answer (after what is there) and record the use.

    The reuse count goes up once per question, however often the entry is inserted into it.
    """
    if question.status == QuestionStatus.FINAL:
        raise ValidationError("The answer is final; move it back to review to change it.")
    question.answer = f"{question.answer.rstrip()}\n\n{entry.text}".strip() if question.answer.strip() else entry.text
    if question.status == QuestionStatus.NOT_STARTED:
        question.status = QuestionStatus.DRAFTING
    question.stamp(user)
    question.save(update_fields=["answer", "status", "updated", "updated_by"])
    _use, created = LibraryUse.objects.get_or_create(entry=entry, question=question, defaults={"created_by": user})
    if created:
        LibraryEntry.objects.filter(pk=entry.pk).update(reuse_count=F("reuse_count") + 1)
        entry.refresh_from_db(fields=["reuse_count"])
    return question


@transaction.atomic
def save_to_library(question: BidQuestion, user: Any, *, title: str = "", tags: str = "") -> tuple[LibraryEntry, bool]:
    """Keep a final answer in the library (once: saving it again updates the same entry's text).

    Returns the entry and whether it was made now.
    """
    if question.status != QuestionStatus.FINAL:
        raise ValidationError("Only a final answer can be saved to the library.")
    if not question.answer.strip():
        raise ValidationError("The answer is empty.")
    entry = LibraryEntry.objects.select_for_update().filter(saved_from=question).first()
    created = entry is None
    if entry is None:
        entry = LibraryEntry(
            saved_from=question,
            kind=EntryKind.ANSWER,
            title=(title or f"{question.section or question.bid.opportunity.title}: {question.number}")[:200],
            tags=tags,
            owner=question.owner or user,
        )
    elif entry.text == question.answer and entry.question == question.text:
        return entry, False
    entry.question = question.text
    entry.text = question.answer
    entry.last_reviewed = timezone.localdate()
    entry.full_clean()
    entry.stamp(user)
    entry.save()
    return entry, created


@transaction.atomic
def mark_reviewed(entry: LibraryEntry, user: Any, on: date | None = None) -> LibraryEntry:
    entry.last_reviewed = on or timezone.localdate()
    entry.stamp(user)
    entry.save(update_fields=["last_reviewed", "updated", "updated_by"])
    return entry
