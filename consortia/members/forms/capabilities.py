"""Forms for service categories, client groups, capabilities, quality marks and case studies."""

from __future__ import annotations

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.members.models import Capability, CaseStudy, ClientGroup, QualityMark, ServiceCategory


class ServiceCategoryForm(BaseModelForm):
    class Meta:
        model = ServiceCategory
        fields = ["name", "code", "description", "cpv_codes", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ClientGroupForm(BaseModelForm):
    class Meta:
        model = ClientGroup
        fields = ["name", "order"]


class CapabilityForm(BaseModelForm):
    fieldsets = [
        ("What", ["organisation", "category", "description"]),
        ("For whom and where", ["client_groups", "areas", "clients_per_year"]),
    ]

    class Meta:
        model = Capability
        fields = ["organisation", "category", "description", "client_groups", "areas", "clients_per_year"]
        labels = {"organisation": "Member", "category": "Service category"}
        help_texts = {"areas": "Choose a county only if the member works across all of it."}
        widgets = {
            "client_groups": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class QualityMarkForm(BaseModelForm):
    class Meta:
        model = QualityMark
        fields = ["organisation", "name", "reference", "awarded_on", "expires_on"]
        labels = {"organisation": "Member", "name": "Quality mark"}


class CaseStudyForm(BaseModelForm):
    class Meta:
        model = CaseStudy
        fields = ["organisation", "title", "category", "year", "summary", "outcomes"]
        labels = {"organisation": "Member", "category": "Service category"}
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "outcomes": forms.Textarea(attrs={"rows": 3})}
