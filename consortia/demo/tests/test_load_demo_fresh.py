"""`manage.py load_demo` into an empty database: what only a first run can show."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError

from consortia.demo import data
from consortia.demo.tests.test_load_demo import counts, load
from consortia.users import roles
from consortia.users.models import User


@pytest.mark.django_db
def test_missing_role_groups_are_written() -> None:
    Group.objects.filter(name=roles.AUDITOR).delete()

    load()

    assert User.objects.get(email="auditor@demo.consortia.example").groups.get().name == roles.AUDITOR


@pytest.mark.django_db
def test_a_bad_record_loads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    # The last organisation is the bad one, so everything before it has been written when it fails.
    last = data.ORGANISATIONS[-1]
    monkeypatch.setattr(data, "ORGANISATIONS", (*data.ORGANISATIONS[:-1], replace(last, postcode="PR99 ZZZ")))

    with pytest.raises(CommandError, match=rf"{re.escape(last.name)}: postcode"):
        load()

    assert counts() == {"organisations": 0, "roles": 0, "contacts": 0, "users": 0, "memberships": 0}
