"""Generic tests for a record type's API endpoints, driven by data (like `views.RecordViewTests`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from consortia.users.testing import Personas


def api_client(user: Any = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


_SCHEMA: dict[str, Any] = {}


def served_schema(personas: Personas) -> dict[str, Any]:
    """The OpenAPI schema as the API serves it, fetched once per test process: drawing it takes
    about two seconds, and every record type's tests ask whether it lists their endpoint."""
    if not _SCHEMA:
        response = api_client(personas.manager).get(reverse("api:schema"), {"format": "json"})
        assert response.status_code == 200
        _SCHEMA.update(response.json())
    return _SCHEMA


class RecordApiTests:
    """Set `basename` (the router's, e.g. "organisation"), `make(self, personas, organisation, index=0)`
    and, for writable endpoints, `create_payload(self, personas)` and `change`."""

    basename: ClassVar[str]
    model: ClassVar[type[models.Model]]
    make: Callable[..., models.Model]
    writable: ClassVar[bool] = True
    member_can_view: ClassVar[bool] = True
    read_only_can_view: ClassVar[bool] = True
    # The personas whose role only reads this record type (see `views.RecordViewTests`).
    read_only_personas: ClassVar[tuple[str, ...]] = ("auditor", "board")
    create_payload: Callable[..., dict[str, Any]]
    create_format: ClassVar[str] = "json"  # "multipart" for a record made with its file
    change: ClassVar[dict[str, Any]] = {}

    def list_url(self) -> str:
        return reverse(f"api:{self.basename}-list")

    def detail_url(self, obj: models.Model) -> str:
        return reverse(f"api:{self.basename}-detail", args=[obj.pk])

    def test_sign_in_is_needed(self, personas: Personas) -> None:
        obj = self.make(personas, personas.org_a)
        assert api_client().get(self.list_url()).status_code in (401, 403)
        assert api_client().get(self.detail_url(obj)).status_code in (401, 403)

    def test_user_without_a_role_is_refused(self, personas: Personas) -> None:
        obj = self.make(personas, personas.org_a)
        client = api_client(personas.nobody)
        assert client.get(self.list_url()).status_code == 403
        assert client.get(self.detail_url(obj)).status_code in (403, 404)
        assert client.delete(self.detail_url(obj)).status_code in (403, 404)
        assert type(obj)._default_manager.filter(pk=obj.pk).exists()

    def test_member_sees_only_their_own_organisation(self, personas: Personas) -> None:
        own = self.make(personas, personas.org_a, 1)
        other = self.make(personas, personas.org_b, 2)
        client = api_client(personas.member_a)
        if not self.member_can_view:
            assert client.get(self.list_url()).status_code == 403
            return
        ids = {row["id"] for row in client.get(self.list_url(), {"limit": 1000}).json()["results"]}
        assert own.pk in ids
        if getattr(self.model, "shared_reference", False):
            assert other.pk in ids
            return
        assert other.pk not in ids
        assert client.get(self.detail_url(other)).status_code == 404
        assert client.patch(self.detail_url(other), {}, format="json").status_code in (403, 404)

    def test_read_only_role_cannot_write(self, personas: Personas) -> None:
        obj = self.make(personas, personas.org_a)
        for persona in (getattr(personas, name) for name in self.read_only_personas):
            client = api_client(persona)
            assert client.get(self.detail_url(obj)).status_code == (200 if self.read_only_can_view else 403)
            assert client.delete(self.detail_url(obj)).status_code == 403
            assert client.patch(self.detail_url(obj), self.change, format="json").status_code == 403
        assert type(obj)._default_manager.filter(pk=obj.pk).exists()

    def test_list_costs_a_fixed_number_of_queries(self, personas: Personas) -> None:
        client = api_client(personas.manager)
        client.get(self.list_url())  # warm per-process caches
        self.make(personas, personas.org_a, 101)
        with CaptureQueriesContext(connection) as few:
            assert client.get(self.list_url()).status_code == 200
        for index in range(102, 112):
            self.make(personas, personas.org_b if index % 2 else personas.org_a, index)
        with CaptureQueriesContext(connection) as many:
            assert client.get(self.list_url()).status_code == 200
        assert len(few) == len(many), [query["sql"] for query in many.captured_queries]

    def test_manager_creates_changes_and_deletes(self, personas: Personas) -> None:
        if not self.writable:
            assert api_client(personas.manager).post(self.list_url(), {}, format="json").status_code == 405
            return
        client = api_client(personas.manager)
        response = client.post(self.list_url(), self.create_payload(personas), format=self.create_format)
        assert response.status_code == 201, response.json()
        created = self.model._default_manager.get(pk=response.json()["id"])
        assert created.created_by == personas.manager  # type: ignore[attr-defined]
        response = client.patch(self.detail_url(created), self.change, format="json")
        assert response.status_code == 200, response.json()
        for key, value in self.change.items():
            assert response.json()[key] == value
        assert client.delete(self.detail_url(created)).status_code == 204
        assert not self.model._default_manager.filter(pk=created.pk).exists()

    def test_endpoint_is_in_the_schema(self, personas: Personas) -> None:
        assert self.list_url() in served_schema(personas)["paths"]
