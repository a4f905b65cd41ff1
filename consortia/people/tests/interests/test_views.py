"""Declared interests through the generic view and API tests."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.people.models import DeclaredInterest
from consortia.people.tests.interests.factories import DeclaredInterestFactory
from consortia.people.views.interests import DeclaredInterestViews
from consortia.users.testing import Personas


class TestDeclaredInterestViews(EditableRecordTests):
    record = DeclaredInterestViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page (person and organisation joined)
    concurrent_change = {"details": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> DeclaredInterest:
        return DeclaredInterestFactory(organisation=organisation, person=personas.board)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "person": str(personas.board.pk),
            "organisation": str(personas.org_a.pk),
            "nature": "trustee",
            "details": "Trustee since 2021.",
            "declared_on": "2025-01-06",
        }


class TestDeclaredInterestApi(RecordApiTests):
    basename = "declaredinterest"
    model = DeclaredInterest
    member_can_view = False
    change = {"details": "Chair of trustees."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> DeclaredInterest:
        return DeclaredInterestFactory(organisation=organisation, person=personas.board)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "person": personas.board.pk,
            "organisation": personas.org_a.pk,
            "nature": "employee",
            "declared_on": "2025-01-06",
        }
