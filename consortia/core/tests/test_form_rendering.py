"""Forms drawn in Python (`core.forms.FormRenderer`: field.html and the plain input widgets) give
byte for byte the HTML the templates give, for every record type's filter and edit forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import django
import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.http import QueryDict
from django.template.loader import get_template
from django.test import RequestFactory, override_settings
from django.urls import get_resolver
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from consortia.core import registry
from consortia.core.forms import _QUICK_WIDGETS, FormRenderer
from consortia.users.testing import Personas

NASTY = "<b>\"&'</b>"  # must come out escaped wherever a value is written


class TemplateRenderer(FormRenderer):
    """Our renderer with every form, field and widget drawn through its template."""

    quick = False


TEMPLATES_ONLY = override_settings(FORM_RENDERER=f"{__name__}.TemplateRenderer")


def both_ways(draw: Any) -> tuple[str, str]:
    """`draw()` (which builds a form and returns its HTML) by the Python path, then by templates."""
    quick = str(draw())
    with TEMPLATES_ONLY:
        slow = str(draw())
    return quick, slow


def assert_same(quick: str, slow: str, what: str) -> None:
    if quick != slow:
        at = next((i for i, (a, b) in enumerate(zip(quick, slow, strict=False)) if a != b), min(len(quick), len(slow)))
        raise AssertionError(
            f"{what}: differs at {at}:\n python:   {quick[at - 80 : at + 80]!r}\n template: {slow[at - 80 : at + 80]!r}"
        )


def field_values(form: forms.BaseForm, valid: bool) -> QueryDict:
    """Data for every field of `form`: plausible values, or (not valid) values every kind of field
    refuses, so that each field shows its error message."""
    data = QueryDict(mutable=True)
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.FileField):
            continue
        if not valid:
            data.setlist(key, [] if isinstance(field, forms.CharField) else [NASTY])
        elif isinstance(field, forms.BooleanField):
            data[key] = "on"
        elif isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
            data[key] = "12"
        elif isinstance(field, forms.DateTimeField):
            data[key] = "2025-04-01 09:30"
        elif isinstance(field, forms.DateField):
            data[key] = "2025-04-01"
        elif isinstance(field, forms.EmailField):
            data[key] = "someone@example.org"
        elif isinstance(field, forms.URLField):
            data[key] = "https://example.org/a?b=1&c=2"
        elif isinstance(field, forms.ChoiceField):  # model choices too
            values = [str(getattr(value, "value", value)) for value, _label in field.choices if value not in ("", None)]
            if values:
                data.setlist(key, values[:1])
        else:
            data[key] = f"Preston {NASTY} & Co"
    return data


def all_records() -> list[Any]:
    get_resolver().url_patterns  # noqa: B018 - the URLs import every app's views, which register
    return registry.records()


@pytest.mark.django_db
def test_every_filter_and_edit_form_is_drawn_exactly_as_by_the_templates(personas: Personas) -> None:
    request = RequestFactory().get("/")
    request.user = personas.manager
    drawn = with_errors = 0
    for views in all_records():
        label = views.model._meta.label
        queryset = views.queryset().restrict(personas.manager, "view")  # type: ignore[attr-defined]
        for how in ("unbound", "valid", "invalid"):

            def filters(how: str = how, views: Any = views, queryset: Any = queryset) -> str:
                data = None
                if how != "unbound":
                    data = field_values(views.filterset(queryset=queryset, request=request).form, how == "valid")
                filterset = views.filterset(data, queryset=queryset, request=request)
                return str(filterset.form)

            assert_same(*both_ways(filters), f"{label} filters, {how}")
            drawn += 1
            if views.form is None:
                continue

            def edit(how: str = how, views: Any = views) -> str:
                data = None
                if how != "unbound":
                    data = field_values(views.form(instance=views.model(), user=personas.manager), how == "valid")
                return str(views.form(data, instance=views.model(), user=personas.manager))

            quick, slow = both_ways(edit)
            assert_same(quick, slow, f"{label} form, {how}")
            drawn += 1
            with_errors += how == "invalid" and 'class="invalid-feedback d-block"' in quick
    assert drawn > 100  # every record type was reached
    assert with_errors > 30  # and the invalid data did show errors


class Showcase(forms.Form):
    """Every kind of field the Python path draws, with awkward labels, hints, values and attributes."""

    name = forms.CharField(
        label=mark_safe("Name <em>in full</em>"),
        help_text="As on the <b>charity register</b>",
        widget=forms.TextInput(attrs={"placeholder": NASTY, "aria-describedby": "hint other", "data-x": None}),
    )
    email = forms.EmailField(
        required=False,
        label=gettext_lazy("E-mail"),
        help_text=gettext_lazy("Your <i>usual</i> address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    size = forms.IntegerField(min_value=0, max_value=10_000, required=False)
    share = forms.DecimalField(max_digits=5, decimal_places=2, required=False)
    website = forms.URLField(required=False, widget=forms.URLInput(attrs={"readonly": True, "spellcheck": False}))
    started = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    agreed = forms.BooleanField(required=False, help_text=NASTY)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    kept = forms.CharField(required=False, show_hidden_initial=True, initial="was")
    when = forms.DateTimeField(required=False, disabled=True, initial="2025-04-01 09:30")
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search"}))
    colour = forms.ChoiceField(choices=[("r", "Red"), ("g", NASTY)], widget=forms.RadioSelect, help_text="Pick one")
    odd = forms.IntegerField(required=False, widget=forms.TextInput(attrs={"data-called": lambda: NASTY}))


class RawNumberInput(forms.NumberInput):
    """A widget handing the template a number rather than text: left to the template."""

    def format_value(self, value: Any) -> Any:
        return value


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "name": NASTY,
            "email": f"a{NASTY}@x",
            "size": "-3",
            "share": "1.234",
            "website": f"https://x.org/?q={NASTY}",
            "started": "2025-13-01",
            "secret": NASTY,
            "token": NASTY,
            "agreed": "on",
            "notes": f"line one\n{NASTY}",
            "kept": NASTY,
            "initial-kept": "was",
            "search": NASTY,
            "colour": "g",
            "odd": "7",
        },
        {"name": "", "colour": "blue", "notes": "\n leading line end", "size": "12"},
    ],
    ids=["unbound", "bound-invalid", "bound-mixed"],
)
def test_awkward_fields_are_drawn_exactly_as_by_the_templates(data: dict[str, str] | None) -> None:
    def draw() -> str:
        form = Showcase(data, initial={"name": NASTY, "notes": NASTY, "size": 5, "token": mark_safe("<i>safe</i>")})
        form.fields["size"].widget = RawNumberInput(attrs={"class": "form-control"})
        form.is_filter = data is not None and "size" in data  # the "(optional)" marker on and off
        return str(form) + "".join(str(field) for field in form)

    quick, slow = both_ways(draw)
    assert_same(quick, slow, f"showcase {data and sorted(data)}")
    assert 'placeholder="&lt;b&gt;&quot;&amp;&#x27;&lt;/b&gt;"' in quick
    assert 'aria-describedby="hint other"' in quick


def test_the_python_path_draws_the_plain_widgets_without_templates() -> None:
    loaded: list[str] = []
    real = TemplatesSetting.get_template

    def spy(renderer: Any, name: str) -> Any:
        loaded.append(name)
        return real(renderer, name)

    form = Showcase({"name": NASTY})
    del form.fields["odd"]  # a callable attribute, left to the template
    with mock.patch.object(TemplatesSetting, "get_template", spy):
        str(form)
    # The form's own template and the radio buttons' (drawn by QuickRadios only once swapped in).
    assert set(loaded) <= {"core/forms/form.html", "django/forms/widgets/radio.html"}, loaded


def test_the_widget_templates_drawn_in_python_are_djangos_own() -> None:
    # Overriding one in templates/django/forms/widgets/ would need its Python twin changed too.
    django_templates = Path(django.__file__).parent / "forms" / "templates"
    for name in _QUICK_WIDGETS:
        assert Path(get_template(name).origin.name).is_relative_to(django_templates), name


def test_breaking_the_python_path_by_one_character_is_caught() -> None:
    def draw() -> str:
        return str(Showcase({"name": NASTY}))

    with mock.patch(
        "consortia.core.forms._OPTIONAL", ' <span class="text-body-secondary fw-normal">(optional) </span>'
    ):
        quick, slow = both_ways(draw)
    with pytest.raises(AssertionError, match="differs at"):
        assert_same(quick, slow, "broken")
