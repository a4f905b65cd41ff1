"""Reference data for due diligence: the checks commissioners ask about.

Loaded by a migration; editable afterwards. Idempotent: creates what is missing, never
overwrites edits.
"""

from __future__ import annotations

from typing import Any

from consortia.core.reference import reference_data

# Employer's liability insurance is a legal requirement for employers: at least £5 million of cover
# (Employers' Liability (Compulsory Insurance) Act 1969).
EMPLOYERS_LIABILITY_MINIMUM = 5_000_000

# Each: name, description, kind, mandatory (full, associate, partner), renewal months, verifier,
# and the flags (needs_expiry, needs_cover_amount, needs_dbs_level).
REQUIREMENTS: list[dict[str, Any]] = [
    {
        "name": "Governing document",
        "description": "Your constitution, memorandum and articles of association, trust deed or rules: the "
        "signed, current version that shows your legal status and what you exist to do.",
        "mandatory": (True, True, True),
        "renewal_months": 36,
        "verified_by": "contracts",
    },
    {
        "name": "Annual accounts",
        "description": "Your latest annual accounts, as filed with the Charity Commission, Companies House or "
        "your regulator, with the independent examiner's or auditor's report.",
        "mandatory": (True, True, True),
        "renewal_months": 12,
        "verified_by": "finance",
    },
    {
        "name": "Employer's liability insurance",
        "description": "Your employer's liability insurance certificate. If you employ staff this is required by "
        "law, with cover of at least £5 million. Give the expiry date and the amount of cover.",
        "mandatory": (True, True, True),
        "renewal_months": 12,
        "verified_by": "finance",
        "needs_expiry": True,
        "needs_cover_amount": True,
    },
    {
        "name": "Public liability insurance",
        "description": "Your public liability insurance certificate, covering harm to members of the public or "
        "their property. Give the expiry date and the amount of cover.",
        "mandatory": (True, True, True),
        "renewal_months": 12,
        "verified_by": "finance",
        "needs_expiry": True,
        "needs_cover_amount": True,
    },
    {
        "name": "Professional indemnity insurance",
        "description": "Your professional indemnity insurance certificate, covering claims that your advice or "
        "service caused someone a loss. Give the expiry date and the amount of cover.",
        "mandatory": (True, False, True),
        "renewal_months": 12,
        "verified_by": "finance",
        "needs_expiry": True,
        "needs_cover_amount": True,
    },
    {
        "name": "Safeguarding policy",
        "description": "Your safeguarding policy for children and adults at risk, approved by your trustees, "
        "naming your safeguarding lead and saying how you report concerns.",
        "mandatory": (True, True, True),
        "renewal_months": 12,
        "verified_by": "hub_manager",
    },
    {
        "name": "DBS checks",
        "description": "Do staff and volunteers who work with children or adults at risk have Disclosure and "
        "Barring Service checks? Say how you check them and how often they are renewed, and give the "
        "highest level of check you use.",
        "kind": "answer",
        "mandatory": (True, True, True),
        "renewal_months": 12,
        "verified_by": "hub_manager",
        "needs_dbs_level": True,
    },
    {
        "name": "Data protection",
        "description": "Your Information Commissioner's Office (ICO) registration number, and your data protection "
        "policy: how you keep people's personal information safe, as UK GDPR asks.",
        "mandatory": (True, True, True),
        "renewal_months": 12,
        "verified_by": "contracts",
        "needs_expiry": True,
    },
    {
        "name": "Health and safety policy",
        "description": "Your health and safety policy (required in writing if you employ five or more people), "
        "with how you assess risks.",
        "mandatory": (True, True, True),
        "renewal_months": 12,
        "verified_by": "contracts",
    },
    {
        "name": "Equality and diversity policy",
        "description": "Your equality and diversity policy: how you treat staff, volunteers and the people you "
        "support fairly, as the Equality Act 2010 asks.",
        "mandatory": (True, True, True),
        "renewal_months": 24,
        "verified_by": "contracts",
    },
    {
        "name": "Quality marks held",
        "description": "Any quality marks or accreditations you hold (for example Trusted Charity, Matrix, "
        "Investors in Volunteers, Cyber Essentials), with their expiry dates. Optional.",
        "kind": "answer",
        "mandatory": (False, False, False),
        "renewal_months": 12,
        "verified_by": "contracts",
    },
    {
        "name": "Business continuity plan",
        "description": "Your business continuity plan: how you would keep essential services running after a fire, "
        "flood, IT failure or the loss of key staff.",
        "mandatory": (True, False, False),
        "renewal_months": 24,
        "verified_by": "contracts",
    },
]


@reference_data("members.Requirement")
def load_diligence_reference(apps: Any = None) -> None:
    """Create the seeded due-diligence requirements that are missing (matched by name)."""
    model: Any
    if apps is None:
        from consortia.members import models

        model = models.Requirement
    else:
        model = apps.get_model("members", "Requirement")
    existing = set(model.objects.values_list("name", flat=True))
    for order, spec in enumerate(REQUIREMENTS, start=1):
        if spec["name"] in existing:
            continue
        full, associate, partner = spec["mandatory"]
        model.objects.create(
            name=spec["name"],
            description=spec["description"],
            kind=spec.get("kind", "document"),
            mandatory_full=full,
            mandatory_associate=associate,
            mandatory_partner=partner,
            renewal_months=spec["renewal_months"],
            verified_by=spec["verified_by"],
            needs_expiry=spec.get("needs_expiry", False),
            needs_cover_amount=spec.get("needs_cover_amount", False),
            needs_dbs_level=spec.get("needs_dbs_level", False),
            order=order * 10,
        )
