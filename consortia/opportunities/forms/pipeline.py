"""Forms of the pipeline: the opportunity, and moving it to another stage."""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.opportunities.choices import PipelineStage
from consortia.opportunities.models import Opportunity


class OpportunityForm(BaseModelForm):
    fieldsets = [
        ("The opportunity", ["title", "kind", "commissioner", "description", "value", "notice", "source_url"]),
        ("Deadlines", ["clarification_deadline", "submission_deadline", "award_date", "start_date"]),
        ("In the hub", ["stage", "owner", "shared_with_members", "notes"]),
    ]

    class Meta:
        model = Opportunity
        fields = [
            "title",
            "kind",
            "commissioner",
            "description",
            "value",
            "notice",
            "source_url",
            "clarification_deadline",
            "submission_deadline",
            "award_date",
            "start_date",
            "stage",
            "owner",
            "shared_with_members",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A notice is linked by "Follow this notice" on its page, not picked from 200,000.
        self.fields["notice"].disabled = True
        self.fields["notice"].widget = forms.HiddenInput()
        self.fields["notice"].required = False


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=PipelineStage.choices, label="Move to")
