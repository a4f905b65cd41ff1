"""The staff dashboard: counts of every record type and the latest changes, in the same number of
queries however many records and changes there are."""

from __future__ import annotations

from typing import Any

from consortia.core import registry
from consortia.core.testing.views import queries_for
from consortia.directory.models import Organisation
from consortia.directory.tests.factories import ContactFactory, OrganisationFactory
from consortia.users.testing import Personas


def test_counts_and_latest_changes_cost_the_same_however_many_rows(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    OrganisationFactory(name="First Steps Trust")
    client.get("/")  # per-process caches out of the way
    few = queries_for(client, "/")
    for index in range(15):
        ContactFactory(organisation=OrganisationFactory(name=f"Later Charity {index}"))
    newest = OrganisationFactory(name="Newest Neighbours CIO")
    many = queries_for(client, "/")
    page = client.get("/")
    html = page.content.decode()
    assert many <= few + 2  # the record types among the latest changes: organisations, contacts
    # Not a query per record type (there are over a hundred): one for every count, one for the
    # latest changes across every history table, then one per kind among those twelve.
    assert many < len(registry.records()) / 4
    assert "Newest Neighbours CIO" in html
    assert "First Steps Trust" not in html.split("Recent changes", 1)[1]  # pushed out by 31 newer changes
    changes = page.context["changes"]
    assert len(changes) == 12
    assert [change["when"] for change in changes] == sorted((change["when"] for change in changes), reverse=True)
    assert changes[0]["name"] == str(newest)
    count = next(item for item in page.context["counts"] if item["label"] == "Organisations")
    assert count["count"] == Organisation.objects.count()


def test_quick_permission_checks_answer_as_has_perm(personas: Personas) -> None:
    from django.contrib.auth.models import Permission

    from consortia.core.permissions import perm_checker
    from consortia.users.models import User

    inactive = User.objects.create_user(email="gone@hub.test", password="x", is_active=False)
    inactive.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    superuser = User.objects.create_superuser(email="root@hub.test", password="x")
    names = [f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.select_related("content_type")]
    names += ["directory.no_such_permission"]
    users = [personas.manager, personas.auditor, personas.nobody, personas.member_a, personas.finance_officer]
    for user in [*users, inactive, superuser]:
        user = User.objects.get(pk=user.pk)  # no permissions read yet
        allowed = perm_checker(user)
        assert [name for name in names if allowed(name)] == [name for name in names if user.has_perm(name)], user


def test_the_menu_is_worked_out_once_a_page(personas: Personas, client_for: Any) -> None:
    from django.test import RequestFactory

    from consortia.core.context_processors import shell

    request = RequestFactory().get("/")
    request.user = personas.manager
    first = shell(request)
    assert shell(request) is first
    labels = [item.label for group in first["menu"] for item in group["items"]]
    assert "Organisations" in labels
    html = client_for(personas.manager).get("/directory/organisations/").content.decode()
    organisations = next(item for group in first["menu"] for item in group["items"] if item.label == "Organisations")
    assert f'href="{organisations.url}"' in html
    assert organisations.url == "/directory/organisations/"
