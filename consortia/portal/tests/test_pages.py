"""The member portal: sign-in, staff kept out, one member never sees another's rows, fixed costs."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from consortia.core.testing.views import queries_for
from consortia.directory.models import Contact
from consortia.directory.tests.factories import ContactFactory
from consortia.members.choices import Rag, Tier
from consortia.members.models import (
    Capability,
    CaseStudy,
    DevelopmentAction,
    DueDiligenceReview,
    Evidence,
    Membership,
    QualityMark,
)
from consortia.portal.tests import factories
from consortia.users.testing import Personas, make_user

pytestmark = pytest.mark.django_db

PAGES = ["home", "profile", "profile_edit", "contacts", "contact_add", "capabilities", "capability_add"]
PAGES += ["qualitymark_add", "casestudy_add", "evidence", "membership"]


def rows_of(organisation: Any) -> dict[str, Any]:
    """One of every record an organisation keeps, for the pages that take an id."""
    safeguarding = factories.requirement("Safeguarding policy")
    return {
        "contact": ContactFactory(organisation=organisation, first_name="Pat", last_name=f"Of {organisation.name}"),
        "capability": factories.capability(organisation),
        "qualitymark": factories.quality_mark(organisation, f"Mark of {organisation.name}"),
        "casestudy": factories.case_study(organisation, f"Story of {organisation.name}"),
        "evidence": factories.evidence(organisation, safeguarding),
        "requirement": safeguarding,
    }


def urls_with_ids(rows: dict[str, Any]) -> list[str]:
    urls = []
    for record in ("contact", "capability", "qualitymark", "casestudy"):
        urls += [reverse(f"portal:{record}_edit", args=[rows[record].pk])]
        urls += [reverse(f"portal:{record}_delete", args=[rows[record].pk])]
    urls.append(reverse("portal:evidence_download", args=[rows["evidence"].pk]))
    return urls


def test_every_page_needs_sign_in(personas: Personas, client: Client) -> None:
    rows = rows_of(personas.org_a)
    for url in [reverse(f"portal:{name}") for name in PAGES] + urls_with_ids(rows):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("users:login")), url


@pytest.mark.parametrize("persona", ["manager", "auditor", "nobody"])
def test_users_of_no_organisation_find_no_portal(
    personas: Personas, client_for: Callable[..., Client], persona: str
) -> None:
    rows = rows_of(personas.org_a)
    client = client_for(getattr(personas, persona))
    for url in [reverse(f"portal:{name}") for name in PAGES] + urls_with_ids(rows):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("portal:contact_add"), {"first_name": "X", "last_name": "Y"}).status_code == 404
    upload = reverse("portal:evidence_upload", args=[rows["requirement"].pk])
    assert client.post(upload, {"file": factories.pdf()}).status_code == 404
    assert Contact.objects.filter(first_name="X").count() == 0
    assert Evidence.objects.count() == 1


def test_a_user_of_a_member_without_the_member_role_finds_nothing(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    rows = rows_of(personas.org_a)
    client = client_for(make_user("new@alpha.test", organisation=personas.org_a))
    for url in [reverse(f"portal:{name}") for name in PAGES] + urls_with_ids(rows):
        assert client.get(url).status_code == 404, url


def test_member_never_sees_another_members_rows(personas: Personas, client_for: Callable[..., Client]) -> None:
    mine = rows_of(personas.org_a)
    Membership.objects.create(organisation=personas.org_a, tier=Tier.FULL)
    theirs = {
        "contact": ContactFactory(organisation=personas.org_b, first_name="Tom", last_name="Hughes"),
        "capability": Capability.objects.create(
            organisation=personas.org_b, category=factories.category("Befriending")
        ),
        "qualitymark": factories.quality_mark(personas.org_b, "Beta Mark"),
        "casestudy": factories.case_study(personas.org_b, "Beta Story"),
        "evidence": factories.evidence(personas.org_b, mine["requirement"], original_filename="beta-secret.pdf"),
    }
    membership_b = factories.membership(personas.org_b, notes="Beta only", languages="Tagalog")
    DevelopmentAction.objects.create(membership=membership_b, action="Beta's action", due_on=datetime.date(2026, 1, 1))
    DueDiligenceReview.objects.create(
        organisation=personas.org_b,
        year=2026,
        reviewed_on=datetime.date(2026, 1, 1),
        rag=Rag.RED,
        reasons="Beta reasons",
    )
    client = client_for(personas.member_a)

    # Their ids in every address: not found, whether read, changed or deleted.
    for url in urls_with_ids(theirs):
        assert client.get(url).status_code == 404, url
        if "download" not in url:
            hacked = {"first_name": "Hacked", "last_name": "X", "name": "Hacked", "title": "Hacked", "summary": "X"}
            assert client.post(url, hacked).status_code == 404, url
    assert Contact.objects.get(pk=theirs["contact"].pk).first_name == "Tom"
    assert QualityMark.objects.get(pk=theirs["qualitymark"].pk).name == "Beta Mark"
    assert CaseStudy.objects.filter(pk=theirs["casestudy"].pk).exists()
    assert Capability.objects.filter(pk=theirs["capability"].pk).exists()

    # Their own ids work.
    for url in urls_with_ids(mine):
        assert client.get(url).status_code == 200, url

    # No page shows anything of theirs.
    for name in PAGES:
        body = client.get(reverse(f"portal:{name}")).content.decode()
        for text in ("Beta Befriending", "Hughes", "Beta Mark", "Beta Story", "beta-secret", "Beta", "Tagalog"):
            assert text not in body, (name, text)
    evidence_page = client.get(reverse("portal:evidence")).content.decode()
    assert reverse("portal:evidence_download", args=[mine["evidence"].pk]) in evidence_page
    assert "Alpha Advice Centre policy.pdf" in evidence_page


def test_pages_show_the_members_own_records(personas: Personas, client_for: Callable[..., Client]) -> None:
    rows = rows_of(personas.org_a)
    membership = factories.membership(personas.org_a, tier=Tier.ASSOCIATE, fee_paid=True, staff_count=12)
    DevelopmentAction.objects.create(
        membership=membership, action="Write a safeguarding policy", due_on=datetime.date(2026, 12, 31)
    )
    DueDiligenceReview.objects.create(
        organisation=personas.org_a,
        year=2026,
        reviewed_on=datetime.date(2026, 3, 2),
        rag=Rag.AMBER,
        reasons="Insurance about to lapse",
        action_plan="Renew insurance by May",
    )
    client = client_for(personas.member_a)
    home = client.get(reverse("portal:home")).content.decode()
    assert "Associate member" in home
    assert "01/04/2024" in home
    assert "01/04/2027" in home
    assert rows["contact"].name in home
    profile = client.get(reverse("portal:profile")).content.decode()
    assert "Alpha Advice Centre" in profile
    assert "12" in profile
    assert rows["contact"].name in client.get(reverse("portal:contacts")).content.decode()
    capabilities = client.get(reverse("portal:capabilities")).content.decode()
    assert "Debt advice" in capabilities
    assert "Mark of Alpha" in capabilities
    assert "Story of Alpha" in capabilities
    page = client.get(reverse("portal:membership")).content.decode()
    for text in ("Associate member", "£250.00", "Write a safeguarding policy", "Amber", "Renew insurance by May"):
        assert text in page, text
    assert "31/12/2026" in page
    assert "02/03/2026" in page


def test_portal_navigation_marks_the_current_section(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.member_a)
    body = client.get(reverse("portal:evidence")).content.decode()
    assert 'aria-label="Your organisation"' in body
    for label in ("Profile", "Contacts", "Capabilities", "Evidence", "Membership"):
        assert f">{label}</a>" in body
    assert f'href="{reverse("portal:evidence")}" aria-current="page">Evidence' in body


# The list pages cost the same however many rows there are:
#   session, user, the user's and the groups' permissions (2), the organisation, then per page:
LIST_PAGES = {
    "home": 10,  # + membership, requirements, evidence, contacts, capability count
    "profile": 6,  # the organisation read with its area, + membership
    "contacts": 6,  # + contacts
    "capabilities": 10,  # + capabilities, client groups, areas (prefetched), quality marks, case studies
    "evidence": 8,  # + membership, requirements, evidence
    "membership": 8,  # + membership, development actions, reviews
}


def add_rows(organisation: Any, indexes: range, membership: Membership) -> None:
    for index in indexes:
        ContactFactory(organisation=organisation)
        capability = factories.capability(organisation, f"Service {organisation.pk}-{index}")
        capability.client_groups.add(factories.client_group(f"Group {index}"))
        factories.quality_mark(organisation, f"Mark {index}")
        factories.case_study(organisation, f"Story {index}")
        requirement = factories.requirement(f"Requirement {organisation.pk}-{index}", needs_expiry=True)
        factories.evidence(organisation, requirement, expires_on=datetime.date(2030, 1, 1))
        DevelopmentAction.objects.create(
            membership=membership, action=f"Action {index}", due_on=datetime.date(2026, 6, 1)
        )
        DueDiligenceReview.objects.create(
            organisation=organisation,
            year=2000 + index,
            reviewed_on=datetime.date(2000 + index, 1, 1),
            rag=Rag.GREEN,
            reasons="Fine",
        )


@pytest.mark.parametrize(("page", "expected"), LIST_PAGES.items())
def test_list_pages_cost_a_fixed_number_of_queries(
    personas: Personas, client_for: Callable[..., Client], page: str, expected: int
) -> None:
    membership = factories.membership(personas.org_a)
    add_rows(personas.org_a, range(1), membership)
    client = client_for(personas.member_a)
    url = reverse(f"portal:{page}")
    client.get(url)  # the session's first request saves it; measure the ones after
    assert queries_for(client, url) == expected
    add_rows(personas.org_a, range(1, 5), membership)
    assert queries_for(client, url) == expected
