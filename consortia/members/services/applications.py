"""Membership applications: saving and sending them from the public form, and the hub's decisions.

An applicant has no account: their private link (`/members/join/<token>/`) brings them back to
a draft, or to an application the hub has asked more of. Every decision is taken from an
application that is waiting (sent, or sent back with more information asked for), records who
decided and when, and e-mails the contact. Approval puts the organisation in the directory
(matching one already there), makes its membership and its first member user, and invites them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from consortia.core.links import absolute_url
from consortia.directory.choices import OrganisationRoleCode
from consortia.directory.models import Organisation, OrganisationRole
from consortia.members.choices import ApplicationStatus, MembershipStatus, Tier
from consortia.members.models import EligibilityQuestion, Membership, MembershipApplication
from consortia.users.models import User
from consortia.users.roles import MEMBER
from consortia.users.services import invite_user

log = logging.getLogger(__name__)

WAITING = (ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO)
EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO)
ALREADY_SENT = "This application has already been sent."


class AlreadySent(Exception):
    """The application was sent already (a second click, a resent form)."""


# -- links and e-mails ------------------------------------------------------------------------
def private_path(application: MembershipApplication) -> str:
    return reverse("members:join_resume", args=[application.token])


def private_link(application: MembershipApplication, request: HttpRequest | None = None) -> str:
    """The applicant's private link, absolute: on the request's address, or else on `SITE_URL`."""
    return absolute_url(private_path(application), request)


def consortium_name() -> str:
    return str(getattr(settings, "CONSORTIUM_NAME", "") or settings.SITE_NAME)


def email_contact(application: MembershipApplication, kind: str, request: HttpRequest | None, **extra: Any) -> None:
    """E-mail the application's contact from the plain-text templates `members/applications/email_<kind>_*.txt`."""
    context = {
        "application": application,
        "link": private_link(application, request),
        "consortium": consortium_name(),
        **extra,
    }
    subject = render_to_string(f"members/applications/email_{kind}_subject.txt", context).strip()
    body = render_to_string(f"members/applications/email_{kind}.txt", context)
    send_mail(subject, body, None, [application.contact_email])


# -- the applicant's side ---------------------------------------------------------------------
def _locked(application: MembershipApplication) -> MembershipApplication:
    return MembershipApplication.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def save_draft(
    application: MembershipApplication, request: HttpRequest | None = None, *, notify: bool = True
) -> MembershipApplication:
    """Save the applicant's draft (new or not) and e-mail them the private link to come back.

    An application sent already is refused (`AlreadySent`); one the hub asked more of stays
    with the hub's request until it is sent again.
    """
    if application.pk:
        stored = _locked(application)
        if stored.status not in EDITABLE:
            raise AlreadySent(ALREADY_SENT)
        application.status = stored.status
    else:
        application.status = ApplicationStatus.DRAFT
    new = application.pk is None
    application.full_clean(exclude=["categories", "client_groups", "areas"])
    application.save()
    if notify and new:
        email_contact(application, "draft", request)
    return application


@transaction.atomic
def submit(application: MembershipApplication, request: HttpRequest | None = None) -> MembershipApplication:
    """Send the application to the hub: it is waiting for a decision; the contact is told.

    Sending one already sent raises `AlreadySent` (and changes nothing); answers missing for
    required questions are refused naming them.
    """
    if application.pk:
        stored = _locked(application)
        if stored.status not in EDITABLE:
            raise AlreadySent(ALREADY_SENT)
    missing = [
        question.text
        for question in EligibilityQuestion.objects.filter(active=True, required=True)
        if not str(application.answers.get(str(question.pk), "")).strip()
    ]
    if missing:
        raise ValidationError([f"Answer the question “{text}”." for text in missing])
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.full_clean(exclude=["categories", "client_groups", "areas"])
    application.save()
    email_contact(application, "sent", request)
    return application


# -- the hub's decisions ----------------------------------------------------------------------
def _check_waiting(application: MembershipApplication) -> None:
    if application.status not in WAITING:
        raise ValidationError(
            f"This application is “{application.get_status_display()}”: only an application waiting for a "
            "decision, or one the hub has asked more of, can be decided."
        )


def _decided(application: MembershipApplication, user: Any, status: str, reason: str = "") -> None:
    application.status = status
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.decided_by = user
    application.stamp(user)
    application.save()


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"decision_reason": f"Give the reason {what}: the applicant is told it."})
    return reason


def find_organisation(application: MembershipApplication) -> Organisation | None:
    """The directory's record of the applicant: by charity number, company number, or exact name and postcode."""
    organisations = Organisation.objects.all()
    if application.charity_number:
        found = organisations.filter(charity_number__iexact=application.charity_number).first()
        if found:
            return found
    if application.company_number:
        found = organisations.filter(company_number__iexact=application.company_number).first()
        if found:
            return found
    if application.postcode:
        return organisations.filter(
            name__iexact=application.organisation_name.strip(), postcode__iexact=application.postcode.strip()
        ).first()
    return None


def _directory_organisation(application: MembershipApplication, user: Any) -> Organisation:
    organisation = find_organisation(application)
    if organisation is None:
        lines = [line.strip() for line in application.address.splitlines() if line.strip()]
        organisation = Organisation(
            name=application.organisation_name.strip(),
            legal_form=application.legal_form,
            charity_number=application.charity_number,
            company_number=application.company_number,
            address_line_1=lines[0][:200] if lines else "",
            address_line_2=", ".join(lines[1:-1])[:200] if len(lines) > 2 else "",
            town=lines[-1][:100] if len(lines) > 1 else "",
            postcode=application.postcode,
            website=application.website,
            phone=application.contact_phone,
        )
        if len(application.areas.all()) == 1:
            organisation.area = application.areas.all()[0]
        organisation.stamp(user)
        organisation.full_clean(exclude=["roles"])
        organisation.save()
    role, _ = OrganisationRole.objects.get_or_create(
        code=OrganisationRoleCode.MEMBER, defaults={"name": OrganisationRoleCode.MEMBER.label}
    )
    organisation.roles.add(role)
    return organisation


def may_approve(user: Any) -> bool:
    """Approving makes a membership and a member organisation's user: the hub manager's to do."""
    return all(
        user.has_perm(name)
        for name in ("members.change_membershipapplication", "members.add_membership", "users.add_user")
    )


@dataclass
class Approval:
    application: MembershipApplication
    organisation: Organisation
    membership: Membership
    user: User
    invited: bool


@transaction.atomic
def approve(application: MembershipApplication, tier: str, user: Any, request: HttpRequest | None = None) -> Approval:
    """Approve: the directory organisation (found or made, with the role "member"), its active
    membership in `tier` from today, and its first member user, who is invited by e-mail.

    The invitation's link is built on the request's address, or on `SITE_URL` without one (a
    command); `Approval.invited` is False when it could not be sent, and the hub manager then
    sends it from the user's page. Refused, with nothing saved, when the application is not
    waiting, the organisation is a member already, or the contact's e-mail is already a user's.
    """
    application = _locked(application)
    _check_waiting(application)
    if tier not in Tier.values:
        raise ValidationError({"tier_granted": "Choose the tier of membership to grant."})
    email = application.contact_email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            f"A user with the e-mail address {email} already exists, so the member's first user cannot be made. "
            "Change the contact e-mail on the application, or link that user to the organisation yourself."
        )
    organisation = _directory_organisation(application, user)
    if Membership.objects.filter(organisation=organisation).exists():
        raise ValidationError(
            f"{organisation} is already a member of the consortium: change their membership rather than "
            "approving a new application."
        )
    membership = Membership(
        organisation=organisation,
        tier=tier,
        status=MembershipStatus.ACTIVE,
        joined_on=timezone.localdate(),
        application=application,
    )
    membership.stamp(user)
    membership.full_clean()
    membership.save()
    member_user = User.objects.create_user(
        email, None, full_name=application.contact_name.strip()[:200], organisation=organisation
    )
    member_user.groups.add(Group.objects.get(name=MEMBER))
    application.tier_granted = tier
    application.organisation = organisation
    _decided(application, user, ApplicationStatus.APPROVED)
    invited = invite_user(member_user, request, invited_by=user)
    email_contact(application, "approved", request, membership=membership, invited=invited)
    return Approval(application, organisation, membership, member_user, invited)


@transaction.atomic
def reject(
    application: MembershipApplication, reason: str, user: Any, request: HttpRequest | None = None
) -> MembershipApplication:
    """Turn the application down, telling the contact why."""
    application = _locked(application)
    _check_waiting(application)
    _decided(application, user, ApplicationStatus.REJECTED, _reason(reason, "for not approving it"))
    email_contact(application, "rejected", request)
    return application


@transaction.atomic
def ask_for_more(
    application: MembershipApplication, reason: str, user: Any, request: HttpRequest | None = None
) -> MembershipApplication:
    """Send the application back to the applicant, saying what more is needed; their private
    link lets them amend it and send it again."""
    application = _locked(application)
    _check_waiting(application)
    _decided(application, user, ApplicationStatus.MORE_INFO, _reason(reason, "saying what more is needed"))
    email_contact(application, "more_info", request)
    return application


def answers_against_questions(application: MembershipApplication) -> list[dict[str, Any]]:
    """Each question answered or active, with the answer and whether it is the one expected."""
    answers = application.answers or {}
    rows = []
    for question in EligibilityQuestion.objects.all():
        answer = str(answers.get(str(question.pk), "")).strip()
        if not question.active and not answer:
            continue
        expected = question.expected_answer.strip()
        rows.append(
            {
                "question": question,
                "answer": answer,
                "expected": expected,
                "unexpected": bool(expected and answer.casefold() != expected.casefold()),
            }
        )
    return rows
