"""The directory's API endpoints, through the generic API tests, and API-specific behaviour."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Area, Contact, Organisation
from consortia.directory.tests.factories import ContactFactory, OrganisationFactory
from consortia.users.testing import Personas


class TestOrganisationApi(RecordApiTests):
    basename = "organisation"
    model = Organisation
    change = {"name": "Renamed Trust"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Organisation:
        # An organisation belongs to itself; the query-count test asks for extra rows.
        return OrganisationFactory(name=f"Extra Organisation {index}") if index >= 100 else organisation

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"name": "Chorley Carers", "roles": ["member"], "charity_number": "1170009", "postcode": "pr7 1aa"}


class TestContactApi(RecordApiTests):
    basename = "contact"
    model = Contact
    change = {"job_title": "Chief executive"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Contact:
        return ContactFactory(organisation=organisation)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "first_name": "Ali",
            "last_name": "Khan",
            "organisation": personas.org_a.pk,
            "email": "ali@example.org.uk",
        }


class TestAreaApi(RecordApiTests):
    basename = "area"
    model = Area
    writable = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Area:
        if index >= 100:
            return Area.objects.create(code=f"X{index:08d}", name=f"Test area {index}", kind="district")
        return Area.objects.get(code=["E07000123", "E07000117", "E07000118"][index])  # Preston, Burnley, Chorley


def test_api_validates_like_the_form(personas: Personas) -> None:
    response = api_client(personas.manager).post(
        "/api/organisations/", {"name": "Bad Postcode Trust", "postcode": "NOT A CODE"}, format="json"
    )
    assert response.status_code == 400
    assert "postcode" in response.json()
    assert not Organisation.objects.filter(name="Bad Postcode Trust").exists()


def test_api_normalises_identifiers_and_derives_org_id(personas: Personas) -> None:
    response = api_client(personas.manager).post(
        "/api/organisations/",
        {"name": "Blackpool Boxing CIC", "company_number": "1234567", "postcode": "fy1 1aa"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["company_number"], body["org_id"], body["postcode"]) == ("01234567", "GB-COH-01234567", "FY1 1AA")


def test_member_cannot_attach_a_contact_to_another_organisation(personas: Personas) -> None:
    response = api_client(personas.member_a).post(
        "/api/contacts/", {"first_name": "X", "last_name": "Y", "organisation": personas.org_b.pk}, format="json"
    )
    assert response.status_code == 400
    assert not Contact.objects.filter(organisation=personas.org_b, first_name="X").exists()


def test_api_filters_with_the_list_filterset(personas: Personas) -> None:
    OrganisationFactory(name="Wyre Youth Matters", roles=["member"])
    OrganisationFactory(
        name="Lancashire County Council", roles=["commissioner"], charity_number="", legal_form="public_body"
    )
    rows = api_client(personas.manager).get("/api/organisations/", {"role": "commissioner"}).json()["results"]
    assert [row["name"] for row in rows] == ["Lancashire County Council"]
    rows = api_client(personas.manager).get("/api/organisations/", {"q": "wyre youth"}).json()["results"]
    assert [row["name"] for row in rows] == ["Wyre Youth Matters"]


def test_token_authentication(personas: Personas) -> None:
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=personas.board)
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/organisations/").status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/organisations/").status_code == 401


def test_roles_read_in_the_list_and_detail_and_written_by_code(personas: Personas) -> None:
    # The list reads roles into a plain list on each row; a change must still answer with the
    # roles as saved, not the ones the row was read with.
    organisation = OrganisationFactory(name="Role Change Trust", roles=["member"])
    client = api_client(personas.manager)
    listed = client.get("/api/organisations/", {"q": "Role Change Trust"}).json()["results"]
    assert [row["roles"] for row in listed] == [["member"]]
    url = f"/api/organisations/{organisation.pk}/"
    assert client.get(url).json()["roles"] == ["member"]
    changed = client.patch(url, {"roles": ["member", "provider"]}, format="json")
    assert changed.status_code == 200
    assert sorted(changed.json()["roles"]) == ["member", "provider"]
    assert sorted(organisation.roles.values_list("code", flat=True)) == ["member", "provider"]
    assert client.patch(url, {"roles": []}, format="json").json()["roles"] == []
    assert client.patch(url, {"roles": ["no-such-role"]}, format="json").status_code == 400
    assert client.put(url, {"name": "Role Change Trust", "roles": ["member"]}, format="json").json()["roles"] == [
        "member"
    ]


def test_record_links_are_drfs(personas: Personas) -> None:
    from rest_framework.reverse import reverse as drf_reverse
    from rest_framework.test import APIRequestFactory

    organisation = OrganisationFactory(name="Linked Trust")
    client = api_client(personas.manager)
    for query in ({}, {"format": "json"}):
        row = client.get(f"/api/organisations/{organisation.pk}/", query).json()
        request = APIRequestFactory().get("/", query)
        expected = drf_reverse("api:organisation-detail", kwargs={"pk": organisation.pk}, request=request)
        assert row["url"] == expected
    assert row["url"].endswith(f"/api/organisations/{organisation.pk}/?format=json")
