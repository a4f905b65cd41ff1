"""Forms of membership applications: the hub's own record forms, the public application form
(with the hub's eligibility questions as fields) and the hub's decision forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from consortia.core.forms import BaseModelForm, style_widgets
from consortia.directory.choices import AreaKind
from consortia.directory.identifiers import normalise_charity_number, normalise_company_number, normalise_postcode
from consortia.directory.models import Area, guess_register
from consortia.members.choices import ApplicationStatus, QuestionKind, Tier
from consortia.members.models import ClientGroup, EligibilityQuestion, MembershipApplication, ServiceCategory

LOCAL_AUTHORITY_KINDS = (
    AreaKind.COUNTY,
    AreaKind.UNITARY,
    AreaKind.DISTRICT,
    AreaKind.METROPOLITAN,
    AreaKind.LONDON_BOROUGH,
)
YES, NO = "Yes", "No"
APPLICATION_FIELDS = [
    "organisation_name",
    "legal_form",
    "charity_number",
    "company_number",
    "address",
    "postcode",
    "website",
    "contact_name",
    "contact_job_title",
    "contact_email",
    "contact_phone",
    "services",
    "categories",
    "client_groups",
    "areas",
    "tier_requested",
]
# What an application must give before it is sent (a draft may leave them out).
NEEDED_TO_SEND = {
    "legal_form": "Choose the organisation's legal form.",
    "address": "Give the organisation's address.",
    "postcode": "Give the organisation's postcode.",
    "services": "Describe the services you deliver.",
    "categories": "Choose at least one kind of service you deliver.",
    "areas": "Choose at least one local authority area you work in.",
}


def local_authorities() -> Any:
    return Area.objects.filter(kind__in=LOCAL_AUTHORITY_KINDS).order_by("name")


class EligibilityQuestionForm(BaseModelForm):
    fieldsets = [
        ("The question", ["text", "help_text", "kind", "choices", "required"]),
        ("Eligibility", ["expected_answer"]),
        ("On the form", ["active", "order"]),
    ]

    class Meta:
        model = EligibilityQuestion
        fields = ["text", "help_text", "kind", "choices", "required", "expected_answer", "active", "order"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 4})}


class MembershipApplicationForm(BaseModelForm):
    """The hub's own edit of an application (typos, a missing number); decisions are made on its page."""

    fieldsets = [
        (
            "The organisation",
            ["organisation_name", "legal_form", "charity_number", "company_number", "address", "postcode", "website"],
        ),
        ("The contact", ["contact_name", "contact_job_title", "contact_email", "contact_phone"]),
        ("What it does and where", ["services", "categories", "client_groups", "areas"]),
        ("Membership", ["tier_requested"]),
    ]

    class Meta:
        model = MembershipApplication
        fields = APPLICATION_FIELDS
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "services": forms.Textarea(attrs={"rows": 4}),
            "categories": forms.CheckboxSelectMultiple,
            "client_groups": forms.CheckboxSelectMultiple,
            "areas": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = local_authorities()  # type: ignore[attr-defined]
        self.fields["contact_email"].label = "Contact e-mail address"
        self.fields["contact_phone"].label = "Contact phone number"

    # Identifiers are stored the way the directory stores them, so approval can match on them.
    def _normalised(self, name: str, check: Any) -> str:
        try:
            return str(check(self.cleaned_data.get(name, "")))
        except ValidationError as error:
            raise ValidationError(error.messages[0]) from error

    def clean_postcode(self) -> str:
        return self._normalised("postcode", normalise_postcode)

    def clean_company_number(self) -> str:
        return self._normalised("company_number", normalise_company_number)

    def clean_charity_number(self) -> str:
        return self._normalised("charity_number", lambda value: normalise_charity_number(value, guess_register(value)))


def question_field(question: EligibilityQuestion) -> forms.Field:
    """The form field asking one eligibility question."""
    messages = {"required": "Answer this question.", "invalid_choice": "Choose one of the answers given."}
    common: dict[str, Any] = {
        "label": question.text,
        "help_text": question.help_text,
        "required": False,
        "error_messages": messages,
    }
    radio = {"class": "form-check-input"}  # styled like the form's other fields (core.forms.style_widgets)
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(choices=[(YES, YES), (NO, NO)], widget=forms.RadioSelect(attrs=radio), **common)
    if question.kind == QuestionKind.CHOICE:
        choices = [(line.strip(), line.strip()) for line in question.choices.splitlines() if line.strip()]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect(attrs=radio), **common)
    text = {"rows": 3, "class": "form-control"}
    return forms.CharField(widget=forms.Textarea(attrs=text), max_length=2000, **common)


class PublicApplicationForm(MembershipApplicationForm):
    """The public form: an organisation applies to join, no account needed.

    Saving a draft needs only the organisation's name and the contact; sending it needs the
    rest, and an answer to every required eligibility question (`sending=True`).
    """

    fieldsets = [
        *MembershipApplicationForm.fieldsets[:3],
        ("Eligibility", []),  # filled with the questions in __init__
        ("Membership", ["tier_requested"]),
    ]

    def __init__(self, *args: Any, sending: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sending = sending
        self.questions = list(EligibilityQuestion.objects.filter(active=True))
        answers = self.instance.answers or {}
        names = []
        for question in self.questions:
            name = f"question_{question.pk}"
            field = question_field(question)
            field.initial = answers.get(str(question.pk), "")
            field.required = question.required
            self.fields[name] = field
            names.append(name)
        self.fieldsets = [(legend, names if legend == "Eligibility" else fields) for legend, fields in self.fieldsets]
        self.fields["tier_requested"].label = "Tier of membership you are applying for"
        self.fields["categories"].queryset = ServiceCategory.objects.all()  # type: ignore[attr-defined]
        self.fields["client_groups"].queryset = ClientGroup.objects.all()  # type: ignore[attr-defined]
        self.fields["categories"].label = "Kinds of service you deliver"
        self.fields["client_groups"].label = "People you work with"
        self.fields["areas"].label = "Local authority areas you work in"
        self.fields["areas"].help_text = "Hold Ctrl (or Cmd on a Mac) to choose more than one."
        for name in NEEDED_TO_SEND:
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = NEEDED_TO_SEND[name]
        # Shown as needed (not "optional") either way; a draft may leave them out for now.
        self.needed_to_send = [name for name in [*NEEDED_TO_SEND, *names] if self.fields[name].required]

    def full_clean(self) -> None:
        if self.sending:
            super().full_clean()
            return
        for name in self.needed_to_send:
            self.fields[name].required = False
        try:
            super().full_clean()
        finally:
            for name in self.needed_to_send:
                self.fields[name].required = True

    def clean_contact_email(self) -> str:
        return str(self.cleaned_data.get("contact_email", "")).strip().lower()

    def answers(self) -> dict[str, str]:
        """The eligibility answers given, keyed by question id (as the model stores them)."""
        answers = dict(self.instance.answers or {})
        for question in self.questions:
            value = str(self.cleaned_data.get(f"question_{question.pk}") or "").strip()
            if value:
                answers[str(question.pk)] = value
            else:
                answers.pop(str(question.pk), None)
        return answers

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name, email = data.get("organisation_name"), data.get("contact_email")
        if name and email:
            waiting = MembershipApplication.objects.filter(
                organisation_name__iexact=name.strip(),
                contact_email__iexact=email,
                status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO],
            )
            if self.instance.pk:
                waiting = waiting.exclude(pk=self.instance.pk)
            if waiting.exists():
                raise ValidationError(
                    f"An application from {name.strip()} with the contact e-mail {email} is already waiting for "
                    "a decision. You do not need to apply again: we will be in touch by e-mail."
                )
        return data


class ApproveForm(forms.Form):
    tier = forms.ChoiceField(label="Tier to grant", choices=Tier.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason (the applicant is told)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": "Give the reason: the applicant is told it."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)
