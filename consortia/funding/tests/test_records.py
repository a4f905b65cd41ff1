"""The generic pages and API of every funding record type (the core kit's tests)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.funding.models import (
    Application,
    FundingPayment,
    GrantDataset,
    GrantRecord,
    Prospect,
    ReportingRequirement,
)
from consortia.funding.tests import factories
from consortia.funding.tests.test_research import grant
from consortia.funding.views.records import (
    ApplicationViews,
    FundingPaymentViews,
    ProspectViews,
    ReportingRequirementViews,
)
from consortia.users.testing import Personas

# session, user, the user's permissions (group and own), count, the page of rows (joins in one
# query); the same six for every list of this app
LIST_QUERIES = 6


def prospect_data(personas: Personas) -> dict[str, Any]:
    return {
        "funder": factories.funder().pk,
        "programme": "Reaching Communities",
        "kind": "grant",
        "status": "researching",
        "amount_min": "10000.00",
        "amount_max": "500000.00",
        "deadline": "2027-01-31",
        "fit": "4",
        "fit_note": "Core costs for partnerships.",
    }


class TestProspectViews(EditableRecordTests):
    record = ProspectViews
    member_can_view = False  # the hub's own fundraising
    list_queries = LIST_QUERIES

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Prospect:
        return factories.prospect(programme=f"Programme {index} for {organisation.name}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return prospect_data(personas)


class TestProspectApi(RecordApiTests):
    basename = "prospect"
    model = Prospect
    member_can_view = False
    change = {"programme": "Renamed programme"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Prospect:
        return factories.prospect(programme=f"Programme {index} for {organisation.name}")

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return prospect_data(personas)


def application_data(personas: Personas) -> dict[str, Any]:
    return {
        "prospect": factories.prospect().pk,
        "title": "Core funding for the partnership",
        "ask_amount": "60000.00",
        "money_kind": "grant",
        "clawback_terms": "Unspent funds to be returned.",
    }


class TestApplicationViews(EditableRecordTests):
    record = ApplicationViews
    member_can_view = False
    list_queries = LIST_QUERIES

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Application:
        return factories.application(title=f"Application {index} for {organisation.name}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return application_data(personas)


class TestApplicationApi(RecordApiTests):
    basename = "fundingapplication"
    model = Application
    member_can_view = False
    change = {"title": "Renamed application"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Application:
        return factories.application(title=f"Application {index} for {organisation.name}")

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return application_data(personas)


class TestFundingPaymentViews(EditableRecordTests):
    record = FundingPaymentViews
    member_can_view = False
    list_queries = LIST_QUERIES

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> FundingPayment:
        return factories.payment(factories.awarded(title=f"Award {index} for {organisation.name}"))

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"application": factories.awarded().pk, "due_on": "2027-04-01", "amount": "5000.00"}


class TestFundingPaymentApi(RecordApiTests):
    basename = "fundingpayment"
    model = FundingPayment
    member_can_view = False
    change = {"amount": "7500.00"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> FundingPayment:
        return factories.payment(factories.awarded(title=f"Award {index} for {organisation.name}"))

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"application": factories.awarded().pk, "due_on": "2027-04-01", "amount": "5000.00"}


class TestReportingRequirementViews(EditableRecordTests):
    record = ReportingRequirementViews
    member_can_view = False
    list_queries = LIST_QUERIES

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ReportingRequirement:
        return factories.report(title=f"Report {index} for {organisation.name}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"application": factories.awarded().pk, "title": "End of year report", "due_on": "2027-04-30"}


class TestReportingRequirementApi(RecordApiTests):
    basename = "reportingrequirement"
    model = ReportingRequirement
    member_can_view = False
    change = {"title": "Renamed report"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ReportingRequirement:
        return factories.report(title=f"Report {index} for {organisation.name}")

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"application": factories.awarded().pk, "title": "End of year report", "due_on": "2027-04-30"}


class TestGrantRecordApi(RecordApiTests):
    basename = "grantrecord"
    model = GrantRecord
    member_can_view = False
    writable = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> GrantRecord:
        return grant(f"360G-TEST-{index}-{organisation.pk}", Decimal(1000 + index))


class TestGrantDatasetApi(RecordApiTests):
    basename = "grantdataset"
    model = GrantDataset
    member_can_view = False
    writable = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> GrantDataset:
        return grant(f"360G-SET-{index}-{organisation.pk}", Decimal(1000), sha=f"{index}-{organisation.pk}").dataset
