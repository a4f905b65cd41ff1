"""A member keeps its own profile, contacts and capabilities: saved with history, organisation fixed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from consortia.directory.models import Contact, Organisation
from consortia.directory.tests.factories import ContactFactory
from consortia.members.choices import MembershipStatus, Tier
from consortia.members.models import Capability, CaseStudy, Membership, QualityMark
from consortia.portal.tests import factories
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db

PROFILE = {
    "profile-address_line_1": "1 Market Street",
    "profile-address_line_2": "",
    "profile-town": "Nelson",
    "profile-county": "Lancashire",
    "profile-postcode": "bb9 7aa",
    "profile-phone": "01282 123456",
    "profile-email": "hello@alpha.example",
    "profile-website": "https://alpha.example",
    "profile-other_names": "Alpha Advice",
    "capacity-staff_count": "14",
    "capacity-volunteer_count": "30",
    "capacity-clients_per_year": "900",
    "capacity-languages": "Urdu, Punjabi",
}


def test_profile_edit_saves_the_allowed_fields_with_history(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    membership = factories.membership(personas.org_a, tier=Tier.ASSOCIATE, annual_fee=100)
    client = client_for(personas.member_a)
    # Fields the form does not offer are ignored, whatever is sent.
    data = {
        **PROFILE,
        "profile-name": "Renamed",
        "capacity-tier": Tier.FULL,
        "capacity-status": MembershipStatus.LEFT,
        "capacity-annual_fee": "0",
        "capacity-fee_paid": "on",
    }
    response = client.post(reverse("portal:profile_edit"), data)
    assert response.status_code == 302
    organisation = Organisation.objects.get(pk=personas.org_a.pk)
    assert organisation.name == "Alpha Advice Centre"
    assert (organisation.town, organisation.postcode, organisation.email) == (
        "Nelson",
        "BB9 7AA",
        "hello@alpha.example",
    )
    assert organisation.updated_by == personas.member_a
    assert organisation.history.count() == 2  # created, then changed here
    membership.refresh_from_db()
    assert (membership.staff_count, membership.volunteer_count, membership.clients_per_year) == (14, 30, 900)
    assert membership.languages == "Urdu, Punjabi"
    assert (membership.tier, membership.status, membership.annual_fee, membership.fee_paid) == (
        Tier.ASSOCIATE,
        MembershipStatus.ACTIVE,
        100,
        False,
    )
    assert membership.updated_by == personas.member_a
    assert membership.history.count() == 2
    page = client.get(reverse("portal:profile")).content.decode()
    assert "1 Market Street" in page
    assert "Urdu, Punjabi" in page


def test_profile_edit_shows_errors_beside_fields_and_saves_nothing(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    membership = factories.membership(personas.org_a)
    client = client_for(personas.member_a)
    data = {**PROFILE, "profile-postcode": "NOT A POSTCODE", "capacity-staff_count": "-3"}
    response = client.post(reverse("portal:profile_edit"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_profile-postcode_error"' in body
    assert 'id="id_capacity-staff_count_error"' in body
    assert Organisation.objects.get(pk=personas.org_a.pk).town == "Preston"
    membership.refresh_from_db()
    assert membership.staff_count is None


def test_profile_edit_without_a_membership_edits_the_organisation_only(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    client = client_for(personas.member_a)
    body = client.get(reverse("portal:profile_edit")).content.decode()
    assert "capacity-staff_count" not in body
    data = {key: value for key, value in PROFILE.items() if key.startswith("profile-")}
    assert client.post(reverse("portal:profile_edit"), data).status_code == 302
    assert Organisation.objects.get(pk=personas.org_a.pk).town == "Nelson"
    assert not Membership.objects.exists()


def test_contacts_are_added_to_their_own_organisation_edited_and_deleted(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    client = client_for(personas.member_a)
    data = {
        "first_name": "Asha",
        "last_name": "Patel",
        "job_title": "Chief executive",
        "email": "asha@alpha.example",
        "preferred_contact": "email",
        "organisation": personas.org_b.pk,  # not on the form: ignored
    }
    assert client.post(reverse("portal:contact_add"), data).status_code == 302
    contact = Contact.objects.get(last_name="Patel")
    assert contact.organisation == personas.org_a
    assert contact.created_by == personas.member_a

    data["job_title"] = "Director"
    assert client.post(reverse("portal:contact_edit", args=[contact.pk]), data).status_code == 302
    contact.refresh_from_db()
    assert (contact.job_title, contact.organisation) == ("Director", personas.org_a)
    assert contact.history.count() == 2

    # The model's own rules, beside the fields.
    bad = {**data, "consent": "on"}
    response = client.post(reverse("portal:contact_edit", args=[contact.pk]), bad)
    assert response.status_code == 200
    assert 'id="id_consent_date_error"' in response.content.decode()

    assert client.post(reverse("portal:contact_delete", args=[contact.pk])).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_capabilities_quality_marks_and_case_studies(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.member_a)
    debt = factories.category("Debt advice")
    older = factories.client_group("Older people")
    factories.capability(personas.org_b, "Debt advice")  # another member's, same category: no clash
    data = {"category": debt.pk, "client_groups": [older.pk], "description": "Casework", "clients_per_year": "300"}
    assert client.post(reverse("portal:capability_add"), data).status_code == 302
    capability = Capability.objects.get(organisation=personas.org_a)
    assert capability.category == debt
    assert list(capability.client_groups.all()) == [older]
    assert capability.created_by == personas.member_a

    # One capability per category, said beside the field.
    response = client.post(reverse("portal:capability_add"), data)
    assert response.status_code == 200
    assert "You already have a capability for Debt advice" in response.content.decode()
    assert Capability.objects.filter(organisation=personas.org_a).count() == 1

    mark = {"name": "Trusted Charity", "reference": "TC-9", "awarded_on": "2025-05-01", "expires_on": "2024-05-01"}
    response = client.post(reverse("portal:qualitymark_add"), mark)
    assert response.status_code == 200
    assert "The expiry date is before the date it was awarded." in response.content.decode()
    assert not QualityMark.objects.exists()
    mark["expires_on"] = "2028-05-01"
    assert client.post(reverse("portal:qualitymark_add"), mark).status_code == 302
    assert QualityMark.objects.get().organisation == personas.org_a

    story = {"title": "Warm homes", "category": debt.pk, "year": "2025", "summary": "We helped 40 households."}
    assert client.post(reverse("portal:casestudy_add"), story).status_code == 302
    case = CaseStudy.objects.get()
    assert case.organisation == personas.org_a
    story["title"] = "Warm homes, 2025"
    assert client.post(reverse("portal:casestudy_edit", args=[case.pk]), story).status_code == 302
    case.refresh_from_db()
    assert case.title == "Warm homes, 2025"
    assert client.post(reverse("portal:casestudy_delete", args=[case.pk])).status_code == 302
    assert not CaseStudy.objects.exists()


def test_deleting_asks_first(personas: Personas, client_for: Callable[..., Client]) -> None:
    contact = ContactFactory(organisation=personas.org_a)
    client = client_for(personas.member_a)
    response = client.get(reverse("portal:contact_delete", args=[contact.pk]))
    assert response.status_code == 200
    assert "Yes, delete it" in response.content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()
