"""What the pages keep between requests to cost less (bench/pages.py measures them) gives the same
answers as working everything out afresh: the dashboard's counting query, the names of the latest
changes, the menu's markup and the table's rows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver

from consortia.core import registry
from consortia.core.context_processors import _MENUS, shell
from consortia.core.history import history_model_of
from consortia.core.views import home
from consortia.directory.models import Contact, Organisation
from consortia.directory.tables import ContactTable
from consortia.directory.tests.factories import ContactFactory, OrganisationFactory
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db


def everyone(personas: Personas) -> list[Any]:
    return [
        personas.manager,
        personas.bid_writer,
        personas.board,
        personas.auditor,
        personas.nobody,
        personas.member_a,
        personas.member_b,
        personas.contracts_officer,
        personas.finance_officer,
        personas.commissioner,
    ]


def listed_models() -> list[Any]:
    return [views.model for views in registry.records() if views.menu_group is not None]


def test_the_kept_counting_query_counts_as_a_fresh_one_for_every_persona(personas: Personas) -> None:
    ContactFactory(organisation=personas.org_a)
    ContactFactory(organisation=personas.org_b)
    models = listed_models()
    for user in everyone(personas):
        fresh = [model.objects.restrict(user, "view") for model in models]
        assert home.count_visible(user, models) == home.count_all(fresh), user
        assert home.count_visible(user, models) == [queryset.count() for queryset in fresh], user


def test_the_counting_query_is_kept_but_the_counts_are_read_afresh(personas: Personas, monkeypatch: Any) -> None:
    models = [Organisation, Contact]
    home._COUNTING_SQL.clear()
    before = home.count_visible(personas.member_a, models)
    built: list[int] = []
    monkeypatch.setattr(home, "_counting_sql", lambda querysets: built.append(1))  # must not be called again
    ContactFactory(organisation=personas.org_a)
    ContactFactory(organisation=personas.org_b)  # another member's: not counted for member A
    assert home.count_visible(personas.member_a, models) == [before[0], before[1] + 1]
    assert built == []


def test_a_change_of_rights_makes_a_new_counting_query(personas: Personas) -> None:
    from django.contrib.auth.models import Permission

    user = personas.nobody
    assert home.count_visible(user, [Organisation]) == [0]
    user.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    user = type(user).objects.get(pk=user.pk)  # permissions are cached on the user object
    assert home.count_visible(user, [Organisation]) == [Organisation.objects.count()]


def test_names_of_the_latest_changes_are_the_names_as_recorded(personas: Personas) -> None:
    organisation = OrganisationFactory(name="First Name Trust")
    organisation.name = "Second Name Trust"
    organisation.save()
    contacts = [ContactFactory(organisation=organisation) for _ in range(3)]
    contacts[0].last_name = "Renamed"
    contacts[0].save()
    for model in (Organisation, Contact):
        records = list(history_model_of(model).objects.order_by("history_id"))
        assert home.names_as_recorded(model, records) == [str(record.instance) for record in records]
    assert "First Name Trust" in home.names_as_recorded(Organisation, list(organisation.history.all()))


def test_names_of_the_latest_changes_read_related_records_once_a_kind(personas: Personas) -> None:
    from consortia.people.models import InterestReturn

    for user in (personas.manager, personas.auditor, personas.board, personas.finance_officer):
        InterestReturn.objects.create(person=user, confirmed_on="2026-01-31", nothing_to_declare=True)
    records = list(history_model_of(InterestReturn).objects.all())
    home._MENTIONED.pop(InterestReturn, None)
    with CaptureQueriesContext(connection) as captured:
        names = home.names_as_recorded(InterestReturn, records)
    assert names == [str(record.instance) for record in records]
    assert len(captured) == 2  # the first record's person, then every other record's people at once
    # Once learnt that the name mentions the person, every record's person is read at once.
    records = list(history_model_of(InterestReturn).objects.all())
    with CaptureQueriesContext(connection) as captured:
        assert home.names_as_recorded(InterestReturn, records) == names
    assert len(captured) == 1


def test_names_that_read_a_relation_of_a_relation_read_each_level_once_a_kind(personas: Personas) -> None:
    """A monitoring return's name is its subcontract's organisation and its period: two levels."""
    from consortia.performance.models import MonitoringReturn
    from consortia.performance.tests import factories

    made = factories.setting(OrganisationFactory(), personas.org_a, personas.org_b)
    later = factories.period(made["contract"], date(2026, 7, 1), date(2026, 9, 30))
    for sub in made["subcontracts"]:
        for in_period in (made["period"], later):
            factories.monitoring_return(sub, in_period)
    home._MENTIONED.pop(MonitoringReturn, None)
    records = list(history_model_of(MonitoringReturn).objects.all())
    assert len(records) == 4
    names = home.names_as_recorded(MonitoringReturn, records)
    assert names == [str(record.instance) for record in records]
    assert home._MENTIONED[MonitoringReturn] == ("subcontract", "subcontract__organisation", "period")
    records = list(history_model_of(MonitoringReturn).objects.all())
    with CaptureQueriesContext(connection) as captured:
        assert home.names_as_recorded(MonitoringReturn, records) == names
    # Subcontracts, their organisations and the periods: a query each, however many records.
    assert len(captured) == 3


def test_the_kept_menu_is_the_menu_the_template_drew(personas: Personas) -> None:
    """The markup is the one base.html drew with its loop, for every persona."""
    loop = engines["django"].from_string(
        "{% for group in menu %}"
        '<li class="nav-item dropdown">'
        '<button class="nav-link dropdown-toggle btn btn-link" data-bs-toggle="dropdown" aria-expanded="false">'
        '{{ group.label }}</button><ul class="dropdown-menu">'
        '{% for item in group.items %}<li><a class="dropdown-item" href="{{ item.url }}">{{ item.label }}</a></li>{% endfor %}'
        "</ul></li>{% endfor %}"
    )
    get_resolver().url_patterns  # every app's views imported, so every menu entry registered  # noqa: B018
    _MENUS.clear()
    for user in everyone(personas):
        request = RequestFactory().get("/")
        request.user = user
        context = shell(request)
        assert context["menu_html"] == loop.render({"menu": context["menu"]}), user
        labels = [item.label for group in context["menu"] for item in group["items"]]
        for group in registry.menu():
            for item in group.items:
                assert (item.label in labels) == (user.is_staff_member and user.has_perm(item.permission)), item


def test_the_kept_cards_are_the_cards_the_template_drew(personas: Personas, client_for: Any) -> None:
    """The dashboard's cards are the markup its loop drew, counts read afresh, for every staff persona."""
    loop = engines["django"].from_string(
        "{% for item in counts %}\n"
        '  <div class="col-sm-6 col-lg-3">\n'
        '    <a class="card text-decoration-none h-100" href="{{ item.url }}">\n'
        '      <div class="card-body">\n'
        '        <p class="display-6 mb-0">{{ item.count }}</p>\n'
        '        <p class="mb-0">{{ item.label }}</p>\n'
        "      </div>\n    </a>\n  </div>\n  {% endfor %}"
    )
    home._CARDS.clear()
    staff = [personas.manager, personas.bid_writer, personas.board, personas.auditor, personas.finance_officer]
    for user in staff:
        client = client_for(user)
        client.get("/")  # the cards kept
        ContactFactory(organisation=personas.org_a)
        page = client.get("/")
        assert page.context["counts_html"] == loop.render({"counts": page.context["counts"]}), user
        counts = {item["label"]: item["count"] for item in page.context["counts"]}
        if "Contacts" in counts:
            assert counts["Contacts"] == Contact.objects.count()
    nobody = client_for(personas.nobody).get("/").content.decode()
    assert "You do not have access to any records yet" in nobody


def test_the_menu_is_kept_once_per_set_of_permissions(personas: Personas, client_for: Any) -> None:
    from consortia.users import roles
    from consortia.users.testing import make_user

    _MENUS.clear()
    second_manager = make_user("manager-two@hub.test", roles.HUB_MANAGER)
    menus = []
    for user in (personas.manager, second_manager, personas.auditor):
        request = RequestFactory().get("/")
        request.user = user
        menus.append(shell(request)["menu_html"])
    assert menus[0] is menus[1]  # the same role: the same menu, worked out once
    assert menus[2] != menus[0]
    assert len(_MENUS) == 2
    html = client_for(personas.auditor).get("/directory/organisations/").content.decode()
    assert str(menus[2]) in html


def test_the_table_rows_are_the_cells_in_order(personas: Personas) -> None:
    ContactFactory(organisation=personas.org_a, first_name="Ann", last_name="<b>Bold</b>")
    ContactFactory(organisation=personas.org_b)
    table = ContactTable(Contact.objects.select_related("organisation"))
    rows = table.html_rows()
    body = str(table.html_body())
    assert body == "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>" for cells in rows)
    assert body.count("<tr>") == 2
    assert "&lt;b&gt;Bold&lt;/b&gt;" in body
    assert "<b>Bold" not in body
    assert str(ContactTable(Contact.objects.none()).html_body()) == ""
