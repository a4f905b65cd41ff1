"""The portal's contracts pages: a member's own subcontracts; a commissioner's own contracts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from consortia.contracts.services.contracts import agree_variation
from consortia.contracts.tests import factories
from consortia.core.testing.views import queries_for
from consortia.directory.tests.factories import OrganisationFactory
from consortia.users.testing import Personas


def test_members_see_their_own_subcontracts(personas: Personas, client_for: Callable[..., Client]) -> None:
    contract = factories.contract(factories.commissioner(personas.org_c), reference="GAMMA-7", title="Advice service")
    mine = factories.subcontract(
        contract, personas.org_a, share="60", value=Decimal("54000"), data_processing_agreed_on=date(2026, 3, 20)
    )
    theirs = factories.subcontract(contract, personas.org_b, share="40", scope="Befriending in the north.")
    factories.milestone(contract, "Mobilisation complete")
    client = client_for(personas.member_a)
    listing = client.get(reverse("portal:subcontracts")).content.decode()
    assert "GAMMA-7: Advice service" in listing
    assert "£54,000" in listing
    assert reverse("portal:subcontract", args=[mine.pk]) in listing
    assert reverse("portal:subcontract", args=[theirs.pk]) not in listing
    page = client.get(reverse("portal:subcontract", args=[mine.pk])).content.decode()
    for text in (
        "Advice sessions in the district.",
        "60%",
        "paid within 30 days",
        "20/03/2026",
        "Mobilisation complete",
    ):
        assert text in page
    assert client.get(reverse("portal:subcontract", args=[theirs.pk])).status_code == 404
    # Not the commissioner's pages, and hub staff have no portal.
    assert client.get(reverse("portal:commissioned_contracts")).status_code == 404
    assert client.get(reverse("portal:commissioned_contract", args=[contract.pk])).status_code == 404
    assert client_for(personas.manager).get(reverse("portal:subcontracts")).status_code == 404
    # A fixed number of queries, whatever the number of subcontracts.
    few = queries_for(client, reverse("portal:subcontracts"))
    for _index in range(5):
        factories.subcontract(factories.contract(), personas.org_a, share="10")
    assert queries_for(client, reverse("portal:subcontracts")) == few


def test_commissioners_see_only_their_contracts(personas: Personas, client_for: Callable[..., Client]) -> None:
    ours = factories.contract(factories.commissioner(personas.org_c), reference="GAMMA-1", original_value=Decimal(1000))
    factories.subcontract(ours, personas.org_a, share="70")
    factories.milestone(ours, "Quarterly review")
    agree_variation(ours, personas.manager, "More", Decimal(250), date(2026, 5, 1))
    other = factories.contract(factories.commissioner(OrganisationFactory(name="Delta Council")), reference="DELTA-1")
    client = client_for(personas.commissioner)
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:commissioned_contracts")
    assert client.get(reverse("core:home"), follow=True).redirect_chain[-1][0] == reverse(
        "portal:commissioned_contracts"
    )
    listing = client.get(reverse("portal:commissioned_contracts")).content.decode()
    assert "GAMMA-1" in listing
    assert "DELTA-1" not in listing
    assert "Capabilities" not in listing
    assert "Evidence" not in listing
    page = client.get(reverse("portal:commissioned_contract", args=[ours.pk])).content.decode()
    for text in ("£1,250", "Alpha Advice Centre", "70%", "Quarterly review", "Variation 1"):
        assert text in page
    assert client.get(reverse("portal:commissioned_contract", args=[other.pk])).status_code == 404
    # None of the member pages.
    for name in (
        "profile",
        "contacts",
        "capabilities",
        "evidence",
        "membership",
        "opportunities",
        "bids",
        "subcontracts",
    ):
        assert client.get(reverse(f"portal:{name}")).status_code == 404, name
    # A fixed number of queries, whatever the number of contracts.
    few = queries_for(client, reverse("portal:commissioned_contracts"))
    for _ in range(4):
        factories.contract(personas.org_c)
    assert queries_for(client, reverse("portal:commissioned_contracts")) == few
