"""Who sees which contracts: members those they deliver under, commissioners those they commission."""

from __future__ import annotations

from django.urls import reverse

from consortia.contracts.models import Contract, ContractMilestone, Subcontract
from consortia.contracts.tests import factories
from consortia.core.testing.api import api_client
from consortia.directory.tests.factories import OrganisationFactory
from consortia.people.models import DeclaredInterest
from consortia.users.testing import Personas


def test_members_and_commissioners_see_only_their_own(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    other_council = factories.commissioner(OrganisationFactory(name="Delta Borough Council"))
    commissioned = factories.contract(factories.commissioner(personas.org_c), reference="GAMMA-1")
    a_sub = factories.subcontract(commissioned, personas.org_a, share="50")
    elsewhere = factories.contract(other_council, reference="DELTA-1")
    b_sub = factories.subcontract(elsewhere, personas.org_b, share="50")
    factories.milestone(commissioned, "Gamma review")
    factories.milestone(elsewhere, "Delta review")

    def visible(user, model):  # type: ignore[no-untyped-def]
        return set(model.objects.restrict(user, "view").values_list("pk", flat=True))

    assert visible(personas.member_a, Contract) == {commissioned.pk}
    assert visible(personas.member_a, Subcontract) == {a_sub.pk}
    assert visible(personas.member_b, Contract) == {elsewhere.pk}
    assert visible(personas.commissioner, Contract) == {commissioned.pk}
    assert visible(personas.commissioner, Subcontract) == set()  # not their business
    assert {m.name for m in ContractMilestone.objects.restrict(personas.commissioner)} == {"Gamma review"}
    assert {m.name for m in ContractMilestone.objects.restrict(personas.member_b)} == {"Delta review"}

    # Pages and API: the other's rows are not there (404), and the list holds only their own.
    member = client_for(personas.member_b)
    commissioner = client_for(personas.commissioner)
    assert member.get(commissioned.get_absolute_url()).status_code == 404
    assert member.get(a_sub.get_absolute_url()).status_code == 404
    assert commissioner.get(elsewhere.get_absolute_url()).status_code == 404
    assert commissioner.get(commissioned.get_absolute_url()).status_code == 200
    assert commissioner.get(b_sub.get_absolute_url()).status_code == 403
    listing = commissioner.get(reverse("contracts:contract_list")).content.decode()
    assert "GAMMA-1" in listing
    assert "DELTA-1" not in listing
    assert api_client(personas.commissioner).get(reverse("api:contract-detail", args=[elsewhere.pk])).status_code == 404
    assert api_client(personas.member_a).get(reverse("api:contract-detail", args=[elsewhere.pk])).status_code == 404
    ids = {row["id"] for row in api_client(personas.commissioner).get(reverse("api:contract-list")).json()["results"]}
    assert ids == {commissioned.pk}
    # A contract delivered by two members is listed once for each.
    factories.subcontract(commissioned, personas.org_b, share="20")
    assert Contract.objects.restrict(personas.member_b).count() == 2
    assert Contract.objects.restrict(personas.manager).filter(pk=commissioned.pk).count() == 1


def test_subcontract_page_records_declared_interests(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    sub = factories.subcontract(factories.contract(), personas.org_a)
    DeclaredInterest.objects.create(
        person=personas.board, organisation=personas.org_a, nature="trustee", declared_on="2025-01-01"
    )
    page = client_for(personas.contracts_officer).get(sub.get_absolute_url()).content.decode()
    assert "Declared interests in Alpha Advice Centre" in page
    assert personas.board.full_name in page
    # The member's own user sees the subcontract but not the hub's register of interests.
    page = client_for(personas.member_a).get(sub.get_absolute_url()).content.decode()
    assert "Declared interests" not in page


def test_contract_documents_download_only_through_the_hub(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from consortia.contracts.models import ContractDocument

    contract = factories.contract()
    factories.subcontract(contract, personas.org_a)
    document = ContractDocument.objects.create(
        contract=contract, title="Signed contract", file=SimpleUploadedFile("x.pdf", b"%PDF-1.4 signed")
    )
    url = reverse("contracts:contractdocument_file", args=[document.pk])
    response = client_for(personas.auditor).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="signed-contract.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signed"
    assert client_for(personas.member_a).get(url).status_code == 403  # the hub's own papers
    assert client_for(personas.nobody).get(url).status_code == 403
    page = client_for(personas.auditor).get(contract.get_absolute_url()).content.decode()
    assert url in page


def test_an_upload_of_the_wrong_kind_is_refused(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from consortia.contracts.models import ContractDocument
    from consortia.core.testing.views import form_token

    client = client_for(personas.contracts_officer)
    url = reverse("contracts:contractdocument_add")
    data = {
        "contract": factories.contract().pk,
        "title": "Not a PDF",
        "kind": "other",
        "file": SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 an executable"),
        "_token": form_token(client, url),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "does not look like a PDF file" in response.content.decode()
    assert not ContractDocument.objects.exists()
