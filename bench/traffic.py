"""What the load test's users request (bench/locustfile.py), and what bench/pages.py times: one list.

Plain data only: locust imports this beside the locustfile, and `bench.pages` without locust.
"""

from __future__ import annotations

DOMAIN = "demo.consortia.example"  # the demo's users' e-mail domain
STAFF = ["manager", "bids", "contracts", "finance", "chair", "auditor"]
MEMBERS = ["pendle", "wyre"]
STAFF_LISTS = [
    "/directory/organisations/",
    "/directory/contacts/",
    "/members/memberships/",
    "/members/capabilities/",
    "/contracts/contracts/",
    "/contracts/subcontracts/",
    "/opportunities/opportunities/",
]
FILTERED = ["/opportunities/opportunities/?open=true", "/directory/organisations/?q=centre"]
PORTAL_PAGES = ["/portal/", "/portal/profile/", "/portal/contacts/", "/portal/returns/", "/portal/evidence/"]
API = "/api/organisations/?limit=25"
