"""The declared interest form."""

from __future__ import annotations

from typing import Any

from consortia.core.forms import BaseModelForm
from consortia.people.models import DeclaredInterest, InterestReturn


class DeclaredInterestForm(BaseModelForm):
    class Meta:
        model = DeclaredInterest
        fields = ["person", "organisation", "nature", "details", "declared_on", "ended_on"]
        help_texts = {
            "person": "A member of hub staff or the board. Their say is left out of decisions that could "
            "benefit this organisation.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person: Any = self.fields["person"]
        # Member organisations' users take no part in the hub's decisions.
        person.queryset = person.queryset.filter(organisation__isnull=True)


class InterestReturnForm(BaseModelForm):
    """A yearly confirmation recorded by the hub (a signed paper form, say); people confirm their
    own on "My declarations"."""

    class Meta:
        model = InterestReturn
        fields = ["person", "confirmed_on", "nothing_to_declare", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person: Any = self.fields["person"]
        person.queryset = person.queryset.filter(organisation__isnull=True)
