"""The saved search form."""

from __future__ import annotations

from consortia.core.forms import BaseModelForm
from consortia.opportunities.models import SavedSearch


class SavedSearchForm(BaseModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "query", "in_digest"]
        help_texts = {
            "query": "The filters, as they appear after the “?” in the address of the notice search, "
            "e.g. q=advice&region=North+West&open=true.",
        }
