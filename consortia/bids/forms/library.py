"""Forms of the answer library."""

from __future__ import annotations

from consortia.bids.models import LibraryEntry
from consortia.core.forms import BaseModelForm


class LibraryEntryForm(BaseModelForm):
    class Meta:
        model = LibraryEntry
        fields = ["kind", "title", "question", "text", "tags", "owner", "last_reviewed", "review_months"]
