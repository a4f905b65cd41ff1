"""Forms of the answer library."""

from __future__ import annotations

from typing import Any

from consortia.bids.models import LibraryEntry
from consortia.core.forms import BaseModelForm


class LibraryEntryForm(BaseModelForm):
    class Meta:
        model = LibraryEntry
        fields = ["kind", "title", "question", "text", "tags", "owner", "last_reviewed", "review_months"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner: Any = self.fields["owner"]
        owner.queryset = owner.queryset.filter(organisation__isnull=True, is_active=True)
