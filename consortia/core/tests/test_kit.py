"""The kit's fast paths draw what Django and django-tables2 would, only quicker."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django import forms
from django.forms.widgets import ChoiceWidget
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from consortia.core.filtersets import ReferenceChoices, reference_choices
from consortia.core.forms import QuickCheckboxes, QuickRadios, QuickSelect, style_widgets
from consortia.core.models import record_url
from consortia.directory.models import Organisation
from consortia.directory.tables import ContactTable, OrganisationTable
from consortia.directory.tests.factories import ContactFactory, OrganisationFactory


def test_quick_select_marks_the_choice_and_escapes_labels() -> None:
    widget = QuickSelect(choices=[("", "Any"), ("a", "Ann & Co <Ltd>"), ("b", "Bee")])
    html = widget.render("who", "b", attrs={"id": "id_who"})
    assert html.startswith('<select name="who" id="id_who">')
    assert '<option value="b" selected>Bee</option>' in html
    assert '<option value="a">Ann &amp; Co &lt;Ltd&gt;</option>' in html
    assert "selected" not in html.replace('<option value="b" selected>', "")


def test_quick_select_draws_option_groups() -> None:
    widget = QuickSelect(choices=[("North", [("1", "Preston"), ("2", "Lancaster")])])
    html = widget.render("area", "2")
    assert '<optgroup label="North"><option value="1">Preston</option><option value="2" selected>' in html


def test_quick_select_replaces_plain_selects_in_our_forms(db: None) -> None:
    from consortia.directory.forms import OrganisationForm

    form = OrganisationForm()
    assert isinstance(form.fields["legal_form"].widget, QuickSelect)
    assert isinstance(form.fields["roles"].widget, QuickCheckboxes)


CHOICE_CASES: list[tuple[Any, Any, dict[str, Any] | None]] = [
    ([("a", "Ann & Co <Ltd>"), ("b", "Bee"), ("c", mark_safe("<em>Sea</em>"))], ["b", "c"], {"id": "id_who"}),
    ([("a", "Ann"), ("b", "Bee")], None, None),  # no id: no ids on the options, an empty for=""
    (
        [(1, "One"), (2, "Two"), ("", "None of them")],
        [2],
        {"id": "id_n", "class": "form-check-input", "disabled": True},
    ),
    ([("North", [("1", "Preston"), ("2", "Lancaster")]), ("3", "Leeds")], ["2"], {"id": "id_g", "data-x": 'say "hi"'}),
    (
        [("yes", gettext_lazy("Yes")), ("no", "No")],
        "no",
        {"id": "id_l", "required": False, "aria-describedby": "id_l_e"},
    ),
]


@pytest.mark.parametrize(
    ("django_widget", "quick_widget"),
    [(forms.CheckboxSelectMultiple, QuickCheckboxes), (forms.RadioSelect, QuickRadios)],
)
@pytest.mark.parametrize(("choices", "value", "attrs"), CHOICE_CASES)
def test_quick_checkboxes_and_radios_draw_what_the_templates_draw(
    django_widget: type[ChoiceWidget],
    quick_widget: type[ChoiceWidget],
    choices: Any,
    value: Any,
    attrs: Any,
) -> None:
    expected = django_widget(choices=choices).render("who", value, attrs=attrs)
    assert quick_widget(choices=choices).render("who", value, attrs=attrs) == expected
    assert "checked" in expected or not value


def test_quick_checkboxes_leave_labels_that_need_formatting_to_the_template() -> None:
    choices = [(1, 1234567), (2, "Two")]
    assert QuickCheckboxes(choices=choices).render("n", [1]) == forms.CheckboxSelectMultiple(choices=choices).render(
        "n", [1]
    )


def test_style_widgets_swaps_only_djangos_own_option_widgets() -> None:
    class Custom(forms.CheckboxSelectMultiple):
        option_template_name = "django/forms/widgets/radio_option.html"

    class Choose(forms.Form):
        boxes = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple, required=False)
        radio = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
        custom = forms.MultipleChoiceField(choices=[("a", "A")], widget=Custom)

    form = Choose()
    style_widgets(form)
    assert type(form.fields["boxes"].widget) is QuickCheckboxes
    assert type(form.fields["radio"].widget) is QuickRadios
    assert type(form.fields["custom"].widget) is Custom
    assert form.fields["radio"].widget.is_required  # the field's flags are kept
    html = str(form["boxes"].as_field_group())
    assert html.lstrip().startswith("<fieldset")
    assert "<legend" in html


def test_reference_choices_are_read_afresh_and_passed_through(db: None) -> None:
    from consortia.directory.filtersets import OrganisationFilterSet
    from consortia.directory.models import Area

    choices = reference_choices(Area.objects.order_by("name", "pk"))  # names repeat (London)
    assert isinstance(choices, ReferenceChoices)
    assert callable(choices)
    before = list(choices)
    area = Area.objects.create(name="Aaaa Test Area", code="E99999999", kind="lad")
    assert list(choices) == [(area.pk, "Aaaa Test Area"), *before]
    assert copy.deepcopy(choices) is choices
    form = OrganisationFilterSet({"area": str(area.pk)}, queryset=Organisation.objects.all()).form
    assert form.is_valid()
    assert f'<option value="{area.pk}" selected>Aaaa Test Area</option>' in str(form["area"])


def test_record_url_matches_reverse(db: None) -> None:
    organisation = OrganisationFactory()
    assert record_url("directory:organisation_detail", organisation.pk) == reverse(
        "directory:organisation_detail", args=[organisation.pk]
    )
    assert organisation.get_absolute_url() == f"/directory/organisations/{organisation.pk}/"


def test_table_cells_show_labels_links_and_blanks(db: None) -> None:
    organisation = OrganisationFactory(name="Fish & Chips CIC", legal_form="cic", town="", roles=["member", "funder"])
    table = OrganisationTable(Organisation.objects.filter(pk=organisation.pk).prefetch_related("roles"))
    (cells,) = table.html_rows()
    by_column = dict(zip([column.name for column in table.columns], cells, strict=True))
    assert by_column["name"] == f'<a href="{organisation.get_absolute_url()}">Fish &amp; Chips CIC</a>'
    assert by_column["legal_form"] == "Community interest company (CIC)"
    assert by_column["role_list"] == "Member, Funder"
    assert by_column["town"] == "—"


def test_table_links_a_related_record_to_its_own_page(db: None) -> None:
    contact = ContactFactory(consent=False)
    table = ContactTable(type(contact).objects.filter(pk=contact.pk).select_related("organisation"))
    (cells,) = table.html_rows()
    by_column = dict(zip([column.name for column in table.columns], cells, strict=True))
    assert contact.organisation.get_absolute_url() in by_column["organisation"]
    assert by_column["email"] == f'<a href="mailto:{contact.email}">{contact.email}</a>'
    assert by_column["consent"] == "No"


def test_sorting_by_a_repeated_value_is_stable(db: None) -> None:
    for index in range(6):
        OrganisationFactory(name=f"Same Town {index}", town="Preston")
    table = OrganisationTable(Organisation.objects.all())
    table.order_by = "-town"
    assert list(table.data.data.query.order_by)[-1] == "pk"


def test_show_gives_a_date_time_in_the_hubs_time_not_utc() -> None:
    from datetime import UTC, datetime

    from consortia.core.templatetags.consortia import show

    summer_evening = datetime(2026, 6, 18, 17, 0, tzinfo=UTC)  # 18:00 in London
    assert show(summer_evening) == "18/06/2026 18:00"
    assert show(datetime(2026, 12, 1, 17, 0, tzinfo=UTC)) == "01/12/2026 17:00"  # GMT in winter


def test_the_organisation_table_reads_the_roles_of_its_rows_at_once(db: None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for index in range(3):
        OrganisationFactory(name=f"Roles {index}", roles=["member", "funder"][: index + 1])
    table = OrganisationTable(Organisation.objects.filter(name__startswith="Roles ").order_by("name"))
    with CaptureQueriesContext(connection) as captured:
        roles = [
            dict(zip([c.name for c in table.columns], cells, strict=True))["role_list"] for cells in table.html_rows()
        ]
    assert roles == ["Member", "Member, Funder", "Member, Funder"]
    assert len(captured) == 2  # the rows, then every row's roles
