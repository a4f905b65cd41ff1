"""UK organisation identifiers: validation, normalisation and org-id (org-id.guide) prefixes."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from consortia.directory.choices import CharityRegister

POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ][0-9][0-9A-HJKPS-UW]? ?[0-9][ABD-HJLNP-UW-Z]{2}|"
    r"[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]? ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)
CCEW = re.compile(r"^[1-9][0-9]{5,6}(-[0-9]{1,3})?$")
OSCR = re.compile(r"^SC[0-9]{6}$")
CCNI = re.compile(r"^(NIC)?1[0-9]{5}$")
# Eight characters: digits, or a two-letter prefix and six digits; registered societies keep
# their Mutuals Public Register number (IP12345R; C for a credit union) at Companies House.
COMPANY = re.compile(
    r"^([0-9]{8}|(SC|NI|OC|SO|NC|NL|NO|NP|NR|NZ|SE|SL|SP|SR|SZ|IP|RS|RC|SI|LP|FC|GE|GS|GN|IC|ES|SA|AC|ZC|CE|CS|R0)[0-9]{6}"
    r"|(IP|SP|NP)[0-9]{5}[RC])$"
)
PPON = re.compile(r"^P[A-Z]{3}-[0-9]{4}-[A-Z]{4}$")

ORG_ID_PREFIX = {
    CharityRegister.ENGLAND_WALES: "GB-CHC",
    CharityRegister.SCOTLAND: "GB-SC",
    CharityRegister.NORTHERN_IRELAND: "GB-NIC",
}


def normalise_postcode(value: str) -> str:
    """`sw1a1aa` -> `SW1A 1AA`; raises ValidationError when it is not a UK postcode."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if not compact:
        return ""
    if not POSTCODE.match(compact):
        raise ValidationError(f"“{value}” is not a UK postcode (for example SW1A 1AA).", code="postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def normalise_charity_number(value: str, register: str) -> str:
    compact = re.sub(r"\s+", "", value or "").upper()
    if not compact:
        return ""
    if register == CharityRegister.SCOTLAND:
        if not OSCR.match(compact):
            raise ValidationError("A Scottish charity number is SC followed by six digits (for example SC012345).")
        return compact
    if register == CharityRegister.NORTHERN_IRELAND:
        if not CCNI.match(compact):
            raise ValidationError(
                "A Northern Ireland charity number is six digits starting with 1 (for example 100002)."
            )
        return compact.removeprefix("NIC")
    if not CCEW.match(compact):
        raise ValidationError(
            "A charity number for England and Wales is six or seven digits (for example 1123456), "
            "with -1, -2… for a linked charity."
        )
    return compact


def normalise_company_number(value: str) -> str:
    """Company numbers are eight characters; numbers given without leading zeros are padded."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if not compact:
        return ""
    if compact.isdigit() and len(compact) <= 8:
        compact = compact.zfill(8)
    elif len(compact) < 8 and compact[:2].isalpha() and compact[2:].isdigit() and not compact.endswith(("R", "C")):
        compact = compact[:2] + compact[2:].zfill(6)
    if not COMPANY.match(compact):
        raise ValidationError("A company number is eight characters, for example 01234567 or SC123456.")
    return compact


def normalise_ppon(value: str) -> str:
    compact = re.sub(r"\s+", "", value or "").upper()
    if not compact:
        return ""
    if not PPON.match(compact):
        raise ValidationError("A PPON (Public Procurement Organisation Number) looks like PABC-1234-DEFG.")
    return compact


def org_id(charity_number: str, charity_register: str, company_number: str, ppon: str) -> str:
    """The org-id.guide identifier: charity number first, then company, then PPON."""
    if charity_number and charity_register in ORG_ID_PREFIX:
        return f"{ORG_ID_PREFIX[CharityRegister(charity_register)]}-{charity_number}"
    if company_number:
        return f"GB-COH-{company_number}"
    if ppon:
        return f"GB-PPON-{ppon}"
    return ""
