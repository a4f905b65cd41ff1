"""The hub manager adds and changes users: invitations, the role rules, who may do it."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from consortia.core.testing.views import form_token
from consortia.directory.tests.factories import OrganisationFactory
from consortia.users import roles
from consortia.users.models import User
from consortia.users.testing import Personas
from consortia.users.tests.helpers import sign_in

ADD = "/accounts/users/add/"


def role(name: str) -> str:
    return str(Group.objects.get(name=name).pk)


def add_user(client: Client, **data: Any) -> Any:
    fields = {"full_name": "Priya Shah", "email": "priya@hub.test", "groups": [role(roles.BID_TEAM)], "is_active": "on"}
    fields |= data
    return client.post(
        ADD, {key: value for key, value in fields.items() if value is not None} | {"_token": form_token(client, ADD)}
    )


def error_summary(response: Any) -> str:
    match = re.search(r'id="error-summary".*?</div>', response.content.decode(), re.S)
    assert match, "the page shows an error summary"
    return re.sub(r"\s+", " ", match.group(0))


def test_creating_a_user_e_mails_them_an_invitation(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    response = add_user(client, email="Priya@Hub.TEST")
    assert response.status_code == 302, error_summary(response)
    user = User.objects.get(email="priya@hub.test")
    assert not user.has_usable_password()  # nobody chose a password for her

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["priya@hub.test"]
    assert message.subject == "Your Consortia account: choose your password"
    assert "Manager has given you an account on Consortia" in message.body
    page = client.get(response["Location"]).content.decode()
    assert "We have e-mailed priya@hub.test a link to choose their password" in page
    assert "Not chosen yet" in page

    # The link lets her choose a password and sign in.
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body)
    assert link, message.body
    invited = Client()
    set_password = invited.get(link.group(1))["Location"]
    invited.post(set_password, {"new_password1": "my own long secret", "new_password2": "my own long secret"})
    sign_in(Client(), "priya@hub.test", "my own long secret")


def test_a_form_sent_twice_invites_once(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    data = {"full_name": "Priya Shah", "email": "priya@hub.test", "groups": [role(roles.FINANCE)], "is_active": "on"}
    data["_token"] = form_token(client, ADD)
    assert client.post(ADD, data).status_code == 302
    assert client.post(ADD, data).status_code == 302
    assert len(mail.outbox) == 1


def test_editing_a_user_sends_nothing(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    data = {
        "full_name": "Bids Renamed",
        "email": personas.bid_writer.email,
        "groups": [role(roles.BID_TEAM)],
        "is_active": "on",
    }
    response = client.post(reverse("users:user_edit", args=[personas.bid_writer.pk]), data)
    assert response.status_code == 302
    assert mail.outbox == []
    personas.bid_writer.refresh_from_db()
    assert personas.bid_writer.full_name == "Bids Renamed"
    assert personas.bid_writer.has_usable_password()  # an edit never touches the password


def test_a_user_added_switched_off_is_not_invited(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    response = add_user(client, is_active=None)
    assert response.status_code == 302
    assert mail.outbox == []
    assert (
        "No invitation was sent because the account is not active" in client.get(response["Location"]).content.decode()
    )


def test_member_role_needs_an_organisation(personas: Personas, client_for: Any) -> None:
    response = add_user(client_for(personas.manager), groups=[role(roles.MEMBER)])
    assert response.status_code == 200
    assert "Member organisation: Choose the organisation this person belongs to" in error_summary(response)
    assert not User.objects.filter(email="priya@hub.test").exists()
    assert mail.outbox == []


def test_a_member_organisations_user_has_only_the_member_role(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    for groups in ([role(roles.MEMBER), role(roles.HUB_MANAGER)], [role(roles.BID_TEAM)], []):
        response = add_user(client, organisation=str(personas.org_a.pk), groups=groups)
        assert response.status_code == 200, groups
        assert "has either the “Member organisation user” role or" in error_summary(response)
    response = add_user(client, organisation=str(personas.org_a.pk), groups=[role(roles.MEMBER)])
    assert response.status_code == 302
    assert User.objects.get(email="priya@hub.test").organisation == personas.org_a


def test_only_member_and_commissioner_organisations_can_have_users(personas: Personas, client_for: Any) -> None:
    funder = OrganisationFactory(name="Bowland Trust", roles=["funder"])
    response = add_user(client_for(personas.manager), organisation=str(funder.pk), groups=[role(roles.MEMBER)])
    summary = error_summary(response)
    assert "Select a valid choice" in summary
    assert "Choose the organisation" not in summary  # one problem, one message


def test_a_commissioners_user_has_only_the_commissioner_role(personas: Personas, client_for: Any) -> None:
    council = OrganisationFactory(name="Lancashire County Council", roles=["commissioner"])
    client = client_for(personas.manager)
    both = [role(roles.MEMBER), role(roles.COMMISSIONER)]
    response = add_user(client, organisation=str(council.pk), groups=both)
    assert "Tick only one of those" in error_summary(response)
    response = add_user(client, groups=[role(roles.COMMISSIONER)])
    assert "Choose the organisation this person belongs to: the “Commissioner (read-only)” role" in error_summary(
        response
    )
    response = add_user(client, organisation=str(council.pk), groups=[role(roles.COMMISSIONER)])
    assert response.status_code == 302
    user = User.objects.get(email="priya@hub.test")
    assert user.organisation == council
    assert user.has_perm("contracts.view_contract")
    assert not user.has_perm("directory.view_organisation")


def test_e_mail_addresses_are_unique_whatever_their_case(personas: Personas, client_for: Any) -> None:
    response = add_user(client_for(personas.manager), email="MANAGER@hub.test")
    assert "Someone already has an account with this e-mail address" in error_summary(response)
    assert User.objects.filter(email__iexact="manager@hub.test").count() == 1


def test_the_last_hub_manager_cannot_remove_themselves(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)
    url = reverse("users:user_edit", args=[personas.manager.pk])
    base = {"full_name": "Manager", "email": personas.manager.email}
    for data in (
        base | {"groups": [role(roles.BOARD)], "is_active": "on"},
        base | {"groups": [role(roles.HUB_MANAGER)]},
    ):
        response = client.post(url, data)
        assert "is the only active hub manager" in error_summary(response)
    assert personas.manager.groups.filter(name=roles.HUB_MANAGER).exists()

    # With a second hub manager, the first may step down.
    personas.board.groups.add(Group.objects.get(name=roles.HUB_MANAGER))
    assert client.post(url, base | {"groups": [role(roles.BOARD)], "is_active": "on"}).status_code == 302


def test_the_form_explains_each_role(personas: Personas, client_for: Any) -> None:
    page = client_for(personas.manager).get(ADD).content.decode()
    for name, description in roles.DESCRIPTIONS.items():
        assert name in page
        assert escape(description) in page


def test_only_the_hub_manager_manages_users(personas: Personas, client_for: Any) -> None:
    for persona in (personas.bid_writer, personas.board, personas.auditor, personas.member_a, personas.nobody):
        client = client_for(persona)
        assert client.get("/accounts/users/").status_code == 403
        assert client.get(ADD).status_code == 403
        response = client.post(
            ADD, {"full_name": "Sneaky", "email": "sneaky@hub.test", "groups": [role(roles.HUB_MANAGER)]}
        )
        assert response.status_code == 403
        assert "/accounts/users/" not in client.get(reverse("users:account")).content.decode()  # not in the menu
    assert not User.objects.filter(email="sneaky@hub.test").exists()
    assert mail.outbox == []
    manager_page = client_for(personas.manager).get(reverse("users:account")).content.decode()
    assert 'href="/accounts/users/"' in manager_page


def test_list_filters_by_role_organisation_and_search(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.manager)

    def names(**query: Any) -> list[str]:
        return [
            row[1]
            for row in re.findall(
                r'<td><a href="/accounts/users/(\d+)/">([^<]+)</a>',
                client.get("/accounts/users/", query).content.decode(),
            )
        ]

    assert names(role=role(roles.BOARD)) == ["Chair"]
    assert names(organisation=personas.org_b.pk) == ["User"]
    assert names(q="auditor") == ["Auditor"]
    assert "Nobody" in names(organisation="null")
    assert "User" not in names(organisation="null")
