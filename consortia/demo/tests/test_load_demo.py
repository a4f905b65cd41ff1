"""`manage.py load_demo`: the demo consortium, the persona logins, and running it again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from consortia.demo import data, personas
from consortia.directory import identifiers
from consortia.directory.choices import LegalForm, OrganisationRoleCode
from consortia.directory.models import Contact, Organisation
from consortia.users import roles
from consortia.users.models import User

# The postcode districts that belong to each authority's towns: a demo member in Burnley with a
# Blackpool postcode would look wrong to anyone from Lancashire.
POSTCODE_DISTRICTS = {
    "Burnley": {"BB10", "BB11", "BB12"},
    "Chorley": {"PR6", "PR7"},
    "Fylde": {"FY8", "PR4"},
    "Hyndburn": {"BB5", "BB6"},
    "Lancaster": {"LA1", "LA2", "LA3", "LA4"},
    "Pendle": {"BB8", "BB9", "BB18"},
    "Preston": {"PR1", "PR2"},
    "Ribble Valley": {"BB7", "PR3"},
    "Rossendale": {"BB4", "OL13"},
    "South Ribble": {"PR1", "PR5", "PR25", "PR26"},
    "West Lancashire": {"L39", "L40", "WN8"},
    "Wyre": {"FY5", "FY6", "FY7", "PR3"},
    "Blackburn with Darwen": {"BB1", "BB2", "BB3"},
    "Blackpool": {"FY1", "FY2", "FY3", "FY4"},
}
LANCASHIRE_WIDE = set().union(*POSTCODE_DISTRICTS.values())


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_load(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The demo loaded once for the module's tests (what the first run printed); each test then
    runs in a savepoint of its own, rolled back after it, and the load is rolled back at the end
    of the module. Loading the whole demo takes seconds: once, not once per test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(first_load: str, db: None) -> str:
    return first_load


def with_role(code: str) -> set[str]:
    return set(Organisation.objects.filter(roles__code=code).values_list("name", flat=True))


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "roles": Organisation.roles.through.objects.count(),
        "contacts": Contact.objects.count(),
        "users": User.objects.count(),
        "memberships": User.groups.through.objects.count(),
    }


# The data itself, before it goes near a database.


def test_postcodes_are_valid_and_in_the_right_town() -> None:
    for spec in data.ORGANISATIONS:
        if not spec.postcode:
            continue
        assert identifiers.normalise_postcode(spec.postcode) == spec.postcode, spec.name
        district = spec.postcode.split()[0]
        allowed = LANCASHIRE_WIDE if spec.area == "Lancashire" else POSTCODE_DISTRICTS[spec.area]
        assert district in allowed, f"{spec.name}: {spec.postcode} is not in {spec.area}"


def test_numbers_are_in_ranges_no_real_body_holds() -> None:
    charities = [spec.charity_number for spec in data.ORGANISATIONS if spec.charity_number]
    companies = [spec.company_number for spec in data.ORGANISATIONS if spec.company_number]
    assert all(re.fullmatch(r"19\d{5}", number) for number in charities), charities
    assert all(re.fullmatch(r"99\d{6}", number) for number in companies), companies
    assert len(set(charities)) == len(charities)
    assert len(set(companies)) == len(companies)
    phones = [spec.phone for spec in data.ORGANISATIONS]
    assert all(re.fullmatch(r"01632 96\d{4}", phone) for phone in phones), phones
    assert len(set(phones)) == len(phones)


def test_numbers_fit_the_legal_form() -> None:
    # (has a charity number, has a company number); a charitable company has both.
    expected = {
        LegalForm.CHARITY: {(True, False)},
        LegalForm.CIO: {(True, False)},
        LegalForm.CIC: {(False, True)},
        LegalForm.CLG: {(True, True), (False, True)},
        LegalForm.CBS: {(False, False)},
        LegalForm.UNINCORPORATED: {(False, False)},
        LegalForm.PUBLIC_BODY: {(False, False)},
    }
    for spec in data.ORGANISATIONS:
        numbers = (bool(spec.charity_number), bool(spec.company_number))
        assert numbers in expected[LegalForm(spec.legal_form)], spec.name


def test_addresses_are_made_up() -> None:
    for spec in data.ORGANISATIONS:
        assert ".example." in spec.domain, spec.name
        for person in spec.people:
            assert person.email_at(spec.domain).endswith("@" + spec.domain)
    for persona in personas.PERSONAS:
        assert persona.email.endswith("@demo.consortia.example")


def test_markdown_table_has_every_login() -> None:
    table = personas.markdown_table()
    assert table.count("\n") == len(personas.PERSONAS) + 1
    for persona in personas.PERSONAS:
        assert f"`{persona.email}` | `consortia-demo` | {persona.persona}" in table


# Loading it.


def test_loads_the_consortium(loaded: str) -> None:
    output = loaded

    assert len(with_role(OrganisationRoleCode.MEMBER)) >= 30
    assert len(with_role(OrganisationRoleCode.COMMISSIONER)) == 8
    # The demo's five funders, and the one the 360Giving research added as a prospect.
    assert len(with_role(OrganisationRoleCode.FUNDER) - {"Andrew Lloyd Webber Foundation"}) == 5
    assert "Andrew Lloyd Webber Foundation" in with_role(OrganisationRoleCode.FUNDER)
    infrastructure = with_role(OrganisationRoleCode.INFRASTRUCTURE)
    assert infrastructure == {data.INFRASTRUCTURE.name}
    assert infrastructure <= with_role(OrganisationRoleCode.MEMBER)
    assert Organisation.objects.filter(name=data.CONSORTIUM_NAME, legal_form=LegalForm.CLG).exists()
    assert f"Organisations: {len(data.ORGANISATIONS)} added, 0 already there." in output
    assert f"Demo logins: {len(personas.PERSONAS)} added, 0 already there." in output


def test_members_are_spread_across_every_lancashire_authority(loaded: str) -> None:
    members = Organisation.objects.filter(roles__code=OrganisationRoleCode.MEMBER).select_related("area")
    areas = {member.area.name for member in members}
    assert areas == set(data.LANCASHIRE_AUTHORITIES)
    assert {member.area.kind for member in members} == {"district", "unitary"}
    forms = {member.legal_form for member in members}
    assert {LegalForm.CHARITY, LegalForm.CIO, LegalForm.CIC, LegalForm.CLG, LegalForm.CBS} <= forms


def test_contacts_and_their_consent(loaded: str) -> None:
    for member in Organisation.objects.filter(roles__code=OrganisationRoleCode.MEMBER):
        assert 2 <= member.contacts.count() <= 3, member.name
    for organisation in Organisation.objects.filter(roles__code=OrganisationRoleCode.COMMISSIONER):
        assert 1 <= organisation.contacts.count() <= 2, organisation.name
    consenting = Contact.objects.filter(consent=True)
    assert consenting.count() > Contact.objects.count() * 3 / 4
    assert not consenting.filter(consent_date=None).exists()
    assert not consenting.filter(consent_source="").exists()
    assert Contact.objects.filter(consent=False).exists()


def test_commissioners_are_public_bodies_without_charity_numbers(loaded: str) -> None:
    commissioners = Organisation.objects.filter(roles__code=OrganisationRoleCode.COMMISSIONER)
    assert set(commissioners.values_list("legal_form", flat=True)) == {LegalForm.PUBLIC_BODY}
    assert set(commissioners.values_list("charity_number", flat=True)) == {""}


def test_org_ids_are_derived_on_save(loaded: str) -> None:
    assert Organisation.objects.get(name="Pendle Women's Centre").org_id == "GB-CHC-1904217"
    assert Organisation.objects.get(name="Burnley Food Futures CIC").org_id == "GB-COH-99012384"
    assert Organisation.objects.get(name="Blackpool Council").org_id == ""


def test_every_record_passes_the_uis_validation(loaded: str) -> None:
    for record in [*Organisation.objects.all(), *Contact.objects.all(), *User.objects.all()]:
        record.full_clean()


def test_one_login_per_persona_in_its_role(loaded: str) -> None:
    logins = [user for user in User.objects.all() if user.has_usable_password()]
    assert sorted(user.email for user in logins) == sorted(persona.email for persona in personas.PERSONAS)
    # The other people are the board's directors: in the register and the minutes, with no login.
    others = User.objects.exclude(pk__in=[user.pk for user in logins])
    assert others.exists()
    assert {group for user in others for group in user.groups.values_list("name", flat=True)} == {roles.BOARD}
    for persona in personas.PERSONAS:
        user = User.objects.get(email=persona.email)
        assert list(user.groups.values_list("name", flat=True)) == [persona.role]
        assert user.check_password(personas.DEMO_PASSWORD)
        assert user.is_active
    assert {persona.role for persona in personas.PERSONAS} == set(roles.ROLES)


def test_member_users_belong_to_different_members_and_staff_to_none(loaded: str) -> None:
    member_users = User.objects.filter(groups__name=roles.MEMBER)
    organisations = [user.organisation for user in member_users]
    assert len(organisations) == 2
    assert None not in organisations
    assert len(set(organisations)) == 2
    for organisation in organisations:
        assert organisation.roles.filter(code=OrganisationRoleCode.MEMBER).exists()
    assert User.objects.get(email="pendle@demo.consortia.example").organisation.name == "Pendle Women's Centre"
    staff = User.objects.exclude(groups__name__in=[roles.MEMBER, roles.COMMISSIONER])
    assert not staff.exclude(organisation=None).exists()


# Running it again.


def test_running_twice_creates_nothing_new(loaded: str) -> None:
    before = counts()

    output = load()

    assert counts() == before
    assert "Organisations: 0 added" in output
    assert "Contacts: 0 added" in output
    assert f"Demo logins: 0 added, {len(personas.PERSONAS)} already there." in output


def test_keeps_changes_made_since(loaded: str) -> None:
    organisation = Organisation.objects.get(name="Colne Youth Project")
    organisation.phone = "01632 960999"
    organisation.save()
    Contact.objects.filter(organisation=organisation, first_name="Amy").delete()

    load()

    organisation.refresh_from_db()
    assert organisation.phone == "01632 960999"
    # A demo contact someone deleted comes back: the demo is meant to be complete after a run.
    assert organisation.contacts.filter(first_name="Amy").count() == 1


def test_renamed_organisation_is_not_loaded_twice(loaded: str) -> None:
    Organisation.objects.filter(name="Pendle Women's Centre").update(name="Pendle Women's Centre (Nelson)")
    before = counts()

    load()

    assert counts() == before


def test_a_changed_password_survives_a_rerun(loaded: str) -> None:
    manager = User.objects.get(email="manager@demo.consortia.example")
    manager.set_password("a-new-password-of-her-own")
    manager.save()

    output = load()

    manager.refresh_from_db()
    assert manager.check_password("a-new-password-of-her-own")
    assert "kept their passwords" in output


def test_reset_passwords_sets_them_back(loaded: str) -> None:
    manager = User.objects.get(email="manager@demo.consortia.example")
    manager.set_password("a-new-password-of-her-own")
    manager.save()

    output = load("--reset-passwords")

    manager.refresh_from_db()
    assert manager.check_password(personas.DEMO_PASSWORD)
    assert f"Passwords set back to the demo password: {len(personas.PERSONAS)}." in output


def test_readme_shows_the_demo_logins_as_they_are() -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    assert personas.markdown_table() in readme


def test_the_demo_has_a_worked_example_of_setting_up_the_hub(loaded: str) -> None:
    from consortia.documents.models import GeneratedDocument
    from consortia.hub.models import AppraisalScore, HubDecision, ServiceAgreement, StandardReading, WorkplanItem
    from consortia.hub.services.home import setup_progress
    from consortia.people.models import Assessment, EqualOpportunitiesReturn, Recharge, StaffMember, Timesheet

    decision = HubDecision.objects.get()
    assert (decision.chosen_model.code, decision.provider.name) == ("member", data.INFRASTRUCTURE.name)
    assert AppraisalScore.objects.values("scorer").distinct().count() == 4
    assert set(GeneratedDocument.objects.values_list("kind", flat=True)) == {
        "appraisal",
        "service_specification",
        "job_description",
        "person_specification",
    }
    assert ServiceAgreement.objects.get().provider == decision.provider
    assert StandardReading.objects.exists()
    assert WorkplanItem.objects.count() >= 8
    assert Assessment.objects.exists()
    assert EqualOpportunitiesReturn.objects.exists()
    assert StaffMember.objects.filter(employer=decision.provider).count() == 3
    assert set(Timesheet.objects.values_list("status", flat=True)) == {"draft", "submitted", "approved"}
    assert Recharge.objects.filter(employer=decision.provider).exists()
    # The checklist shows a hub part-way through its set-up, as the demo's flags intend.
    steps = setup_progress()
    assert [step.done for step in steps] == [True, False, True, True, True]

    counts = [model.objects.count() for model in (AppraisalScore, GeneratedDocument, Timesheet, WorkplanItem)]
    load()
    assert [model.objects.count() for model in (AppraisalScore, GeneratedDocument, Timesheet, WorkplanItem)] == counts


def test_the_demo_has_members_in_every_tier_and_state_with_evidence_to_chase(loaded: str) -> None:
    from consortia.members.models import Evidence, Membership, MembershipApplication
    from consortia.members.services.diligence import compliance

    assert set(Membership.objects.values_list("tier", flat=True)) == {"full", "associate", "partner"}
    assert set(Membership.objects.values_list("status", flat=True)) >= {"active", "suspended", "lapsed", "left"}
    assert set(MembershipApplication.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "more_info",
        "approved",
        "rejected",
    }
    assert Evidence.objects.filter(status="rejected").exists()
    states = {row.state for organisation in compliance() for row in organisation.rows if row.mandatory}
    assert {"missing", "expired", "expiring", "waiting", "current"} <= states, states
