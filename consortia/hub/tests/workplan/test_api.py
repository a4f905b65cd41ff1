"""The workplan's API."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.hub.models import WorkplanItem
from consortia.hub.tests.workplan.factories import WorkplanItemFactory
from consortia.users.testing import Personas


class TestWorkplanItemApi(RecordApiTests):
    basename = "workplanitem"
    model = WorkplanItem
    member_can_view = False
    change = {"status": "done"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> WorkplanItem:
        return WorkplanItemFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "function": "funding",
            "activity": "Secure development funding",
            "start_month": "2026-04-15",
            "end_month": "2026-09-01",
        }


def test_the_api_keeps_months_on_their_first_day(personas: Personas) -> None:
    payload = TestWorkplanItemApi().create_payload(personas)
    body = api_client(personas.manager).post("/api/workplan-items/", payload, format="json").json()
    assert (body["start_month"], body["end_month"]) == ("2026-04-01", "2026-09-01")
    payload = payload | {"activity": "Backwards", "end_month": "2026-01-01"}
    response = api_client(personas.manager).post("/api/workplan-items/", payload, format="json")
    assert response.status_code == 400
