"""pytest fixtures shared by every app's tests (loaded from the root conftest.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from consortia.users.testing import Personas, make_personas


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas()


@pytest.fixture
def client_for(client: Client):  # type: ignore[no-untyped-def]
    """`client_for(user)` gives a test client signed in as `user` (a fresh one each call)."""

    def sign_in(user):  # type: ignore[no-untyped-def]
        signed_in = Client()
        signed_in.force_login(user)
        return signed_in

    return sign_in
