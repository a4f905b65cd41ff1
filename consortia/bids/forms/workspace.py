"""Forms of the bid workspace."""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.bids.choices import Outcome
from consortia.bids.models import Bid, BidPartner, BidQuestion, Clarification, ComplianceItem, Milestone
from consortia.core.forms import BaseModelForm
from consortia.opportunities.choices import Decision


class BidForm(BaseModelForm):
    class Meta:
        model = Bid
        fields = ["opportunity", "manager", "team", "top_slice", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        opportunity: Any = self.fields["opportunity"]
        # Only opportunities decided "bid" and not yet being bid for (or this bid's own).
        opportunity.queryset = opportunity.queryset.filter(bid_decision__decision=Decision.BID).exclude(
            bid__isnull=False, bid__pk__in=Bid.objects.exclude(pk=self.instance.pk).values("pk")
        )
        if self.instance.pk:
            opportunity.disabled = True


class BidPartnerForm(BaseModelForm):
    class Meta:
        model = BidPartner
        fields = ["bid", "organisation", "role", "delivery_share", "delivery_cost", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from consortia.members.services.diligence import eligible_organisations

        organisation: Any = self.fields["organisation"]
        eligible = eligible_organisations().values("pk")
        if self.instance.pk:
            organisation.queryset = organisation.queryset.filter(pk__in=eligible) | organisation.queryset.filter(
                pk=self.instance.organisation_id
            )
        else:
            organisation.queryset = organisation.queryset.filter(pk__in=eligible)
        organisation.help_text = (
            "Only members eligible under the due-diligence rule (a green or amber review) are offered."
        )


class MilestoneForm(BaseModelForm):
    class Meta:
        model = Milestone
        fields = ["bid", "name", "due_on", "owner", "done", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class BidQuestionForm(BaseModelForm):
    fieldsets = [
        ("The question", ["bid", "number", "order", "section", "text", "limit_kind", "limit", "weighting"]),
        ("Who and when", ["owner", "assigned_partner", "due_on", "status"]),
        ("The answer", ["answer"]),
        ("After the outcome", ["score", "max_score", "feedback"]),
    ]

    class Meta:
        model = BidQuestion
        fields = [
            "bid",
            "number",
            "order",
            "section",
            "text",
            "limit_kind",
            "limit",
            "weighting",
            "owner",
            "assigned_partner",
            "due_on",
            "status",
            "answer",
            "score",
            "max_score",
            "feedback",
        ]
        widgets = {"answer": forms.Textarea(attrs={"rows": 12, "data-word-count": "1"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partner: Any = self.fields["assigned_partner"]
        partner.queryset = partner.queryset.select_related("organisation", "bid__opportunity")
        bid_id = self.instance.bid_id or self.initial.get("bid")
        if bid_id:
            partner.queryset = partner.queryset.filter(bid_id=bid_id)
        partner.label_from_instance = lambda row: str(row.organisation)


class ClarificationForm(BaseModelForm):
    class Meta:
        model = Clarification
        fields = ["bid", "reference", "question", "asked_on", "answer", "answered_on"]


class ComplianceItemForm(BaseModelForm):
    class Meta:
        model = ComplianceItem
        fields = ["bid", "name", "partner", "requirement", "done", "notes"]


class SubmitForm(forms.Form):
    reference = forms.CharField(
        label="Submission reference",
        max_length=200,
        required=False,
        help_text="The receipt number from the commissioner's portal.",
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=Outcome.choices, widget=forms.RadioSelect)
    outcome_on = forms.DateField(label="Told on")
    feedback = forms.CharField(
        label="Commissioner's feedback", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    lessons_learned = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)


class QuestionListForm(forms.Form):
    file = forms.FileField(label="Question list", help_text="An Excel (.xlsx) or Word (.docx) file.")
