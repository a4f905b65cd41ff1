"""Form rendering for the whole project: labels, hints, error summaries, Bootstrap classes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form renders through our templates (error summary first, then accessible fields)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def style_widgets(form: forms.BaseForm) -> None:
    """Give each widget the Bootstrap class it needs, and dates a native date picker."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(field, forms.DateField) and not isinstance(widget, forms.HiddenInput):
            widget = field.widget = forms.DateInput(attrs=widget.attrs, format="%Y-%m-%d")
            widget.input_type = "date"
        if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
            css = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
        if name in form.errors:
            widget.attrs["class"] += " is-invalid"
            widget.attrs["aria-invalid"] = "true"


class BaseModelForm(forms.ModelForm):
    """Base of every record form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def full_clean(self) -> None:
        super().full_clean()
        # Mark fields invalid after validation so the error styling matches the messages.
        if self.is_bound:
            style_widgets(self)

    def add_error(self, field: str | None, error: Any) -> None:
        # A model's clean() may name a field this form does not show (an import with fewer
        # columns, a form with a subset of fields); report it against the whole form instead.
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            for name in [name for name in error.error_dict if name != NON_FIELD_ERRORS and name not in self.fields]:
                label = name
                try:
                    label = str(self._meta.model._meta.get_field(name).verbose_name).capitalize()
                except Exception:  # noqa: BLE001 - a non-field key keeps its own name
                    pass
                moved = [f"{label}: {message}" for message in ValidationError(error.error_dict.pop(name)).messages]
                error.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(ValidationError(m) for m in moved)
        super().add_error(field, error)
