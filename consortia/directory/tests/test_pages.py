"""Page behaviour beyond the generic tests: delete protection, HTMX partials, UK dates, filters."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.test import Client

from consortia.directory.models import Organisation
from consortia.directory.tests.factories import ContactFactory, OrganisationFactory
from consortia.users.testing import Personas


def test_an_organisation_with_contacts_cannot_be_deleted(personas: Personas, client_for: Callable[..., Client]) -> None:
    contact = ContactFactory(organisation=personas.org_a)
    response = client_for(personas.manager).post(f"/directory/organisations/{personas.org_a.pk}/delete/")
    assert response.status_code == 409
    page = response.content.decode()
    assert "cannot be deleted" in page
    assert contact.get_absolute_url() in page
    assert Organisation.objects.filter(pk=personas.org_a.pk).exists()


def test_htmx_filter_returns_only_the_results(personas: Personas, client_for: Callable[..., Client]) -> None:
    OrganisationFactory(name="Wyre Youth Matters")
    client = client_for(personas.manager)
    partial = client.get("/directory/organisations/", {"q": "wyre"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    body = partial.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "Wyre Youth Matters" in body
    assert "Alpha Advice Centre" not in body
    assert "<html" not in body
    full = client.get("/directory/organisations/", {"q": "wyre"}).content.decode()
    assert "<html" in full
    assert "Wyre Youth Matters" in full


def test_dates_are_shown_day_month_year(personas: Personas, client_for: Callable[..., Client]) -> None:
    contact = ContactFactory(
        organisation=personas.org_a, consent=True, consent_date=datetime.date(2026, 3, 4), consent_source="form"
    )
    page = client_for(personas.manager).get(contact.get_absolute_url()).content.decode()
    assert "04/03/2026" in page


def test_filter_by_role_and_area(personas: Personas, client_for: Callable[..., Client]) -> None:
    from consortia.directory.models import Area

    preston = Area.objects.get(name="Preston")
    OrganisationFactory(name="Preston Commissioning", roles=["commissioner"], area=preston)
    OrganisationFactory(name="Burnley Commissioning", roles=["commissioner"], area=Area.objects.get(name="Burnley"))
    client = client_for(personas.manager)
    body = client.get("/directory/organisations/", {"role": "commissioner"}).content.decode()
    assert "Preston Commissioning" in body
    assert "Burnley Commissioning" in body
    assert "Alpha Advice Centre" not in body
    lancashire = Area.objects.get(name="Lancashire", kind="county")
    body = client.get("/directory/organisations/", {"area": lancashire.pk, "role": "commissioner"}).content.decode()
    assert "Preston Commissioning" in body  # a district within the county
    assert "Burnley Commissioning" in body
    body = client.get("/directory/organisations/", {"area": preston.pk}).content.decode()
    assert "Burnley Commissioning" not in body


def test_sorting_by_a_column(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    ascending = client.get("/directory/organisations/", {"sort": "name"}).content.decode()
    descending = client.get("/directory/organisations/", {"sort": "-name"}).content.decode()
    assert ascending.index("Alpha Advice Centre") < ascending.index("Beta Befriending")
    assert descending.index("Beta Befriending") < descending.index("Alpha Advice Centre")


def test_search_box_finds_across_record_types(personas: Personas, client_for: Callable[..., Client]) -> None:
    ContactFactory(organisation=personas.org_a, first_name="Priya", last_name="Shah")
    body = client_for(personas.manager).get("/search/", {"q": "priya shah"}).content.decode()
    assert "Priya Shah" in body
    body = client_for(personas.manager).get("/search/", {"q": "alpha"}).content.decode()
    assert "Alpha Advice Centre" in body


def test_search_in_one_record_type_and_a_member_searching_everything(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    ContactFactory(organisation=personas.org_a, first_name="Alpha", last_name="Owen")
    ContactFactory(organisation=personas.org_b, first_name="Alpha", last_name="Other")
    client = client_for(personas.manager)
    everything = client.get("/search/", {"q": "alpha"}).content.decode()
    assert "Alpha Advice Centre" in everything
    assert "Alpha Owen" in everything
    contacts = client.get("/search/", {"q": "alpha", "in": "directory.contact"}).content.decode()
    assert "Alpha Owen" in contacts
    assert f'href="{personas.org_a.get_absolute_url()}"' in everything
    assert f'href="{personas.org_a.get_absolute_url()}"' not in contacts  # organisations not searched
    assert "Only in contacts." in contacts
    unknown = client.get("/search/", {"q": "alpha", "in": "no.such"}).content.decode()
    assert "Alpha Advice Centre" in unknown  # an unknown type: every type
    # A member searching every record type finds their own organisation's rows, not another's.
    member = client_for(personas.member_a).get("/search/", {"q": "alpha"}).content.decode()
    assert "Alpha Owen" in member
    assert "Alpha Other" not in member


def test_csv_export_neutralises_formulas(personas: Personas, client_for: Callable[..., Client]) -> None:
    OrganisationFactory(name='=HYPERLINK("http://evil.example")')
    response = client_for(personas.manager).get("/directory/organisations/?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_member_form_offers_only_their_own_organisation(personas: Personas, client_for: Callable[..., Client]) -> None:
    page = client_for(personas.member_a).get("/directory/contacts/add/").content.decode()
    assert personas.org_a.name in page
    assert personas.org_b.name not in page


def test_member_cannot_add_a_contact_to_another_organisation(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    from consortia.directory.models import Contact

    client = client_for(personas.member_a)
    response = client.post(
        "/directory/contacts/add/",
        {"first_name": "Eve", "last_name": "Intruder", "organisation": personas.org_b.pk, "preferred_contact": "email"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Contact.objects.filter(last_name="Intruder").exists()


def test_member_import_cannot_reach_another_organisation(personas: Personas, client_for: Callable[..., Client]) -> None:
    import io

    from consortia.directory.models import Contact

    upload = io.BytesIO(b"First name,Last name,Organisation\nEve,Intruder,Beta Befriending\n")
    upload.name = "contacts.csv"
    response = client_for(personas.member_a).post("/directory/contacts/import/", {"file": upload})
    assert response.status_code == 422
    assert not Contact.objects.filter(last_name="Intruder").exists()


def test_dashboard_lists_recent_changes_to_visible_records(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    client = client_for(personas.manager)
    data = {"name": "Lancaster Youth Theatre", "preferred_contact": "email", "_token": ""}
    client.post("/directory/organisations/add/", data)
    page = client.get("/").content.decode()
    assert "Recent changes" in page
    assert "Lancaster Youth Theatre" in page
    assert "Created organisation" in page
    # A member organisation's user has the portal instead of the dashboard.
    assert client_for(personas.member_a).get("/")["Location"] == "/portal/"


def test_a_field_in_error_is_described_by_its_message(personas: Personas, client_for: Callable[..., Client]) -> None:
    page = (
        client_for(personas.manager)
        .post("/directory/organisations/add/", {"name": "Bad Postcode Trust", "postcode": "NOWHERE", "_token": ""})
        .content.decode()
    )
    assert 'aria-describedby="id_postcode_error"' in page
    assert 'id="id_postcode_error"' in page
    assert 'aria-invalid="true"' in page
    assert 'href="#id_postcode"' in page  # the error summary links to the field


def test_contacts_import_names_a_bad_date(personas: Personas, client_for: Callable[..., Client]) -> None:
    import io

    from consortia.directory.models import Contact

    upload = io.BytesIO(
        b"First name,Last name,Organisation,Consent,Consent date,Consent source\n"
        b"Asha,Patel,Alpha Advice Centre,yes,31/02/2026,form\n"
    )
    upload.name = "contacts.csv"
    body = client_for(personas.manager).post("/directory/contacts/import/", {"file": upload}).content.decode()
    assert "<td>2</td><td>Consent date</td><td>Enter a valid date.</td>" in body
    assert not Contact.objects.filter(last_name="Patel").exists()
