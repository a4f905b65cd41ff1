"""The kit's generic tests for every record type of the bids app (pages and API)."""

from __future__ import annotations

from typing import Any

from consortia.bids.models import (
    Bid,
    BidPartner,
    BidQuestion,
    Clarification,
    ComplianceItem,
    LibraryEntry,
    LibraryUse,
    Milestone,
)
from consortia.bids.services.library import use_entry
from consortia.bids.tests import factories
from consortia.bids.views.library import LibraryEntryViews, LibraryUseViews
from consortia.bids.views.workspace import (
    BidPartnerViews,
    BidQuestionViews,
    BidViews,
    ClarificationViews,
    ComplianceItemViews,
    MilestoneViews,
)
from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests, RecordViewTests
from consortia.directory.models import Organisation
from consortia.users.testing import Personas


def bid_of(personas: Personas, organisation: Organisation, index: int = 0) -> Bid:
    """A bid (named by its index) with `organisation` as a partner."""
    made = factories.bid(personas.manager)
    made.opportunity.title = f"Bid number {index} for {organisation.name}"
    made.opportunity.save()
    factories.partner(made, organisation)
    return made


class TestBidViews(EditableRecordTests):
    record = BidViews
    # session, user, 2 × permissions, count, page (opportunity and manager joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Bid:
        return bid_of(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        opportunity = factories.decided(personas.manager)
        return {"opportunity": opportunity.pk, "manager": personas.bid_writer.pk, "top_slice": "7.5"}

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return {"manager": personas.manager.pk, "top_slice": "8", "notes": "Changed."}


class TestBidApi(RecordApiTests):
    basename = "bid"
    model = Bid
    change = {"notes": "Changed by the API."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Bid:
        return bid_of(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "opportunity": factories.decided(personas.manager).pk,
            "manager": personas.manager.pk,
            "top_slice": "7.50",
        }


class TestBidPartnerViews(EditableRecordTests):
    record = BidPartnerViews
    # session, user, 2 × permissions, count, page (organisation, bid, opportunity joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> BidPartner:
        return bid_of(personas, organisation, index).partners.get()

    def form_data(self, personas: Personas) -> dict[str, Any]:
        other = factories.bid(personas.manager)
        factories.eligible(personas.org_b)
        return {
            "bid": other.pk,
            "organisation": personas.org_b.pk,
            "role": "partner",
            "delivery_share": "40",
            "delivery_cost": "5000.00",
        }


class TestBidPartnerApi(RecordApiTests):
    basename = "bidpartner"
    model = BidPartner
    change = {"notes": "Changed by the API."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> BidPartner:
        return bid_of(personas, organisation, index).partners.get()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        factories.eligible(personas.org_b)
        return {
            "bid": factories.bid(personas.manager).pk,
            "organisation": personas.org_b.pk,
            "role": "partner",
            "delivery_share": "40.00",
            "delivery_cost": "5000.00",
        }


def milestone(personas: Personas, index: int = 0) -> Milestone:
    from datetime import date

    return Milestone.objects.create(
        bid=factories.bid(personas.manager), name=f"First drafts {index}", due_on=date(2026, 12, 1)
    )


class TestMilestoneViews(EditableRecordTests):
    record = MilestoneViews
    member_can_view = False
    # session, user, 2 × permissions, count, page (bid, opportunity and owner joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Milestone:
        return milestone(personas, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"bid": factories.bid(personas.manager).pk, "name": "Review meeting", "due_on": "01/12/2026"}


class TestMilestoneApi(RecordApiTests):
    basename = "milestone"
    model = Milestone
    member_can_view = False
    change = {"notes": "Changed by the API."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Milestone:
        return milestone(personas, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"bid": factories.bid(personas.manager).pk, "name": "Review", "due_on": "2026-12-01"}


def assigned(personas: Personas, organisation: Organisation, index: int = 0) -> BidQuestion:
    made = bid_of(personas, organisation, index)
    return factories.question(
        made, str(index + 1), made.partners.get(), text=f"Question {index} of {organisation.name}"
    )


class TestBidQuestionViews(EditableRecordTests):
    record = BidQuestionViews
    # session, user, 2 × permissions, count, page (bid, opportunity, owner, partner, organisation joined)
    list_queries = 6
    concurrent_change = {"answer": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> BidQuestion:
        return assigned(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "bid": factories.bid(personas.manager).pk,
            "number": "2.1",
            "order": "1",
            "text": "How will you reach young carers?",
            "limit_kind": "words",
            "limit": "500",
            "status": "not_started",
        }


class TestBidQuestionApi(RecordApiTests):
    basename = "bidquestion"
    model = BidQuestion
    change = {"answer": "Written through the API."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> BidQuestion:
        return assigned(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "bid": factories.bid(personas.manager).pk,
            "number": "3",
            "order": 3,
            "text": "Describe your outcomes.",
            "limit_kind": "words",
            "status": "not_started",
        }


def clarification(personas: Personas, index: int = 0) -> Clarification:
    return Clarification.objects.create(bid=factories.bid(personas.manager), question=f"Is TUPE expected {index}?")


class TestClarificationViews(EditableRecordTests):
    record = ClarificationViews
    member_can_view = False
    concurrent_change = {"answer": "Changed meanwhile."}
    # session, user, 2 × permissions, count, page (bid and opportunity joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Clarification:
        return clarification(personas, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"bid": factories.bid(personas.manager).pk, "question": "May we subcontract?", "asked_on": "01/11/2026"}


class TestClarificationApi(RecordApiTests):
    basename = "clarification"
    model = Clarification
    member_can_view = False
    change = {"answer": "Yes."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Clarification:
        return clarification(personas, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"bid": factories.bid(personas.manager).pk, "question": "May we subcontract?"}


def item(personas: Personas, organisation: Organisation, index: int = 0) -> ComplianceItem:
    made = bid_of(personas, organisation, index)
    return ComplianceItem.objects.create(
        bid=made, partner=made.partners.get(), name=f"Insurance {index} of {organisation.name}"
    )


class TestComplianceItemViews(EditableRecordTests):
    record = ComplianceItemViews
    # session, user, 2 × permissions, count, page (bid, opportunity, partner, organisation joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ComplianceItem:
        return item(personas, organisation, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"bid": factories.bid(personas.manager).pk, "name": "Form of tender signed"}


class TestComplianceItemApi(RecordApiTests):
    basename = "complianceitem"
    model = ComplianceItem
    change = {"notes": "Changed."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ComplianceItem:
        return item(personas, organisation, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"bid": factories.bid(personas.manager).pk, "name": "Form of tender signed"}


class TestLibraryEntryViews(EditableRecordTests):
    record = LibraryEntryViews
    member_can_view = False
    concurrent_change = {"text": "Changed by someone else meanwhile."}
    # session, user, 2 × permissions, count, page (owner joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> LibraryEntry:
        return factories.entry(f"Library entry {index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"kind": "answer", "title": "Social value", "text": "We employ local people.", "review_months": "12"}


class TestLibraryEntryApi(RecordApiTests):
    basename = "libraryentry"
    model = LibraryEntry
    member_can_view = False
    change = {"tags": "social value"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> LibraryEntry:
        return factories.entry(f"Library entry {index}")

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"kind": "answer", "title": "Social value", "text": "We employ local people.", "review_months": 12}


def use(personas: Personas, index: int = 0) -> LibraryUse:
    question = factories.question(factories.bid(personas.manager), str(index + 1))
    library_entry = factories.entry(f"Reused entry {index}")
    use_entry(library_entry, question, personas.manager)
    return LibraryUse.objects.get(question=question)


class TestLibraryUseViews(RecordViewTests):
    record = LibraryUseViews
    member_can_view = False
    # session, user, 2 × permissions, count, page (entry, question, bid, opportunity, user joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> LibraryUse:
        return use(personas, index)


class TestLibraryUseApi(RecordApiTests):
    basename = "libraryuse"
    model = LibraryUse
    member_can_view = False
    writable = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> LibraryUse:
        return use(personas, index)
