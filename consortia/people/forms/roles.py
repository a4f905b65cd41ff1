"""Forms for job roles and their person specification criteria."""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.people.models import JobRole, PersonSpecCriterion


class JobRoleForm(BaseModelForm):
    """The job description. Marking it agreed needs an essential criterion (the model's `clean`)."""

    fieldsets = [
        ("The job", ["title", "purpose", "reports_to", "reports_to_other", "status"]),
        ("Hours and pay", ["hours_per_week", "fte", "contract_type", "salary_from", "salary_to", "day_rate"]),
        ("Where and what", ["location", "responsibilities"]),
    ]

    class Meta:
        model = JobRole
        fields = [
            "title",
            "purpose",
            "reports_to",
            "reports_to_other",
            "status",
            "hours_per_week",
            "fte",
            "contract_type",
            "salary_from",
            "salary_to",
            "day_rate",
            "location",
            "responsibilities",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "responsibilities": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "responsibilities": "One per line. A line ending with a colon is a heading for the lines below it.",
            "status": "A role can be agreed once its person specification has at least one essential criterion.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "reports_to" in self.fields and self.instance.pk:
            # A role cannot report to itself.
            field = self.fields["reports_to"]
            field.queryset = field.queryset.exclude(pk=self.instance.pk)  # type: ignore[attr-defined]


class PersonSpecCriterionForm(BaseModelForm):
    fieldsets = [
        ("The criterion", ["job_role", "category", "text", "requirement", "order"]),
        ("How it is assessed", ["at_application", "at_test", "at_interview"]),
    ]

    class Meta:
        model = PersonSpecCriterion
        fields = ["job_role", "category", "text", "requirement", "order", "at_application", "at_test", "at_interview"]
        help_texts = {"order": "Criteria are listed in this order within their category."}


class TemplateChoiceForm(forms.Form):
    """Start a job role from one of the templates of the usual hub roles."""

    template = forms.ChoiceField(label="Template", widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from consortia.core.forms import style_widgets
        from consortia.people.role_templates import TEMPLATES

        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(template.code, f"{template.title}: {template.summary}") for template in TEMPLATES]
        style_widgets(self)
