from __future__ import annotations

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.directory.models import Area, Contact, Organisation


class OrganisationForm(BaseModelForm):
    fieldsets = [
        ("The organisation", ["name", "other_names", "legal_form", "roles"]),
        ("Registered numbers", ["charity_number", "charity_register", "company_number", "ppon"]),
        ("Address", ["address_line_1", "address_line_2", "town", "county", "postcode", "area"]),
        ("Getting in touch", ["website", "email", "phone"]),
    ]

    class Meta:
        model = Organisation
        fields = [
            "name",
            "other_names",
            "legal_form",
            "roles",
            "charity_number",
            "charity_register",
            "company_number",
            "ppon",
            "address_line_1",
            "address_line_2",
            "town",
            "county",
            "postcode",
            "area",
            "website",
            "email",
            "phone",
            "notes",
        ]
        widgets = {
            "roles": forms.CheckboxSelectMultiple,
            "other_names": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if "area" in self.fields:
            # Only local authorities: the area an organisation is based in.
            self.fields["area"].queryset = Area.objects.filter(  # type: ignore[attr-defined]
                kind__in=["unitary", "district", "metropolitan", "london_borough"]
            )


class ContactForm(BaseModelForm):
    fieldsets = [
        ("The person", ["first_name", "last_name", "job_title", "organisation"]),
        ("Getting in touch", ["email", "phone", "preferred_contact"]),
        ("Consent to be contacted", ["consent", "consent_date", "consent_source"]),
    ]

    class Meta:
        model = Contact
        fields = [
            "first_name",
            "last_name",
            "job_title",
            "organisation",
            "email",
            "phone",
            "preferred_contact",
            "consent",
            "consent_date",
            "consent_source",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
