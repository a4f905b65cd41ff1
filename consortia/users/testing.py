"""Named personas for tests: one user per role, and users of two different member organisations."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group

from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.users import roles
from consortia.users.models import User


def make_user(email: str, role: str | None = None, organisation: Organisation | None = None) -> User:
    user = User.objects.create_user(
        email, "a-long-test-password", full_name=email.split("@")[0].title(), organisation=organisation
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@dataclass
class Personas:
    manager: User
    bid_writer: User
    board: User
    auditor: User
    nobody: User  # signed in, no role at all
    org_a: Organisation
    org_b: Organisation
    member_a: User  # a user of member organisation A
    member_b: User  # a user of member organisation B
    contracts_officer: User
    finance_officer: User
    org_c: Organisation  # a commissioner
    commissioner: User  # a user of the commissioner, organisation C


def make_personas() -> Personas:
    org_a = OrganisationFactory(name="Alpha Advice Centre")
    org_b = OrganisationFactory(name="Beta Befriending")
    org_c = OrganisationFactory(name="Gamma County Council")
    return Personas(
        manager=make_user("manager@hub.test", roles.HUB_MANAGER),
        bid_writer=make_user("bids@hub.test", roles.BID_TEAM),
        board=make_user("chair@hub.test", roles.BOARD),
        auditor=make_user("auditor@hub.test", roles.AUDITOR),
        nobody=make_user("nobody@hub.test"),
        org_a=org_a,
        org_b=org_b,
        member_a=make_user("user@alpha.test", roles.MEMBER, org_a),
        member_b=make_user("user@beta.test", roles.MEMBER, org_b),
        contracts_officer=make_user("contracts@hub.test", roles.CONTRACTS),
        finance_officer=make_user("finance@hub.test", roles.FINANCE),
        org_c=org_c,
        commissioner=make_user("user@gamma.test", roles.COMMISSIONER, org_c),
    )
