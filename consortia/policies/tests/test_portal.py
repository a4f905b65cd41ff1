"""Members acknowledge policies in the portal: their own organisation's rows only."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from consortia.core.testing.api import api_client
from consortia.policies.models import Acknowledgement
from consortia.policies.services.policies import acknowledge
from consortia.policies.tests import factories
from consortia.users.testing import Personas

PAGE = reverse("portal:policies")


def test_member_sees_downloads_and_acknowledges(personas: Personas, client_for: Callable[..., Client]) -> None:
    policy = factories.policy(personas.manager, title="Safeguarding adults", members=[personas.org_a])
    version = factories.approved(policy, personas.manager)
    factories.policy(personas.manager, title="Beta's own", members=[personas.org_b])
    client = client_for(personas.member_a)
    page = client.get(PAGE).content.decode()
    assert "Safeguarding adults" in page
    assert "Beta&#x27;s own" not in page
    assert "Beta's own" not in page
    assert "We have read and accept this policy" in page
    download = client.get(reverse("portal:policy_download", args=[version.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    response = client.post(reverse("portal:policy_acknowledge", args=[version.pk]))
    assert response.status_code == 302
    made = Acknowledgement.objects.get()
    assert (made.version, made.organisation, made.acknowledged_by) == (version, personas.org_a, personas.member_a)
    page = client.get(PAGE).content.decode()
    assert "Nothing waiting" in page
    assert personas.member_a.full_name in page
    # Again (a second tab): a clear message, nothing more saved.
    client.post(reverse("portal:policy_acknowledge", args=[version.pk]))
    assert "already acknowledged" in client.get(PAGE).content.decode()
    assert Acknowledgement.objects.count() == 1


def test_member_cannot_reach_another_organisations_policy(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    version = factories.approved(factories.policy(personas.manager, members=[personas.org_b]), personas.manager)
    client = client_for(personas.member_a)
    assert client.get(reverse("portal:policy_download", args=[version.pk])).status_code == 404
    assert client.post(reverse("portal:policy_acknowledge", args=[version.pk])).status_code == 404
    assert not Acknowledgement.objects.exists()
    # Through the API neither: the version is not one they may name.
    response = api_client(personas.member_a).post(
        reverse("api:acknowledgement-list"), {"version": version.pk, "organisation": personas.org_b.pk}, format="json"
    )
    assert response.status_code == 400
    assert not Acknowledgement.objects.exists()


def test_member_never_sees_another_organisations_acknowledgements(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    policy = factories.policy(personas.manager, title="Complaints", members=[personas.org_a, personas.org_b])
    version = factories.approved(policy, personas.manager)
    theirs = acknowledge(version, personas.org_b, personas.member_b)
    client = client_for(personas.member_a)
    page = client.get(PAGE).content.decode()
    assert "We have read and accept this policy" in page  # Beta's acknowledgement is not Alpha's
    assert 'id="acknowledged-' not in page
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert "Beta Befriending" not in client.get(reverse("policies:acknowledgement_list")).content.decode()
    rows = api_client(personas.member_a).get(reverse("api:acknowledgement-list")).json()["results"]
    assert rows == []
    assert Acknowledgement.objects.restrict(personas.member_a).count() == 0


def test_member_acknowledges_through_the_api_for_their_own_organisation_only(personas: Personas) -> None:
    version = factories.approved(
        factories.policy(personas.manager, members=[personas.org_a, personas.org_b]), personas.manager
    )
    client = api_client(personas.member_a)
    refused = client.post(
        reverse("api:acknowledgement-list"), {"version": version.pk, "organisation": personas.org_b.pk}, format="json"
    )
    assert refused.status_code == 400
    response = client.post(
        reverse("api:acknowledgement-list"), {"version": version.pk, "organisation": personas.org_a.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert Acknowledgement.objects.get().acknowledged_by == personas.member_a


def test_hub_staff_and_commissioners_have_no_policies_page(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    assert client_for(personas.manager).get(PAGE).status_code == 404
    assert client_for(personas.commissioner).get(PAGE).status_code in (403, 404)


def test_member_is_not_told_which_other_organisations_were_chosen(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    policy = factories.policy(personas.manager, members=[personas.org_a, personas.org_b])
    page = client_for(personas.member_a).get(policy.get_absolute_url()).content.decode()
    assert "Beta Befriending" not in page
    data = api_client(personas.member_a).get(reverse("api:policy-detail", args=[policy.pk])).json()
    assert data["members"] == [personas.org_a.pk]
    assert "Beta Befriending" in client_for(personas.manager).get(policy.get_absolute_url()).content.decode()
