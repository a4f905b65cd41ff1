"""The kit's fast paths draw what Django and django-tables2 would, only quicker."""

from __future__ import annotations

from django import forms
from django.urls import reverse

from consortia.core.forms import QuickSelect
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
    assert isinstance(form.fields["roles"].widget, forms.CheckboxSelectMultiple)


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
