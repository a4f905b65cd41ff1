"""The shapes of the demo data and the words it shares: job titles, consent sources, areas."""

from __future__ import annotations

import re
from dataclasses import dataclass

from consortia.directory.choices import ConsentSource

CONSORTIUM_NAME = "Lancashire Community Partnership"

# The local authorities the members are spread across: the twelve Lancashire districts and the
# two unitaries. Names are as in `directory/data/areas.csv`.
LANCASHIRE_AUTHORITIES = (
    "Burnley",
    "Chorley",
    "Fylde",
    "Hyndburn",
    "Lancaster",
    "Pendle",
    "Preston",
    "Ribble Valley",
    "Rossendale",
    "South Ribble",
    "West Lancashire",
    "Wyre",
    "Blackburn with Darwen",
    "Blackpool",
)

CEO = "Chief Executive"
SERVICES = "Services Manager"
FINANCE = "Finance Lead"
VOLUNTEERS = "Volunteer Coordinator"
COMMISSIONING = "Commissioning Manager"
GRANTS = "Grants Manager"

MEMBERSHIP = ConsentSource.MEMBERSHIP
FORM = ConsentSource.FORM
EVENT = ConsentSource.EVENT
EMAIL = ConsentSource.EMAIL


@dataclass(frozen=True)
class Person:
    """A contact at an organisation. No consent date means they have not consented (yet)."""

    first_name: str
    last_name: str
    job_title: str
    consent_date: str = ""  # ISO date
    consent_source: str = ""

    @property
    def consent(self) -> bool:
        return bool(self.consent_date)

    def email_at(self, domain: str) -> str:
        local = f"{self.first_name}.{self.last_name}".lower()
        return re.sub(r"[^a-z.]", "", local) + f"@{domain}"


@dataclass(frozen=True)
class Org:
    """An organisation as the directory will hold it. `area` is an Area name."""

    name: str
    legal_form: str
    roles: tuple[str, ...]
    area: str
    town: str
    domain: str
    phone: str
    people: tuple[Person, ...]
    address_line_1: str = ""
    postcode: str = ""
    county: str = "Lancashire"
    charity_number: str = ""
    company_number: str = ""
    other_names: str = ""
    notes: str = ""

    @property
    def email(self) -> str:
        return f"info@{self.domain}"

    @property
    def website(self) -> str:
        return f"https://www.{self.domain}"


def charity_domain(name: str) -> str:
    """A voluntary organisation's made-up domain, never its real one."""
    return f"{name}.example.org.uk"
