"""The model backend and session store that read with fixed SQL answer exactly as Django's do."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import backends as django_backends
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends import db as django_sessions
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consortia.users.backends import ModelBackend
from consortia.users.models import User
from consortia.users.sessions import SessionStore
from consortia.users.testing import Personas


def permission(name: str) -> Permission:
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def both_ways(user: User, method: str) -> tuple[Any, Any]:
    """What ours and Django's backend answer, each with a fresh copy of the user (nothing cached)."""
    ours = getattr(ModelBackend(), method)(User.objects.get(pk=user.pk))
    theirs = getattr(django_backends.ModelBackend(), method)(User.objects.get(pk=user.pk))
    return ours, theirs


def test_permissions_are_djangos_for_every_kind_of_user(personas: Personas) -> None:
    # Granted directly as well as through groups, a user in two groups, inactive, superuser.
    direct = User.objects.create_user(email="direct@hub.test", password="x")
    direct.user_permissions.add(permission("directory.view_organisation"), permission("finance.view_invoice"))
    direct.groups.add(*Group.objects.all()[:2])
    inactive = User.objects.create_user(email="gone@hub.test", password="x", is_active=False)
    inactive.user_permissions.add(permission("directory.view_organisation"))
    superuser = User.objects.create_superuser(email="root@hub.test", password="x")
    users = [personas.manager, personas.auditor, personas.nobody, personas.member_a, direct, inactive, superuser]
    for user in users:
        for method in ("get_user_permissions", "get_group_permissions", "get_all_permissions"):
            ours, theirs = both_ways(user, method)
            assert ours == theirs, (user, method)
    assert both_ways(direct, "get_user_permissions")[0] == {"directory.view_organisation", "finance.view_invoice"}
    assert both_ways(inactive, "get_all_permissions")[0] == set()
    assert len(both_ways(superuser, "get_all_permissions")[0]) == Permission.objects.count()


def test_permission_changes_show_on_the_next_request(personas: Personas, client_for: Any) -> None:
    # Nothing is kept between requests: a permission taken from a group, or a user taken out of
    # it, or switched off, is refused from the very next page.
    client = client_for(personas.bid_writer)
    assert client.get("/directory/organisations/").status_code == 200
    group = personas.bid_writer.groups.get()
    group.permissions.remove(permission("directory.view_organisation"))
    assert client.get("/directory/organisations/").status_code == 403
    personas.bid_writer.user_permissions.add(permission("directory.view_organisation"))
    assert client.get("/directory/organisations/").status_code == 200
    personas.bid_writer.user_permissions.clear()
    group.permissions.add(permission("directory.view_organisation"))
    assert client.get("/directory/organisations/").status_code == 200
    personas.bid_writer.groups.clear()
    assert client.get("/directory/organisations/").status_code == 403
    personas.bid_writer.groups.add(group)
    assert client.get("/directory/organisations/").status_code == 200
    User.objects.filter(pk=personas.bid_writer.pk).update(is_active=False)
    assert client.get("/directory/organisations/").status_code == 302  # signed out


def test_get_user_is_djangos(personas: Personas) -> None:
    inactive = User.objects.create_user(email="gone@hub.test", password="x", is_active=False)
    ours, theirs = ModelBackend(), django_backends.ModelBackend()
    for pk in (personas.manager.pk, personas.member_a.pk):
        user = ours.get_user(pk)
        expected = theirs.get_user(pk)
        assert user is not None
        assert expected is not None
        stored = {field.attname: getattr(expected, field.attname) for field in User._meta.concrete_fields}
        assert {name: getattr(user, name) for name in stored} == stored
        assert user.organisation_id == expected.organisation_id
    assert ours.get_user(inactive.pk) is None
    assert ours.get_user(max(User.objects.values_list("pk", flat=True)) + 1) is None


def test_a_page_reads_the_session_user_and_permissions_in_four_queries(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.member_a)
    client.get("/portal/contacts/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/portal/contacts/").status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    assert "django_session" in statements[0]
    assert "users_user" in statements[1]
    assert sum("auth_permission" in sql for sql in statements) == 2


@pytest.mark.django_db
def test_sessions_load_as_djangos_do() -> None:
    session = SessionStore()
    session["answer"] = 42
    session.create()
    key = session.session_key
    assert SessionStore(key).load() == django_sessions.SessionStore(key).load() == {"answer": 42}

    # Expired: nothing, and the key is dropped (a new one is made if the session is saved).
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None

    missing = SessionStore("no-such-session-key-at-all")
    assert missing.load() == {}
    assert missing.session_key is None


def test_signed_in_pages_go_through_this_store(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    assert isinstance(client.session, SessionStore)
    assert client.get("/").status_code == 200
    Session.objects.filter(session_key=client.session.session_key).delete()
    assert client.get("/").status_code == 302  # the session is gone, so is the sign-in


def test_a_session_signed_in_before_the_upgrade_stays_signed_in(personas: Personas, client: Any) -> None:
    """Sessions made while Django's own model backend signed users in name it: they still work."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    user = personas.manager
    old = django_sessions.SessionStore()
    old[SESSION_KEY] = str(user.pk)
    old[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    old[HASH_SESSION_KEY] = user.get_session_auth_hash()
    old.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = old.session_key
    assert client.get("/").status_code == 200
    assert SessionStore(old.session_key).load()[BACKEND_SESSION_KEY] == "consortia.users.backends.ModelBackend"
