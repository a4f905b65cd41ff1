"""The generic pages and API of every contracts record type (the core kit's tests)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from consortia.contracts.models import Contract, ContractDocument, Variation
from consortia.contracts.services.contracts import agree_variation
from consortia.contracts.tests import factories
from consortia.contracts.views.contracts import (
    ContractDocumentViews,
    ContractMilestoneViews,
    ContractViews,
    SubcontractViews,
    VariationViews,
)
from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.users.testing import Personas


def delivered_by(organisation: Organisation, index: int = 0) -> Contract:
    """A contract with a subcontract to `organisation`: its members' users see it."""
    contract = factories.contract(title=f"Service {index} delivered by {organisation.name}")
    factories.subcontract(contract, organisation)
    return contract


def contract_data(personas: Personas) -> dict[str, Any]:
    return {
        "reference": "NEW-001",
        "title": "Young carers service",
        "commissioner": factories.commissioner(personas.org_c).pk,
        "status": "live",
        "start_date": "2026-04-01",
        "end_date": "2028-03-31",
        "original_value": "250000.00",
        "payment_model": "block",
        "payment_terms_days": "30",
        "vat": "exempt",
    }


class TestContractViews(EditableRecordTests):
    record = ContractViews
    # session, user, the user's permissions (group and own), count, the page of rows (joins in
    # one query); the same six for every list of this app
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Contract:
        return delivered_by(organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return contract_data(personas)


class TestContractApi(RecordApiTests):
    basename = "contract"
    model = Contract
    change = {"title": "Renamed service"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Contract:
        return delivered_by(organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return contract_data(personas)


class TestContractMilestoneViews(EditableRecordTests):
    record = ContractMilestoneViews
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Any:
        return factories.milestone(delivered_by(organisation, index), f"Review {index} with {organisation.name}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"contract": factories.contract().pk, "name": "Annual review", "due_on": "2027-04-01"}


class TestContractMilestoneApi(RecordApiTests):
    basename = "contractmilestone"
    model = factories.ContractMilestone
    change = {"name": "Renamed milestone"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Any:
        return factories.milestone(delivered_by(organisation, index), f"Review {index} with {organisation.name}")

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"contract": factories.contract().pk, "name": "Annual review", "due_on": "2027-04-01"}


def variation(personas: Personas, organisation: Organisation, index: int = 0) -> Variation:
    return agree_variation(
        delivered_by(organisation, index), personas.manager, f"Extra sessions {index}", Decimal(500), factories.START
    )


class TestVariationViews(EditableRecordTests):
    record = VariationViews
    member_can_view = False  # the hub's own record of the contract's value
    list_queries = 6
    concurrent_change = {"description": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Variation:
        return variation(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "contract": factories.contract().pk,
            "description": "Extra outreach in schools.",
            "value_change": "1500.00",
            "agreed_on": "2026-06-01",
        }


class TestVariationApi(RecordApiTests):
    basename = "variation"
    model = Variation
    member_can_view = False
    change = {"description": "Reworded"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Variation:
        return variation(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "contract": factories.contract().pk,
            "description": "Extra outreach in schools.",
            "value_change": "1500.00",
            "agreed_on": "2026-06-01",
        }


def subcontract_data(personas: Personas) -> dict[str, Any]:
    factories.eligible(personas.org_a)
    return {
        "contract": factories.contract().pk,
        "organisation": personas.org_a.pk,
        "status": "draft",
        "scope": "Advice sessions.",
        "share": "60",
        "value": "50000.00",
        "payment_model": "block",
        "payment_terms_days": "30",
        "start_date": "2026-04-01",
        "end_date": "2028-03-31",
    }


class TestSubcontractViews(EditableRecordTests):
    record = SubcontractViews
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Any:
        return factories.subcontract(factories.contract(), organisation)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return subcontract_data(personas)


class TestSubcontractApi(RecordApiTests):
    basename = "subcontract"
    model = factories.Subcontract
    change = {"volumes": "100 clients a year."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Any:
        return factories.subcontract(factories.contract(), organisation)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return subcontract_data(personas)


def document(organisation: Organisation, index: int = 0) -> ContractDocument:
    return ContractDocument.objects.create(
        contract=delivered_by(organisation, index),
        title=f"Signed contract {index} {organisation.name}",
        file=SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed"),
    )


class TestContractDocumentViews(EditableRecordTests):
    record = ContractDocumentViews
    member_can_view = False  # the hub's own papers
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ContractDocument:
        return document(organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "contract": factories.contract().pk,
            "title": "Service specification",
            "kind": "specification",
            "file": SimpleUploadedFile("spec.pdf", b"%PDF-1.4 the specification", content_type="application/pdf"),
        }

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return {"contract": obj.contract_id, "title": "Service specification v2", "kind": "specification"}


class TestContractDocumentApi(RecordApiTests):
    basename = "contractdocument"
    model = ContractDocument
    member_can_view = False
    writable = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ContractDocument:
        return document(organisation, index)


def test_the_detail_page_shows_money_as_pounds(personas: Personas, client_for: Callable[..., Client]) -> None:
    signed = factories.contract(original_value=Decimal("240000.00"))
    page = client_for(personas.auditor).get(signed.get_absolute_url()).content.decode()
    assert "£240,000.00" in page
    assert "240000.00" not in page
