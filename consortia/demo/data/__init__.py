"""The demo consortium: Lancashire Community Partnership, its members, commissioners and funders.

Everything here is fictional: the organisations, the people and the numbers. Where a real public
body appears (a council, the ICB, the National Lottery Community Fund) only its name is real;
its contacts, e-mails and phone numbers are made up.

Why the numbers look the way they do:
- Charity numbers are seven digits starting 19. The Charity Commission is issuing numbers in the
  1,2xx,xxx range, and every number from 1100000 to 1199999 already belongs to a real charity, so
  an "11" number would give a fictional organisation a real charity's identity (and the register
  importers would merge the real charity's details into it).
- Company numbers are eight digits starting 99, far beyond anything Companies House has issued.
- Phone numbers are in 01632 960xxx, the range Ofcom keeps for drama and fiction.
- E-mail addresses and websites are made up, under example.org.uk (example.gov.uk, example.nhs.uk
  and example.police.uk for public bodies), never an organisation's real domain.
"""

from __future__ import annotations

from consortia.demo.data.commissioners_and_funders import COMMISSIONERS, FUNDERS
from consortia.demo.data.members import CONSORTIUM, INFRASTRUCTURE, MEMBERS
from consortia.demo.data.records import CONSORTIUM_NAME, LANCASHIRE_AUTHORITIES, Org, Person

__all__ = [
    "COMMISSIONERS",
    "CONSORTIUM",
    "CONSORTIUM_NAME",
    "FUNDERS",
    "INFRASTRUCTURE",
    "LANCASHIRE_AUTHORITIES",
    "MEMBERS",
    "ORGANISATIONS",
    "Org",
    "Person",
]

# In the order they are loaded: the CVS before the consortium that it hosts.
ORGANISATIONS: tuple[Org, ...] = (INFRASTRUCTURE, CONSORTIUM, *MEMBERS, *COMMISSIONERS, *FUNDERS)
