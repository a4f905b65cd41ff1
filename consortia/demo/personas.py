"""The demo logins: one per persona in DESIGN.md §1, all with the same password.

README.md's table of demo logins is built from `PERSONAS` (see `markdown_table`), so the two
cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from consortia.users import roles

# Published in README.md: a demo password, not a secret. `load_demo` sets it directly, without
# the settings' password validators, so it only has to be easy to type.
DEMO_PASSWORD = "consortia-demo"
DEMO_DOMAIN = "demo.consortia.example"


@dataclass(frozen=True)
class Persona:
    email: str
    full_name: str
    role: str  # a group name from consortia.users.roles
    persona: str  # who they are, in the words of DESIGN.md §1
    can_do: str  # what they can do, for the README
    organisation: str = ""  # the member organisation's name, for member organisation users only
    password: str = DEMO_PASSWORD


PERSONAS: tuple[Persona, ...] = (
    Persona(
        email=f"manager@{DEMO_DOMAIN}",
        full_name="Helen Tattersall",
        role=roles.HUB_MANAGER,
        persona="Hub manager (consortium manager)",
        can_do=roles.DESCRIPTIONS[roles.HUB_MANAGER],
    ),
    Persona(
        email=f"bids@{DEMO_DOMAIN}",
        full_name="Imran Hussain",
        role=roles.BID_TEAM,
        persona="Bid writer",
        can_do=roles.DESCRIPTIONS[roles.BID_TEAM],
    ),
    Persona(
        email=f"contracts@{DEMO_DOMAIN}",
        full_name="Gemma Ashworth",
        role=roles.CONTRACTS,
        persona="Contracts and performance officer",
        can_do=roles.DESCRIPTIONS[roles.CONTRACTS],
    ),
    Persona(
        email=f"finance@{DEMO_DOMAIN}",
        full_name="David Kershaw",
        role=roles.FINANCE,
        persona="Finance officer",
        can_do=roles.DESCRIPTIONS[roles.FINANCE],
    ),
    Persona(
        email=f"chair@{DEMO_DOMAIN}",
        full_name="Margaret Eccles",
        role=roles.BOARD,
        persona="Board member (chair)",
        can_do=roles.DESCRIPTIONS[roles.BOARD],
    ),
    Persona(
        email=f"vicechair@{DEMO_DOMAIN}",
        full_name="Kathleen Lord",
        role=roles.BOARD,
        persona="Board member (vice-chair)",
        can_do=roles.DESCRIPTIONS[roles.BOARD],
    ),
    Persona(
        email=f"treasurer@{DEMO_DOMAIN}",
        full_name="Rashid Mahmood",
        role=roles.BOARD,
        persona="Board member (treasurer)",
        can_do=roles.DESCRIPTIONS[roles.BOARD],
    ),
    Persona(
        email=f"auditor@{DEMO_DOMAIN}",
        full_name="Paul Greenhalgh",
        role=roles.AUDITOR,
        persona="Auditor (read-only)",
        can_do=roles.DESCRIPTIONS[roles.AUDITOR],
    ),
    Persona(
        email=f"pendle@{DEMO_DOMAIN}",
        full_name="Nasreen Akhtar",
        role=roles.MEMBER,
        persona="Member organisation user at Pendle Women's Centre",
        can_do="Pendle Women's Centre's own profile, contacts and records, and nothing of any other member's.",
        organisation="Pendle Women's Centre",
    ),
    Persona(
        email=f"wyre@{DEMO_DOMAIN}",
        full_name="Craig Cookson",
        role=roles.MEMBER,
        persona="Member organisation user at Wyre Youth Matters",
        can_do="Wyre Youth Matters' own profile, contacts and records, and nothing of any other member's.",
        organisation="Wyre Youth Matters",
    ),
    Persona(
        email=f"icb@{DEMO_DOMAIN}",
        full_name="Joanne Whitaker",
        role=roles.COMMISSIONER,
        persona="Commissioner's user at NHS Lancashire and South Cumbria Integrated Care Board",
        can_do="The contracts the integrated care board commissions from the hub, to read, in the portal.",
        organisation="NHS Lancashire and South Cumbria Integrated Care Board",
    ),
)


def markdown_table() -> str:
    """The demo logins as a Markdown table, for README.md."""
    lines = ["| e-mail | password | persona | what they can do |", "|---|---|---|---|"]
    lines += [f"| `{p.email}` | `{p.password}` | {p.persona} | {p.can_do} |" for p in PERSONAS]
    return "\n".join(lines)
