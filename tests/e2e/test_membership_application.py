"""A visitor applies to join through the public form; the hub manager approves it from the review page."""

from __future__ import annotations

from collections.abc import Callable

from django.core import mail
from playwright.sync_api import Browser, Page, expect

from consortia.directory.models import Area
from consortia.members.choices import ApplicationStatus, Tier
from consortia.members.models import Membership, MembershipApplication
from consortia.members.tests.applications.factories import EligibilityQuestionFactory
from consortia.users.models import User
from consortia.users.testing import Personas


def test_a_visitor_applies_and_the_manager_approves(
    browser: Browser, site: str, signed_in: Callable[[User], Page], personas: Personas
) -> None:
    EligibilityQuestionFactory(text="Do you work in Lancashire?", order=1)
    EligibilityQuestionFactory(text="Do you have a safeguarding policy?", order=2)
    area = Area.objects.filter(kind="district").order_by("name").first()
    assert area is not None

    visitor_context = browser.new_context(base_url=site, locale="en-GB", timezone_id="Europe/London")
    visitor = visitor_context.new_page()
    try:
        visitor.goto("/members/join/")
        expect(visitor.get_by_role("heading", level=1)).to_contain_text("Apply to join")
        expect(visitor.get_by_role("button", name="Sign out")).to_have_count(0)
        visitor.get_by_role("button", name="Send the application").click()
        expect(visitor.locator("#error-summary")).to_contain_text("Organisation name: This field is required.")

        visitor.get_by_label("Organisation name").fill("Hyndburn Home-Start")
        visitor.get_by_label("Legal form").select_option("cio")
        visitor.get_by_label("Charity number").fill("1187654")
        visitor.get_by_label("Address", exact=True).fill("2 Blackburn Road\nAccrington")
        visitor.get_by_label("Postcode").fill("bb5 1aa")
        visitor.get_by_label("Contact name").fill("Grace Okafor")
        visitor.get_by_label("Contact e-mail address").fill("grace@homestart.example")
        visitor.get_by_label("Services you deliver").fill("Volunteers supporting families with young children.")
        visitor.get_by_role("group", name="Kinds of service you deliver").get_by_role("checkbox").first.check()
        visitor.get_by_label("Local authority areas you work in").select_option(str(area.pk))
        visitor.get_by_role("group", name="Do you work in Lancashire?").get_by_label("Yes").check()
        visitor.get_by_role("group", name="Do you have a safeguarding policy?").get_by_label("No").check()
        visitor.get_by_label("Tier of membership you are applying for").select_option("associate")
        visitor.get_by_role("button", name="Send the application").click()
        expect(visitor.get_by_role("status").filter(has_text="your application has been sent")).to_be_visible()
        expect(visitor.locator("#application-status")).to_have_text("Waiting for a decision")
    finally:
        visitor_context.close()

    application = MembershipApplication.objects.get(organisation_name="Hyndburn Home-Start")
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.tier_requested == Tier.ASSOCIATE

    page = signed_in(personas.manager)
    page.goto("/members/applications/?status=submitted")
    page.get_by_role("link", name="Hyndburn Home-Start (application)").click()
    answers = page.locator("#answers")
    expect(answers.get_by_role("row", name="Do you have a safeguarding policy?")).to_contain_text(
        "Not the expected answer"
    )
    expect(answers.get_by_role("row", name="Do you work in Lancashire?")).to_contain_text("As expected")
    page.get_by_label("Tier to grant").select_option("associate")
    page.get_by_role("button", name="Approve the application").click()
    expect(page.get_by_role("status").filter(has_text="Approved: Hyndburn Home-Start")).to_be_visible()

    membership = Membership.objects.get(organisation__name="Hyndburn Home-Start")
    assert membership.tier == Tier.ASSOCIATE
    assert membership.organisation.charity_number == "1187654"
    user = User.objects.get(email="grace@homestart.example")
    assert user.organisation == membership.organisation
    subjects = {message.subject: message.to for message in mail.outbox}
    invitation = next(subject for subject in subjects if "choose your password" in subject)
    assert subjects[invitation] == ["grace@homestart.example"]
    assert any("is approved" in subject for subject in subjects)
