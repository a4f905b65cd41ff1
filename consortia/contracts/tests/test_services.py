"""Making a contract from a won bid, variations and the contract's value, subcontract shares."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from consortia.bids.choices import BidStatus
from consortia.bids.tests import factories as bid_factories
from consortia.contracts.choices import SubcontractStatus
from consortia.contracts.models import Contract, Subcontract
from consortia.contracts.services.contracts import agree_variation, award_contract, value_history, withdraw_variation
from consortia.contracts.tests import factories
from consortia.directory.tests.factories import OrganisationFactory
from consortia.users.testing import Personas


def won_bid(personas: Personas):  # type: ignore[no-untyped-def]
    bid = bid_factories.bid(personas.manager, top_slice=Decimal("10"))
    bid.opportunity.commissioner = factories.commissioner(personas.org_c)
    bid.opportunity.save()
    bid_factories.partner(bid, personas.org_a, cost="60000.00", share="60")
    bid_factories.partner(bid, personas.org_b, cost="40000.00", share="40")
    bid.status = BidStatus.WON
    bid.save()
    return bid


def test_award_makes_the_contract_and_draft_subcontracts_from_a_won_bid(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    bid = won_bid(personas)
    client: Client = client_for(personas.contracts_officer)
    page = client.get(reverse("contracts:contract_award", args=[bid.pk])).content.decode()
    assert "£110,000" in page  # delivery £100,000 plus the 10% fee
    response = client.post(
        reverse("contracts:contract_award", args=[bid.pk]),
        {"reference": "GCC-2026-1", "start": "2026-04-01", "end": "2028-03-31"},
    )
    contract = Contract.objects.get(bid=bid)
    assert response["Location"] == contract.get_absolute_url()
    assert (contract.commissioner, contract.value, contract.original_value) == (
        personas.org_c,
        Decimal("110000.00"),
        Decimal("110000.00"),
    )
    assert contract.title == bid.opportunity.title
    assert contract.manager == bid.manager
    subs = {sub.organisation: sub for sub in contract.subcontracts.all()}
    assert subs[personas.org_a].share == Decimal(60)
    assert subs[personas.org_a].value == Decimal("60000.00")  # 60% of the delivery value
    assert subs[personas.org_b].value == Decimal("40000.00")
    assert {sub.status for sub in subs.values()} == {SubcontractStatus.DRAFT}
    assert contract.created_by == personas.contracts_officer

    # Again: refused, plainly, and nothing more is made.
    with pytest.raises(ValidationError, match="already has a contract: GCC-2026-1"):
        award_contract(bid, personas.manager, "GCC-2026-2", date(2026, 4, 1), date(2027, 3, 31))
    response = client.post(
        reverse("contracts:contract_award", args=[bid.pk]),
        {"reference": "GCC-2026-3", "start": "2026-04-01", "end": "2028-03-31"},
    )
    assert response.status_code == 422
    assert "already has a contract" in response.content.decode()
    assert Contract.objects.count() == 1
    # Members and read-only roles cannot make contracts.
    assert client_for(personas.member_a).get(reverse("contracts:contract_award", args=[bid.pk])).status_code == 403
    assert client_for(personas.auditor).get(reverse("contracts:contract_award", args=[bid.pk])).status_code == 403


def test_a_bid_not_won_is_refused(personas: Personas) -> None:
    bid = bid_factories.bid(personas.manager)
    bid.status = BidStatus.SUBMITTED
    bid.save()
    with pytest.raises(ValidationError, match=r"Only a won bid becomes a contract: .* is submitted"):
        award_contract(bid, personas.manager, "X-1", date(2026, 4, 1), date(2027, 3, 31))
    assert not Contract.objects.exists()


def test_variations_make_the_history_of_the_value(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    contract = factories.contract(original_value=Decimal("100000.00"))
    first = agree_variation(contract, personas.manager, "More sessions", Decimal("20000"), date(2026, 6, 1))
    second = agree_variation(
        contract, personas.manager, "One area fewer", Decimal("-30000.50"), date(2026, 9, 1), date(2028, 9, 30)
    )
    contract.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert (first.value_after, second.value_after) == (Decimal("120000.00"), Decimal("89999.50"))
    assert (contract.value, contract.original_value, contract.end_date) == (
        Decimal("89999.50"),
        Decimal("100000.00"),
        date(2028, 9, 30),
    )
    assert [row["value"] for row in value_history(contract)] == [
        Decimal("100000.00"),
        Decimal("120000.00"),
        Decimal("89999.50"),
    ]
    page = client_for(personas.auditor).get(contract.get_absolute_url()).content.decode()
    assert "£120,000" in page
    assert "£89,999.50" in page
    assert "-£30,000.50" in page

    with pytest.raises(ValidationError) as refused:
        agree_variation(contract, personas.manager, "Cut", Decimal("-90000"), date(2026, 10, 1))
    assert refused.value.message_dict["value_change"] == [
        "This variation would make the contract's value negative: £89,999.50 less £90,000.00."
    ]
    # Only the latest can be withdrawn; withdrawing it puts the value and end back.
    with pytest.raises(ValidationError, match="Only the latest variation"):
        withdraw_variation(first, personas.manager)
    withdraw_variation(second, personas.manager)
    contract.refresh_from_db()
    assert (contract.value, contract.end_date) == (Decimal("120000.00"), factories.END)


def test_variation_added_on_the_page_goes_through_the_service(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    from consortia.core.testing.views import form_token

    contract = factories.contract(original_value=Decimal("1000.00"))
    client = client_for(personas.contracts_officer)
    url = reverse("contracts:variation_add")
    data = {"contract": contract.pk, "description": "Cut", "value_change": "-1500", "agreed_on": "2026-05-01"}
    response = client.post(url, data | {"_token": form_token(client, url)})
    assert response.status_code == 200
    assert "would make the contract&#x27;s value negative: £1,000.00 less £1,500.00" in response.content.decode()
    data["value_change"] = "-250"
    response = client.post(url, data | {"_token": form_token(client, url)})
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.value == Decimal("750.00")
    assert contract.variations.get().value_after == Decimal("750.00")


def test_shares_over_100_percent_are_refused(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    contract = factories.contract(reference="GCC-9")
    factories.subcontract(contract, personas.org_a, share="70")
    third = factories.eligible(OrganisationFactory(name="Third Sector Trust"))
    sub = Subcontract(
        contract=contract,
        organisation=third,
        share=Decimal("40"),
        value=Decimal(1),
        scope="More",
        start_date=contract.start_date,
        end_date=contract.end_date,
    )
    with pytest.raises(ValidationError) as refused:
        sub.full_clean()
    assert refused.value.message_dict["share"] == [
        "The shares of GCC-9's subcontracts would add up to 110%: the other subcontracts already have 70%, "
        "so this one can have at most 30%."
    ]
    sub.share = Decimal("30")
    sub.full_clean()
    # The API refuses the same.
    from consortia.core.testing.api import api_client

    response = api_client(personas.manager).post(
        reverse("api:subcontract-list"),
        {
            "contract": contract.pk,
            "organisation": third.pk,
            "scope": "More",
            "share": "31",
            "value": "10.00",
            "start_date": "2026-04-01",
            "end_date": "2028-03-31",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "at most 30%" in response.json()["share"][0]


def test_only_eligible_members_hold_subcontracts(personas: Personas) -> None:
    contract = factories.contract()
    sub = Subcontract(
        contract=contract,
        organisation=OrganisationFactory(name="Not Yet A Member"),
        share=Decimal(10),
        value=Decimal(1),
        scope="Some",
        start_date=contract.start_date,
        end_date=contract.end_date,
    )
    with pytest.raises(ValidationError, match="Not Yet A Member cannot hold a subcontract"):
        sub.full_clean()
