"""The registry of personal data: no record type forgotten, and a person's rows found."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from consortia.privacy.registry import Person, find, record_types
from consortia.privacy.tests.conftest import EMAIL, Robin

PERSONAL_NAME = re.compile(r"(^|_)(e_?mail|phone|mobile|date_of_birth|birth_date|dob|address|postcode)(_|$)")

# Fields that look personal but are not a person's (with why).
NOT_A_PERSON = {
    # An organisation's own address, e-mail and phone.
    ("directory.organisation", "address_line_1"),
    ("directory.organisation", "address_line_2"),
    ("directory.organisation", "postcode"),
    ("directory.organisation", "email"),
    ("directory.organisation", "phone"),
    # The applying organisation's address (its contact person's details are declared).
    ("members.membershipapplication", "address"),
    ("members.membershipapplication", "postcode"),
    # Grant recipients in published 360Giving open data: organisations.
    ("funding.grantrecord", "recipient_postcode"),
}


def looks_personal(model: type[models.Model]) -> set[str]:
    fields = set()
    for model_field in model._meta.concrete_fields:
        if isinstance(model_field, models.EmailField) or PERSONAL_NAME.search(model_field.name):
            fields.add(model_field.name)
    return fields


def owns_a_person(model: type[models.Model]) -> bool:
    """A record about a person: it points at a user account as `person` or `user`."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return any(
        model_field.is_relation and model_field.related_model is user_model and model_field.name in ("person", "user")
        for model_field in model._meta.concrete_fields
    )


def test_every_field_that_looks_personal_is_declared() -> None:
    declared = {entry.key: set(entry.personal) for entry in record_types()}
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("consortia.") or model.__name__.startswith("Historical"):
            continue
        label = model._meta.label_lower
        if model._meta.proxy:
            continue
        for name in sorted(looks_personal(model)):
            if name not in declared.get(label, set()) and (label, name) not in NOT_A_PERSON:
                missing.append(f"{label}.{name}")
        if owns_a_person(model) and label not in declared and label != "privacy.sensitiveview":
            missing.append(f"{label} (a record about a person)")
    assert not missing, f"Declare these in privacy/registry.py (or explain them in NOT_A_PERSON): {missing}"


def test_every_declared_field_exists() -> None:
    for entry in record_types():
        for name in entry.personal:
            entry.model._meta.get_field(name)  # raises for a typo


def test_a_person_is_found_by_email_in_any_case_and_by_name(robin: Robin) -> None:
    found = find(Person(email=EMAIL.upper(), name="robin reed"))
    assert found["users.user"] == [robin.user.pk]
    assert found["directory.contact"] == [robin.contact.pk]  # not the namesake with an e-mail of their own
    assert found["people.application"] == [robin.applicant.pk]
    assert found["people.staffmember"] == [robin.staff.pk]
    assert found["people.timesheet"] == [robin.timesheet.pk]
    assert found["people.declaredinterest"] == [robin.interest.pk]
    assert found["governance.appointment"] == [robin.appointment.pk]
    assert found["governance.attendance"] == [robin.attendance.pk]
    assert found["relationships.interaction"] == [robin.interaction.pk]
    assert found["members.membershipapplication"] == [robin.membership_application.pk]
    assert found["members.evidence"] == [robin.dbs.pk]
    assert found["authtoken.token"] == [robin.token.pk]


def test_by_name_alone_both_namesakes_are_found(robin: Robin) -> None:
    found = find(Person(name="Robin  Reed"))
    assert set(found["directory.contact"]) == {robin.namesake.pk}  # Robyn, since renamed, is not
    assert found["users.user"] == [robin.user.pk]


def test_the_readme_states_every_record_types_retention() -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    section = readme.split("## Data protection", 1)[1].split("\n## ", 1)[0]
    missing = [entry.title for entry in record_types() if entry.title not in section]
    assert not missing, f"Add these to README.md's Data protection section: {missing}"
