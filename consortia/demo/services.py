"""Load the demo consortium and its logins: the operation behind `manage.py load_demo`.

Safe to run again: records are matched on their natural keys (organisation name, a contact's
organisation and e-mail, a user's e-mail) and what is already there is left as it is, so a demo
that people have been clicking around in keeps their changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction

from consortia.demo import (
    bids,
    contracts,
    data,
    finance,
    funding,
    governance,
    hub_documents,
    hub_plan,
    hub_setup,
    hub_standards,
    member_applications,
    member_capabilities,
    member_diligence,
    opportunities_pipeline,
    people_interests,
    people_roles,
    people_time,
    performance,
    personas,
    policies,
    relationships,
)
from consortia.demo.errors import DemoDataError
from consortia.directory import identifiers
from consortia.directory.choices import AreaKind, CharityRegister
from consortia.directory.models import Area, Contact, Organisation, OrganisationRole
from consortia.users import roles
from consortia.users.models import User

# Area names repeat across kinds ("London" is both a region and an ITL1 region), so the demo
# data's area names are looked up among these kinds only.
AREA_KINDS = (AreaKind.COUNTY, AreaKind.UNITARY, AreaKind.DISTRICT, AreaKind.REGION)


@dataclass
class Tally:
    created: int = 0
    existing: int = 0

    def count(self, created: bool) -> None:
        if created:
            self.created += 1
        else:
            self.existing += 1


@dataclass
class Summary:
    organisations: Tally = field(default_factory=Tally)
    contacts: Tally = field(default_factory=Tally)
    users: Tally = field(default_factory=Tally)
    passwords_reset: int = 0


@transaction.atomic
def load_demo(*, reset_passwords: bool = False, with_hub: bool = True) -> Summary:
    """Create whatever part of the demo consortium and its logins is missing.

    A persona whose login already exists keeps its password (a hub manager may have changed it)
    unless `reset_passwords` is set. Raises DemoDataError, having written nothing, when any
    record fails the validation the UI would apply.
    """
    summary = Summary()
    areas = _areas()
    organisation_roles = {role.code: role for role in OrganisationRole.objects.all()}
    organisations: dict[str, Organisation] = {}
    for spec in data.ORGANISATIONS:
        organisation, created = _organisation(spec, areas, organisation_roles)
        summary.organisations.count(created)
        organisations[spec.name] = organisation
        existing_emails = {email.lower() for email in organisation.contacts.values_list("email", flat=True)}
        for person in spec.people:
            email = person.email_at(spec.domain)
            if email in existing_emails:
                summary.contacts.count(False)
                continue
            _create_contact(organisation, spec, person, email)
            summary.contacts.count(True)

    groups = _groups()
    for persona in personas.PERSONAS:
        member: Organisation | None = None
        if persona.organisation:
            member = organisations.get(persona.organisation)
            if member is None:
                raise DemoDataError(
                    f"{persona.email} belongs to “{persona.organisation}”, which is not in the demo data."
                )
        created, reset = _user(persona, member, groups[persona.role], reset_passwords)
        summary.users.count(created)
        summary.passwords_reset += reset

    # The hub's set-up, in the order the records depend on one another: job roles before the
    # deliverers that name them, deliverers before the standards and workplan they lead, staff
    # before their timesheets, and every record before the documents built from it.
    # (`with_hub=False` stops at the directory and the logins, for tests of one part.)
    parts = (
        people_roles.load,
        hub_setup.load,
        hub_standards.load,
        hub_plan.load,  # the business plan, beside the workplan it shows
        people_time.load,
        hub_documents.load,
        member_capabilities.load,  # memberships before the applications and evidence that name them
        member_applications.load,
        member_diligence.load,
        opportunities_pipeline.load,  # after the members it matches and their reviews
        bids.load,  # after the opportunities decided "bid" and their partners
        contracts.load_contracts,  # after the won bid and the members' due diligence
        performance.load,  # after the contracts whose KPIs and returns it keeps
        finance.load,  # after the contracts and the validated returns it pays for
        policies.load,  # the policy library (members acknowledge it) and the risk register
        funding.load,  # the demo funders' prospects and applications, and the 360Giving file
        relationships.load,  # plans and a year of interactions with the demo commissioners
        governance.load,  # the board and its committee: appointments, a year of meetings, decisions
        people_interests.load,  # everyone's yearly confirmation of the register, once the board is appointed
    )
    for load_part in parts if with_hub else ():
        load_part()
    return summary


def _areas() -> dict[str, Area]:
    names = {spec.area for spec in data.ORGANISATIONS}
    found: dict[str, list[Area]] = {name: [] for name in names}
    for area in Area.objects.filter(name__in=names, kind__in=AREA_KINDS):
        found[area.name].append(area)
    problems = sorted(name for name, matches in found.items() if len(matches) != 1)
    if problems:
        raise DemoDataError(
            f"These areas are missing or ambiguous: {', '.join(problems)}. "
            "Areas are loaded by `manage.py migrate` (or `manage.py load_areas`)."
        )
    return {name: matches[0] for name, matches in found.items()}


def _organisation(
    spec: data.Org, areas: dict[str, Area], organisation_roles: dict[str, OrganisationRole]
) -> tuple[Organisation, bool]:
    register = CharityRegister.ENGLAND_WALES if spec.charity_number else ""
    existing = Organisation.objects.filter(name=spec.name).first()
    if existing is None:
        # Someone may have renamed a demo organisation; matching on its charity or company
        # number as well stops a second copy (which the unique numbers would refuse anyway).
        org_id = identifiers.org_id(spec.charity_number, register, spec.company_number, "")
        if org_id:
            existing = Organisation.objects.filter(org_id=org_id).first()
    if existing is not None:
        return existing, False

    try:
        roles_wanted = [organisation_roles[code] for code in spec.roles]
    except KeyError as error:
        raise DemoDataError(f"Organisation role {error} is missing; run `manage.py migrate` first.") from error
    organisation = Organisation(
        name=spec.name,
        other_names=spec.other_names,
        legal_form=spec.legal_form,
        charity_number=spec.charity_number,
        charity_register=register,
        company_number=spec.company_number,
        address_line_1=spec.address_line_1,
        town=spec.town,
        county=spec.county,
        postcode=spec.postcode,
        area=areas[spec.area],
        website=spec.website,
        email=spec.email,
        phone=spec.phone,
        notes=spec.notes,
    )
    _validate(organisation, spec.name)
    organisation.save()
    organisation.roles.set(roles_wanted)
    return organisation, True


def _create_contact(organisation: Organisation, spec: data.Org, person: data.Person, email: str) -> None:
    contact = Contact(
        organisation=organisation,
        first_name=person.first_name,
        last_name=person.last_name,
        job_title=person.job_title,
        email=email,
        consent=person.consent,
        consent_date=date.fromisoformat(person.consent_date) if person.consent_date else None,
        consent_source=person.consent_source,
    )
    _validate(contact, f"{contact.name} at {spec.name}")
    contact.save()


def _groups() -> dict[str, Group]:
    names = {persona.role for persona in personas.PERSONAS}
    groups = {group.name: group for group in Group.objects.filter(name__in=names)}
    if len(groups) < len(names):
        # Roles are written after every migrate, so they are only missing from a database
        # migrated before a role was added; writing them now is what the next migrate would do.
        roles.sync_roles()
        groups = {group.name: group for group in Group.objects.filter(name__in=names)}
    return groups


def _user(
    persona: personas.Persona, organisation: Organisation | None, group: Group, reset_passwords: bool
) -> tuple[bool, bool]:
    """Returns (created, password reset)."""
    user = User.objects.filter(email__iexact=persona.email).first()
    if user is not None:
        if not reset_passwords:
            return False, False
        user.set_password(persona.password)
        user.save(update_fields=["password"])
        return False, True

    user = User(email=persona.email.lower(), full_name=persona.full_name, organisation=organisation)
    user.set_password(persona.password)
    _validate(user, persona.email)
    user.save()
    user.groups.add(group)
    return True, False


def _validate(record: models.Model, label: str) -> None:
    """Apply the same validation as the UI's forms, so the demo cannot hold what a user could not type."""
    try:
        record.full_clean()
    except ValidationError as error:
        problems = (
            "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
            if hasattr(error, "error_dict")
            else " ".join(error.messages)
        )
        raise DemoDataError(f"{label}: {problems}") from error
