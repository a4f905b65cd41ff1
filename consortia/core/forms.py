"""Form rendering for the whole project: labels, hints, error summaries, Bootstrap classes."""

from __future__ import annotations

import contextlib
import functools
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe

FIELD_TEMPLATE = "core/forms/field.html"


class FormRenderer(TemplatesSetting):
    """Every form renders through our templates (error summary first, then accessible fields).

    The field template and Django's plain input widgets are drawn in Python with exactly the
    markup the templates give (`_field_html`, `_QUICK_WIDGETS`), saving a dozen template lookups
    and two or three templates per field on every list and edit page. A subclass with
    `quick = False` draws them all through the templates (the tests compare the two)."""

    form_template_name = "core/forms/form.html"
    field_template_name = FIELD_TEMPLATE
    quick = True

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if self.quick:
            if template_name == FIELD_TEMPLATE:
                return _field_html(context["field"])
            draw = _QUICK_WIDGETS.get(template_name)
            if draw is not None and (html := draw(context["widget"])) is not None:
                return html
        return super().render(template_name, context, request)


# The widgets of field.html's fieldset branch (a group of options under a legend).
_FIELDSET_TYPES = {"checkboxselectmultiple", "radioselect", "quickcheckboxes", "quickradios"}
_OPTIONAL = ' <span class="text-body-secondary fw-normal">(optional)</span>'
_PLAIN_CONTEXT = Context()  # what a form template is rendered in: autoescape on, no l10n/tz override


def _template_value(value: Any) -> str:
    """A value as `{{ value }}` writes it in a form template: localized, escaped unless safe."""
    return str(render_value_in_context(value, _PLAIN_CONTEXT))


def _field_html(field: forms.BoundField) -> str:
    """templates/core/forms/field.html, drawn in Python: the same markup, line ends and indents
    included (the template's output is stripped, as the renderer strips every template's)."""
    widget_type = field.widget_type
    auto_id = _template_value(field.auto_id)
    label = _template_value(field.label)
    help_text = field.help_text
    optional = _OPTIONAL if not field.field.required and not getattr(field.form, "is_filter", False) else ""
    if widget_type in _FIELDSET_TYPES:
        described = f' aria-describedby="{auto_id}_helptext"' if help_text else ""
        hint = f'<div class="form-text mt-0 mb-1" id="{auto_id}_helptext">{help_text}</div>' if help_text else ""
        return (
            f'<fieldset class="mb-3"{described}>\n'
            f'  <legend class="form-label fs-6 mb-1">{label}{optional}</legend>\n'
            f"  {hint}\n  {_template_value(field)}\n  {_errors_html(field, auto_id)}\n</fieldset>"
        )
    if widget_type == "checkbox":
        head = (
            f'<div class="mb-3 form-check">\n  \n    {_template_value(field)}\n'
            f'    <label class="form-check-label" for="{auto_id}">{label}</label>\n  '
        )
    else:
        head = (
            f'<div class="mb-3">\n  \n    <label class="form-label" for="{auto_id}">{label}{optional}</label>\n'
            f"    {_template_value(field)}\n  "
        )
    hint = f'<div class="form-text" id="{auto_id}_helptext">{help_text}</div>' if help_text else ""
    return f"{head}\n  {hint}\n  {_errors_html(field, auto_id)}\n</div>"


def _errors_html(field: forms.BoundField, auto_id: str) -> str:
    return "".join(
        f'<div class="invalid-feedback d-block" id="{auto_id}_error">{_template_value(error)}</div>'
        for error in field.errors
    )


def _input_html(widget: dict[str, Any]) -> str | None:
    """django/forms/widgets/input.html (and the templates that only include it), or None for
    a value the template would format in its own way (left to the template)."""
    value, attrs = widget["value"], widget["attrs"]
    if not isinstance(widget["type"], str) or not (value is None or isinstance(value, str)) or _unusual(attrs):
        return None
    value_attr = "" if value is None else f' value="{_template_text(value)}"'
    return (
        f'<input type="{_template_text(widget["type"])}" name="{_template_text(widget["name"])}"'
        f"{value_attr}{_template_attrs(attrs)}>"
    )


def _textarea_html(widget: dict[str, Any]) -> str | None:
    """django/forms/widgets/textarea.html (its line end after the opening tag included)."""
    value, attrs = widget["value"], widget["attrs"]
    if not (value is None or isinstance(value, str)) or _unusual(attrs):
        return None
    text = conditional_escape(value) if value else ""
    return f'<textarea name="{_template_text(widget["name"])}"{_template_attrs(attrs)}>\n{text}</textarea>'


def _unusual(attrs: dict[str, Any]) -> bool:
    # The template would call a callable attribute value: leave that to it.
    return any(callable(value) for value in attrs.values())


# Django's own templates, none overridden in templates/django/forms/widgets/ (a test checks).
_QUICK_WIDGETS = {
    f"django/forms/widgets/{name}.html": _input_html
    for name in (
        *("input", "text", "search", "email", "url", "tel", "password", "hidden", "checkbox", "color"),
        *("number", "date", "datetime", "time"),
    )
}
_QUICK_WIDGETS["django/forms/widgets/textarea.html"] = _textarea_html


class QuickSelect(forms.Select):
    """A drop-down rendered in Python rather than one template per option.

    Same HTML as Django's Select; a list of 400 local authorities costs well under a
    millisecond instead of about fifteen.
    """

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        options = _options_html(_plain_choices(self.choices))
        for chosen in {str(v) for v in self.format_value(value)}:
            tag = format_html('<option value="{}">', chosen)
            options = options.replace(tag, tag[:-1] + " selected>", 1)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), mark_safe(options))


def _plain_choices(choices: Any) -> tuple[tuple[str, Any], ...]:
    plain: list[tuple[str, Any]] = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # an option group
            plain.append((str(value), _plain_choices(label)))
        else:
            plain.append(("" if value is None else str(getattr(value, "value", value)), str(label)))
    return tuple(plain)


@functools.lru_cache(maxsize=256)
def _options_html(choices: tuple[tuple[str, Any], ...]) -> str:
    # The same long list (local authorities) is drawn on every list page: escape it once.
    parts = []
    for value, label in choices:
        if isinstance(label, tuple):
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', value, mark_safe(_options_html(label))))
        else:
            parts.append(format_html('<option value="{}">{}</option>', value, label))
    return "".join(parts)


class QuickOptionsMixin:
    """Checkboxes and radio buttons rendered in Python rather than through three templates per
    option (templates/django/forms/widgets/multiple_input.html, then the option's, then
    input.html); the markup is exactly what those templates draw. Used in place of Django's
    CheckboxSelectMultiple and RadioSelect by `style_widgets`."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        options = [option for _group, group_options, _index in widget["optgroups"] for option in group_options]
        if not all(isinstance(option["label"], (str, Promise)) for option in options):
            # A label the template would format (a number, a date): leave it to the template.
            return super().render(name, value, attrs, renderer)  # type: ignore[misc]
        box_id = widget["attrs"].get("id")
        parts = [f'<div id="{_template_text(box_id)}">' if box_id else "<div>"]
        for option in options:
            value_attr = "" if option["value"] is None else f' value="{_template_text(option["value"])}"'
            parts.append(
                f'\n<div class="form-check"><input type="{_template_text(option["type"])}"'
                f' name="{_template_text(option["name"])}"{value_attr}{_template_attrs(option["attrs"])}>'
                # The three line ends of input.html, input_option.html and checkbox_option.html.
                f'\n\n\n<label class="form-check-label" for="{_template_text(option["attrs"].get("id", ""))}">'
                f"{conditional_escape(localize(option['label']))}</label></div>"
            )
        parts.append("\n</div>")
        return mark_safe("".join(parts))


class QuickCheckboxes(QuickOptionsMixin, forms.CheckboxSelectMultiple):
    """Django's CheckboxSelectMultiple, rendered in Python."""


class QuickRadios(QuickOptionsMixin, forms.RadioSelect):
    """Django's RadioSelect, rendered in Python."""


def _template_text(value: Any) -> str:
    """A value as `{{ value|stringformat:'s' }}` writes it: formatted, escaped unless safe."""
    text = "%s" % (value,)  # noqa: UP031 - the stringformat filter's own formatting
    return text if isinstance(value, SafeData) else str(escape(text))


def _template_attrs(attrs: dict[str, Any]) -> str:
    """Attributes as django/forms/widgets/attrs.html writes them (True: the name alone; False: left out)."""
    return "".join(
        f" {_template_text(name)}" if value is True else f' {_template_text(name)}="{_template_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


_QUICK = {forms.CheckboxSelectMultiple: QuickCheckboxes, forms.RadioSelect: QuickRadios}


def style_widgets(form: forms.BaseForm) -> None:
    """Give each widget the Bootstrap class it needs, and dates a native date picker."""
    for name, field in form.fields.items():
        widget = field.widget
        if type(widget) is forms.Select:
            widget = field.widget = QuickSelect(attrs=widget.attrs, choices=field.widget.choices)
        elif type(widget) in _QUICK:
            # The same widget (its choices, attributes and flags kept), drawn in Python.
            widget.__class__ = _QUICK[type(widget)]
        if isinstance(field, forms.DateField) and not isinstance(widget, forms.HiddenInput):
            widget = field.widget = forms.DateInput(attrs=widget.attrs, format="%Y-%m-%d")
            widget.input_type = "date"
        if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
            # Each option gets the class through the option template (templates/django/forms/widgets/).
            css = "form-check-input"
            widget.attrs.pop("class", None)
            widget.attrs["class"] = css
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
        # Read errors only once validation has run: reading form.errors would run it now, before
        # a subclass has narrowed its fields' choices.
        errors = getattr(form, "_errors", None)
        if errors is not None and name in errors:
            widget.attrs["class"] += " is-invalid"
            widget.attrs["aria-invalid"] = "true"
            # Screen readers read the message with the field (the id is the one field.html gives it).
            described = [form[name].auto_id + "_error"]
            if field.help_text:
                described.append(form[name].auto_id + "_helptext")
            widget.attrs["aria-describedby"] = " ".join(described)


def keep_current(offered: Any, every: Any, current: Any) -> Any:
    """The people offered, plus those the record names already (someone who has since left stays
    on the meetings they attended); other records are offered as `choices_for` gives them."""
    if not current or every.model is not get_user_model():
        return offered
    ids = [getattr(item, "pk", item) for item in (current if isinstance(current, (list, tuple)) else [current])]
    return offered | every.filter(pk__in=ids)


class BaseModelForm(forms.ModelForm):
    """Base of every record form.

    `fieldsets` (a list of (legend, [field names])) groups a long form into sections; fields
    not named in any section follow at the end.
    """

    fieldsets: list[tuple[str, list[str]]] = []
    # Templates test `record.form` (is the record editable?): the class must not be called there,
    # which would build a form, and run its queries, on every page that asks.
    do_not_call_in_templates = True

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            # A choice list is a list of records too: offer only those the user may see, so a
            # member's user never learns another member's name from a drop-down.
            for name, field in self.fields.items():
                queryset = getattr(field, "queryset", None)
                if queryset is not None and hasattr(queryset, "choices_for"):
                    field.queryset = keep_current(  # type: ignore[attr-defined]
                        queryset.choices_for(user), queryset, self.initial.get(name)
                    )
        style_widgets(self)

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        visible = {field.name: field for field in self.visible_fields()}
        sections = []
        for legend, names in self.fieldsets:
            fields = [visible.pop(name) for name in names if name in visible]
            if fields:
                sections.append((legend, fields))
        if visible:
            sections.append(("", list(visible.values())))
        return sections

    # An importer that has checked uniqueness for the whole file at once sets this.
    skip_unique_checks = False

    def validate_unique(self) -> None:
        if not self.skip_unique_checks:
            super().validate_unique()

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
                label = name  # a key that is not a model field keeps its own name
                with contextlib.suppress(FieldDoesNotExist):
                    label = str(self._meta.model._meta.get_field(name).verbose_name).capitalize()
                moved = [f"{label}: {message}" for message in ValidationError(error.error_dict.pop(name)).messages]
                error.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(ValidationError(m) for m in moved)
        super().add_error(field, error)
