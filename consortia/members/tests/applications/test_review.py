"""The hub's review of applications: the page, and approving, refusing and asking for more."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.members.choices import ApplicationStatus, MembershipStatus, Tier
from consortia.members.forms.applications import local_authorities
from consortia.members.models import Membership, MembershipApplication, ServiceCategory
from consortia.members.services import applications as services
from consortia.members.tests.applications.factories import EligibilityQuestionFactory, MembershipApplicationFactory
from consortia.users.models import User
from consortia.users.roles import MEMBER
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db


def decide_url(application: MembershipApplication, decision: str) -> str:
    return reverse("members:membershipapplication_decide", args=[application.pk, decision])


# -- the services -----------------------------------------------------------------------------
def test_approve_makes_the_organisation_membership_and_user(personas: Personas) -> None:
    application = MembershipApplicationFactory(organisation_name="Fylde Coast Carers", contact_name="Ann Lee")
    approval = services.approve(application, Tier.ASSOCIATE, personas.manager)
    organisation = approval.organisation
    assert organisation.name == "Fylde Coast Carers"
    assert organisation.charity_number == application.charity_number
    assert organisation.roles.filter(code="member").exists()
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.tier, membership.status) == (Tier.ASSOCIATE, MembershipStatus.ACTIVE)
    assert membership.joined_on is not None
    assert membership.application == application
    user = User.objects.get(email=application.contact_email)
    assert user.organisation == organisation
    assert user.full_name == "Ann Lee"
    assert user.groups.filter(name=MEMBER).exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == personas.manager
    assert application.decided_at is not None
    assert application.tier_granted == Tier.ASSOCIATE
    assert application.organisation == organisation
    # Without a request too (a command), the first user is invited, the link built on SITE_URL
    # (test_invitation.py follows it); the decision is e-mailed.
    assert approval.invited is True
    assert [message.to for message in mail.outbox] == [[application.contact_email]] * 2
    assert "choose your password" in mail.outbox[0].subject
    assert "approved" in mail.outbox[1].subject


def test_approve_uses_the_directory_record_that_matches(personas: Personas) -> None:
    by_charity = OrganisationFactory(name="Old Name", charity_number="1150001")
    application = MembershipApplicationFactory(charity_number="1150001")
    assert services.approve(application, Tier.FULL, personas.manager).organisation == by_charity
    by_company = OrganisationFactory(name="Another", charity_number="", company_number="01234567")
    application = MembershipApplicationFactory(charity_number="", company_number="01234567")
    assert services.approve(application, Tier.FULL, personas.manager).organisation == by_company
    by_name = OrganisationFactory(name="Chorley Help", charity_number="", postcode="PR7 1AA")
    application = MembershipApplicationFactory(organisation_name="chorley help", charity_number="", postcode="PR7 1AA")
    assert services.approve(application, Tier.FULL, personas.manager).organisation == by_name
    assert Organisation.objects.filter(name__iexact="chorley help").count() == 1


def test_approve_refuses_an_existing_user_and_saves_nothing(personas: Personas) -> None:
    application = MembershipApplicationFactory(contact_email="user@alpha.test")
    before = Organisation.objects.count()
    with pytest.raises(ValidationError, match=r"user@alpha\.test already exists"):
        services.approve(application, Tier.FULL, personas.manager)
    assert Organisation.objects.count() == before
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not mail.outbox


def test_approve_refuses_an_organisation_already_a_member(personas: Personas) -> None:
    Membership.objects.create(organisation=personas.org_a, tier=Tier.FULL)
    application = MembershipApplicationFactory(charity_number=personas.org_a.charity_number)
    with pytest.raises(ValidationError, match="already a member"):
        services.approve(application, Tier.FULL, personas.manager)
    assert not User.objects.filter(email=application.contact_email).exists()


@pytest.mark.parametrize("status", [ApplicationStatus.DRAFT, ApplicationStatus.APPROVED, ApplicationStatus.REJECTED])
def test_only_waiting_applications_are_decided(personas: Personas, status: str) -> None:
    application = MembershipApplicationFactory(status=status)
    for decide in (
        lambda: services.approve(application, Tier.FULL, personas.manager),
        lambda: services.reject(application, "No.", personas.manager),
        lambda: services.ask_for_more(application, "More.", personas.manager),
    ):
        with pytest.raises(ValidationError, match="only an application waiting"):
            decide()
    application.refresh_from_db()
    assert application.status == status


def test_reject_needs_a_reason_and_e_mails_it(personas: Personas) -> None:
    application = MembershipApplicationFactory()
    with pytest.raises(ValidationError, match="Give the reason"):
        services.reject(application, "  ", personas.manager)
    services.reject(application, "You do not work in Lancashire.", personas.manager)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decision_reason == "You do not work in Lancashire."
    assert application.decided_by == personas.manager
    assert "You do not work in Lancashire." in mail.outbox[0].body


def test_more_information_sends_the_private_link_and_the_applicant_resends(personas: Personas, client: Client) -> None:
    application = MembershipApplicationFactory(organisation_name="Lancaster Lunch Club")
    services.ask_for_more(application, "Send your safeguarding policy's date.", personas.manager)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFO
    link = f"/members/join/{application.token}/"
    assert link in mail.outbox[0].body
    assert "safeguarding policy" in mail.outbox[0].body
    page = client.get(link).content.decode()
    assert "The hub has asked for more information" in page
    assert "safeguarding policy" in page
    data = {
        "application": str(application.token),
        "organisation_name": "Lancaster Lunch Club",
        "legal_form": "cio",
        "address": "1 Dalton Square\nLancaster",
        "postcode": "LA1 1AA",
        "contact_name": "Priya Shah",
        "contact_email": application.contact_email,
        "services": "Lunches. Our policy was reviewed in May.",
        "categories": [str(pk) for pk in ServiceCategory.objects.values_list("pk", flat=True)[:1]],
        "areas": [str(pk) for pk in local_authorities().values_list("pk", flat=True)[:1]],
        "tier_requested": "full",
        "action": "send",
    }
    assert client.post(link, data).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert "reviewed in May" in application.services
    # The hub can decide it again.
    services.approve(application, Tier.FULL, personas.manager)


# -- the review page --------------------------------------------------------------------------
def test_the_page_flags_answers_that_are_not_the_expected_ones(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    lancashire = EligibilityQuestionFactory(text="Do you work in Lancashire?")
    policy = EligibilityQuestionFactory(text="Do you have a safeguarding policy?")
    application = MembershipApplicationFactory(answers={str(lancashire.pk): "Yes", str(policy.pk): "No"})
    page = client_for(personas.manager).get(application.get_absolute_url()).content.decode()
    assert page.count("Not the expected answer") == 1
    assert page.count("As expected") == 1
    assert "Approve the application" in page


def test_the_page_costs_a_fixed_number_of_queries(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    application = MembershipApplicationFactory()
    client.get(application.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(application.get_absolute_url())
    for index in range(5):
        EligibilityQuestionFactory(text=f"Question {index}")
    other = MembershipApplicationFactory(answers={"1": "Yes"})
    with CaptureQueriesContext(connection) as many:
        client.get(other.get_absolute_url())
    # session, user, 2 × permissions, the application, its categories, client groups and areas,
    # the questions, its memberships
    assert len(few) == len(many) == 10, [query["sql"] for query in many.captured_queries]


def test_the_manager_approves_from_the_page_and_the_member_is_invited(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    application = MembershipApplicationFactory(organisation_name="Preston Pantry")
    client = client_for(personas.manager)
    response = client.post(decide_url(application, "approve"), {"approve-tier": "associate"})
    assert response.status_code == 302
    membership = Membership.objects.get(organisation__name="Preston Pantry")
    assert membership.tier == Tier.ASSOCIATE
    recipients = [message.to[0] for message in mail.outbox]
    assert recipients.count(application.contact_email) == 2  # the invitation and the decision
    assert any("choose your password" in message.subject for message in mail.outbox)
    followed = client.get(application.get_absolute_url()).content.decode()
    assert "Approved" in followed
    assert "Approve the application" not in followed


def test_a_refused_approval_is_explained_on_the_page(personas: Personas, client_for: Callable[..., Client]) -> None:
    application = MembershipApplicationFactory(contact_email="user@beta.test")
    response = client_for(personas.manager).post(decide_url(application, "approve"), {"approve-tier": "full"})
    assert response.status_code == 409
    assert "user@beta.test already exists" in response.content.decode()


def test_a_reason_is_needed_to_turn_down(personas: Personas, client_for: Callable[..., Client]) -> None:
    application = MembershipApplicationFactory()
    response = client_for(personas.manager).post(decide_url(application, "reject"), {"reject-reason": ""})
    assert response.status_code == 422
    assert "Give the reason" in response.content.decode()
    response = client_for(personas.manager).post(decide_url(application, "more"), {"more-reason": "Your accounts."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFO


def test_who_may_decide(personas: Personas, client_for: Callable[..., Client]) -> None:
    application = MembershipApplicationFactory()
    for persona in (personas.nobody, personas.board, personas.auditor):
        assert client_for(persona).post(decide_url(application, "reject"), {"reject-reason": "No."}).status_code == 403
    assert client_for(personas.member_a).post(
        decide_url(application, "reject"), {"reject-reason": "No."}
    ).status_code in (403, 404)
    # A contracts officer may ask for more or turn down, but approving makes accounts: the hub manager's.
    officer = personas.contracts_officer
    officer_client = client_for(officer)
    assert "Approve the application" not in officer_client.get(application.get_absolute_url()).content.decode()
    assert officer_client.post(decide_url(application, "approve"), {"approve-tier": "full"}).status_code == 403
    assert officer_client.post(decide_url(application, "more"), {"more-reason": "Accounts."}).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFO
    assert not Membership.objects.exists()


def test_the_read_only_roles_see_the_page_without_the_decisions(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    application = MembershipApplicationFactory()
    page = client_for(personas.auditor).get(application.get_absolute_url())
    assert page.status_code == 200
    assert "Do not approve" not in page.content.decode()


def test_the_queue_shows_the_applications_waiting(personas: Personas, client_for: Callable[..., Client]) -> None:
    MembershipApplicationFactory(organisation_name="Waiting Group")
    MembershipApplicationFactory(organisation_name="Draft Group", status=ApplicationStatus.DRAFT)
    client = client_for(personas.manager)
    listing = client.get(reverse("members:membershipapplication_list")).content.decode()
    assert "?status=submitted" in listing
    assert 'href="/members/join/"' in listing
    waiting = client.get(reverse("members:membershipapplication_list"), {"status": "submitted"}).content.decode()
    assert "Waiting Group" in waiting
    assert "Draft Group" not in waiting
