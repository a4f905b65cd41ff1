"""Identifiers, org-ids, postcodes and consent rules for organisations and contacts."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from consortia.directory import identifiers
from consortia.directory.models import Contact, Organisation
from consortia.directory.tests.factories import OrganisationFactory


@pytest.mark.parametrize(
    ("number", "register", "org_id"),
    [
        ("1123456", "ccew", "GB-CHC-1123456"),
        ("sc012345", "oscr", "GB-SC-SC012345"),
        ("NIC100002", "ccni", "GB-NIC-100002"),
        ("", "", ""),
    ],
)
def test_org_id_follows_the_charity_register(db: None, number: str, register: str, org_id: str) -> None:
    organisation = Organisation(name="Test", charity_number=number, charity_register=register)
    organisation.full_clean()
    organisation.save()
    assert organisation.org_id == org_id


def test_org_id_falls_back_to_company_then_ppon(db: None) -> None:
    organisation = Organisation(name="Test CIC", company_number="sc 123456", ppon="pabc-1234-defg")
    organisation.full_clean()
    organisation.save()
    assert (organisation.company_number, organisation.org_id) == ("SC123456", "GB-COH-SC123456")
    organisation.company_number = ""
    organisation.save()
    assert organisation.org_id == "GB-PPON-PABC-1234-DEFG"


@pytest.mark.parametrize(
    ("number", "register"),
    [("12", "ccew"), ("0123456", "ccew"), ("123456", "oscr"), ("SC12345", "oscr"), ("200001", "ccni"), ("ABC", "ccew")],
)
def test_charity_numbers_in_the_wrong_format_are_refused(db: None, number: str, register: str) -> None:
    organisation = Organisation(name="Test", charity_number=number, charity_register=register)
    with pytest.raises(ValidationError) as raised:
        organisation.full_clean()
    assert "charity_number" in raised.value.message_dict


def test_register_is_guessed_from_the_number(db: None) -> None:
    organisation = Organisation(name="Scottish Trust", charity_number="SC000123")
    organisation.full_clean()
    assert organisation.charity_register == "oscr"


def test_same_charity_number_twice_is_refused(db: None) -> None:
    OrganisationFactory(charity_number="1170001")
    duplicate = Organisation(name="Copy", charity_number="1170001", charity_register="ccew")
    with pytest.raises(ValidationError, match="already has this charity number"):
        duplicate.full_clean()


@given(
    st.sampled_from(["SW1A 1AA", "PR1 2AA", "BB11 1AB", "M1 1AE", "FY8 1AA", "EC1A 1BB", "W1A 0AX", "LA1 1AA"]),
    st.booleans(),
    st.booleans(),
)
def test_postcodes_normalise_whatever_the_spacing_and_case(postcode: str, lower: bool, squash: bool) -> None:
    typed = postcode.lower() if lower else postcode
    typed = typed.replace(" ", "") if squash else f"  {typed} "
    assert identifiers.normalise_postcode(typed) == postcode
    assert identifiers.normalise_postcode(identifiers.normalise_postcode(typed)) == postcode


@pytest.mark.parametrize("bad", ["NOT A POSTCODE", "12345", "PR1", "QQ1 1AA", "PR1 1AAA"])
def test_bad_postcodes_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="not a UK postcode"):
        identifiers.normalise_postcode(bad)


def test_company_numbers_are_padded_to_eight(db: None) -> None:
    assert identifiers.normalise_company_number("123") == "00000123"
    assert identifiers.normalise_company_number("ni 12345") == "NI012345"
    with pytest.raises(ValidationError):
        identifiers.normalise_company_number("123456789")


def test_consent_needs_a_date_and_a_source(db: None) -> None:
    contact = Contact(
        first_name="A", last_name="B", organisation=OrganisationFactory(), email="a@example.org.uk", consent=True
    )
    with pytest.raises(ValidationError) as raised:
        contact.full_clean()
    assert set(raised.value.message_dict) == {"consent_date", "consent_source"}
