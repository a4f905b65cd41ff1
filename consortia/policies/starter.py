"""The starter list of policy areas every consortium hub needs (loaded by a data migration and by
`manage.py load_policy_areas`, which adds the missing ones and never duplicates)."""

from __future__ import annotations

STARTER_AREAS: tuple[tuple[str, str], ...] = (
    ("Safeguarding", "Protecting children and adults at risk from harm, abuse and neglect."),
    ("Data protection", "UK GDPR and the Data Protection Act 2018: personal data, breaches, rights."),
    ("Equality and diversity", "The Equality Act 2010: fair treatment and access for everyone."),
    ("Complaints", "How people raise a complaint about the consortium or a member, and how it is handled."),
    ("Whistleblowing", "How staff and volunteers raise concerns safely (Public Interest Disclosure Act 1998)."),
    ("Conflicts of interest", "Declaring and managing interests in members, bids and contracts."),
    ("Health and safety", "Keeping staff, volunteers and clients safe (Health and Safety at Work Act 1974)."),
    ("Subcontracting", "How the hub passes work to members, pays them and manages their performance."),
    ("Risk management", "How the hub identifies, scores, controls and reviews its risks."),
    ("Financial procedures", "Authorising spending, payments, the management fee and financial controls."),
)
