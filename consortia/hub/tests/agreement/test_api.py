"""The service agreements' API."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.hub.models import ServiceAgreement
from consortia.hub.tests.agreement.factories import ServiceAgreementFactory
from consortia.users.testing import Personas


class TestServiceAgreementApi(RecordApiTests):
    basename = "serviceagreement"
    model = ServiceAgreement
    member_can_view = False
    change = {"status": "ended"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ServiceAgreement:
        return ServiceAgreementFactory(provider=organisation)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"title": "Hub services", "provider": personas.org_a.pk, "start": "2026-04-01", "fee": "38500.00"}


def test_an_agreement_cannot_end_before_it_starts(personas: Personas) -> None:
    payload = TestServiceAgreementApi().create_payload(personas) | {"end": "2025-03-31"}
    response = api_client(personas.manager).post("/api/service-agreements/", payload, format="json")
    assert response.status_code == 400
    assert "end" in response.json()
