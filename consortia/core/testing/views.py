"""Generic tests for a record type's views, driven by data.

Subclass `RecordViewTests` (as `Test<Model>Views`) and set `record`, `make` and the form data;
every generic behaviour — permissions, scoping to the member's organisation, create/edit/delete,
history, double posts, stale edits, export, import, and a fixed query count — is then tested.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Callable
from typing import Any, ClassVar

from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from consortia.core.models import route_name
from consortia.core.services import record_version
from consortia.core.views.generic import RecordViews
from consortia.users.testing import Personas


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured)


def csv_rows(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def form_token(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    match = re.search(rb'name="_token" value="(\w+)"', response.content)
    assert match, "the create form carries a one-time token"
    return match.group(1).decode()


class RecordViewTests:
    """Data-driven tests of the generic views of one record type."""

    record: ClassVar[type[RecordViews]]
    # Member organisations' users see this record type, scoped to their own organisation.
    member_can_view: ClassVar[bool] = True
    # The read-only roles (auditor, board) may read this record type (users are the hub
    # manager's alone, for instance).
    read_only_can_view: ClassVar[bool] = True
    # The personas (attributes of `Personas`) whose role only reads this record type; a record
    # type that board members write themselves (their own scores) leaves the board out.
    read_only_personas: ClassVar[tuple[str, ...]] = ("auditor", "board")
    # The pinned number of queries a list page costs, whatever the number of rows.
    list_queries: ClassVar[int]

    # Subclasses define `make(self, personas, organisation, index=0)`, which returns a saved
    # record belonging to `organisation`.
    make: Callable[..., models.Model]

    # -- helpers ----------------------------------------------------------------------------
    def url(self, action: str, obj: models.Model | None = None) -> str:
        name = route_name(self.record.model, action)
        return reverse(name, args=[obj.pk]) if obj is not None else reverse(name)

    def urls(self, obj: models.Model) -> dict[str, str]:
        urls = {"list": self.url("list"), "detail": self.url("detail", obj), "history": self.url("history", obj)}
        urls["export"] = urls["list"] + "?export=csv"
        for action, needs_obj in (("add", False), ("edit", True), ("delete", True), ("import", False)):
            with contextlib.suppress(NoReverseMatch):  # a read-only record type has no edit pages
                urls[action] = self.url(action, obj if needs_obj else None)
        return urls

    # -- permissions and scoping ------------------------------------------------------------
    def test_pages_need_sign_in(self, personas: Personas, client: Client) -> None:
        obj = self.make(personas, personas.org_a)
        for name, url in self.urls(obj).items():
            response = client.get(url)
            assert response.status_code == 302, name
            assert "/accounts/login/" in response["Location"], name

    def test_user_without_a_role_is_refused(self, personas: Personas, client_for: Callable[..., Client]) -> None:
        obj = self.make(personas, personas.org_a)
        client = client_for(personas.nobody)
        for name, url in self.urls(obj).items():
            assert client.get(url).status_code == 403, name
        if "delete" in self.urls(obj):
            assert client.post(self.url("delete", obj)).status_code == 403
            assert type(obj)._default_manager.filter(pk=obj.pk).exists()

    def test_read_only_role_cannot_change(self, personas: Personas, client_for: Callable[..., Client]) -> None:
        obj = self.make(personas, personas.org_a)
        for persona in (getattr(personas, name) for name in self.read_only_personas):
            client = client_for(persona)
            assert client.get(self.url("detail", obj)).status_code == (200 if self.read_only_can_view else 403)
            for action in ("add", "edit", "delete", "import"):
                if action in self.urls(obj):
                    assert client.get(self.urls(obj)[action]).status_code == 403, action

    def test_member_sees_only_their_own_organisation(
        self, personas: Personas, client_for: Callable[..., Client]
    ) -> None:
        own = self.make(personas, personas.org_a, 1)
        other = self.make(personas, personas.org_b, 2)
        client = client_for(personas.member_a)
        if not self.member_can_view:
            for url in self.urls(other).values():
                assert client.get(url).status_code in (403, 404)
            return
        listing = client.get(self.url("list")).content.decode()
        assert str(own) in listing
        if getattr(self.record.model, "shared_reference", False):
            # Reference data is the same for everyone: both rows, and nothing to edit.
            assert str(other) in listing
            assert client.get(self.url("detail", other)).status_code == 200
            return
        assert str(other) not in listing
        for action in ("detail", "history", "edit", "delete"):
            if action in self.urls(other):
                assert client.get(self.urls(other)[action]).status_code in (403, 404), action
        exported = "\n".join(",".join(row) for row in csv_rows(client.get(self.url("list") + "?export=csv")))
        assert str(own) in exported
        assert str(other) not in exported
        # The site search, in this record type only (the search of every type runs the same query per type).
        label = self.record.model._meta.label_lower
        found_own = client.get(reverse("core:search"), {"q": str(own), "in": label}).content.decode()
        assert f'href="{own.get_absolute_url()}"' in found_own
        found_other = client.get(reverse("core:search"), {"q": str(other), "in": label}).content.decode()
        assert f'href="{other.get_absolute_url()}"' not in found_other

    def test_export_csv_and_excel_hold_every_filtered_row(
        self, personas: Personas, client_for: Callable[..., Client]
    ) -> None:
        objs = [self.make(personas, personas.org_a, index) for index in range(3)]
        client = client_for(personas.manager)
        visible = self.record.queryset().restrict(personas.manager, "view").count()
        rows = csv_rows(client.get(self.url("list") + "?export=csv"))
        assert len(rows) == visible + 1
        body = "\n".join(",".join(row) for row in rows)
        for obj in objs:
            assert str(obj) in body
        response = client.get(self.url("list") + "?export=xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.max_row == visible + 1

    def test_list_costs_a_fixed_number_of_queries(self, personas: Personas, client_for: Callable[..., Client]) -> None:
        client = client_for(personas.manager)
        client.get(self.url("list"))  # warm caches that are per process, not per request
        for index in range(3):
            self.make(personas, personas.org_a, 100 + index)
        few = queries_for(client, self.url("list"))
        for index in range(30):
            self.make(personas, personas.org_b if index % 2 else personas.org_a, 200 + index)
        many = queries_for(client, self.url("list"))
        assert (few, many) == (self.list_queries, self.list_queries)


class EditableRecordTests(RecordViewTests):
    """Adds the create, edit and delete behaviours. Subclasses define `form_data(self, personas)`
    (POST data creating a valid record) and may define `edit_data(self, personas, obj)`."""

    form_data: Callable[..., dict[str, Any]]
    # A change someone else saves while the user has the edit form open (a queryset update).
    concurrent_change: ClassVar[dict[str, Any]] = {"notes": "Changed by someone else meanwhile."}

    def edit_data(self, personas: Personas, obj: models.Model) -> dict[str, Any]:
        return self.form_data(personas)

    def test_create_edit_delete_with_history(self, personas: Personas, client_for: Callable[..., Client]) -> None:
        client = client_for(personas.manager)
        model = self.record.model
        before = set(model._default_manager.values_list("pk", flat=True))
        data = self.form_data(personas) | {"_token": form_token(client, self.url("add"))}
        response = client.post(self.url("add"), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        created = model._default_manager.exclude(pk__in=before).get()
        assert response["Location"] == created.get_absolute_url()
        # Who created it is in the history for every record type (and in created_by for most).
        assert created.history.earliest().history_user == personas.manager
        if hasattr(created, "created_by"):
            assert created.created_by == personas.manager

        edit = self.edit_data(personas, created) | {"_version": record_version(created)}
        response = client.post(self.url("edit", created), edit)
        assert response.status_code == 302, response.content.decode()[:3000]
        history = client.get(self.url("history", created)).content.decode()
        assert "Created" in history
        assert "Changed" in history
        assert personas.manager.full_name in history

        assert client.get(self.url("delete", created)).status_code == 200
        response = client.post(self.url("delete", created))
        assert response.status_code == 302
        assert not model._default_manager.filter(pk=created.pk).exists()

    def test_create_form_sent_twice_saves_once(self, personas: Personas, client_for: Callable[..., Client]) -> None:
        client = client_for(personas.manager)
        model = self.record.model
        count = model._default_manager.count()
        data = self.form_data(personas) | {"_token": form_token(client, self.url("add"))}
        first = client.post(self.url("add"), data)
        second = client.post(self.url("add"), data)
        assert first.status_code == second.status_code == 302
        assert first["Location"] == second["Location"]
        assert model._default_manager.count() == count + 1

    def test_stale_edit_is_refused(self, personas: Personas, client_for: Callable[..., Client]) -> None:
        obj = self.make(personas, personas.org_a)
        client = client_for(personas.manager)
        page = client.get(self.url("edit", obj)).content.decode()
        seen = re.search(r'name="_version" value="(\w+)"', page)
        assert seen, "the edit form carries the version it was opened at"
        # Someone else saves the record after this user opened it.
        type(obj)._default_manager.filter(pk=obj.pk).update(**self.concurrent_change)
        response = client.post(self.url("edit", obj), self.edit_data(personas, obj) | {"_version": seen.group(1)})
        assert response.status_code == 200
        assert "Someone else changed this record" in response.content.decode()


class ImportableRecordTests:
    """Mix into a record's tests when it has an importer; set `import_csv`, `bad_import_csv`
    and `bad_import_error` (the row and column the error must name)."""

    record: ClassVar[type[RecordViews]]
    import_csv: ClassVar[str]
    bad_import_csv: ClassVar[str]
    bad_import_error: ClassVar[tuple[int, str]]
    url = RecordViewTests.url

    def test_import_then_import_again_changes_nothing(
        self, personas: Personas, client_for: Callable[..., Client]
    ) -> None:
        client = client_for(personas.manager)
        model = self.record.model
        before = model._default_manager.count()
        upload = io.BytesIO(self.import_csv.encode())
        upload.name = "import.csv"
        response = client.post(self.url("import"), {"file": upload})
        assert response.status_code == 200, response.content.decode()[:3000]
        added = model._default_manager.count() - before
        assert added > 0
        history = sum(record.history.count() for record in model._default_manager.all())  # type: ignore[attr-defined]
        upload = io.BytesIO(self.import_csv.encode())
        upload.name = "import.csv"
        response = client.post(self.url("import"), {"file": upload})
        assert response.status_code == 200
        assert f"0 new, 0 updated, {added} unchanged" in response.content.decode()
        assert model._default_manager.count() == before + added
        assert sum(record.history.count() for record in model._default_manager.all()) == history  # type: ignore[attr-defined]

    def test_bad_import_writes_nothing_and_names_row_and_column(
        self, personas: Personas, client_for: Callable[..., Client]
    ) -> None:
        client = client_for(personas.manager)
        model = self.record.model
        before = model._default_manager.count()
        upload = io.BytesIO(self.bad_import_csv.encode())
        upload.name = "bad.csv"
        response = client.post(self.url("import"), {"file": upload})
        assert response.status_code == 422
        row, column = self.bad_import_error
        assert re.search(rf"<td>{row}</td><td>{re.escape(column)}</td>", response.content.decode())
        assert model._default_manager.count() == before
