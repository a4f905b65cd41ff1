"""Reference data the hub ships with: the delivery models and the hub's ten functions.

Loaded by a migration so that a new hub starts with the sector guidance's functions, tasks and
options; all of it can be edited afterwards. The codes are stable: other code refers to them.
"""

from __future__ import annotations

# (code, name) of the ten roles of the hub function, in the guidance's order.
FUNCTIONS: tuple[tuple[str, str], ...] = (
    ("strategy", "Lead the strategic and business planning"),
    ("influence", "Influence commissioners and develop strategic relationships"),
    ("policies", "Develop policies and procedures"),
    ("membership", "Recruit and manage the membership, and develop the supply chain"),
    ("bidding", "Scope for and bid for contracts"),
    ("contracts", "Manage contracts and the performance of subcontractors"),
    ("funding", "Explore and raise funding where appropriate, such as development grants or repayable finance"),
    ("governance", "Ensure good governance"),
    ("finance", "Finance management"),
    ("performance", "Manage performance"),
)

# (code, name) of the four delivery models.
DELIVERY_MODELS: tuple[tuple[str, str], ...] = (
    ("central", "Central staff team"),
    ("virtual", "Virtual hub"),
    ("member", "Outsource to a member organisation"),
    ("external", "Outsource to an external organisation"),
)
