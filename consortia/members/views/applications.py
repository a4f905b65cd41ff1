"""Membership applications: the hub's eligibility questions, its queue of applications and
their review page with the decisions, and the public application form (no sign-in) at
/members/join/ with each applicant's private link /members/join/<token>/."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.views import View

from consortia.core.models import RestrictedQuerySet
from consortia.core.ratelimit import posted_field, rate_limit
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordViews, detail_fields
from consortia.members.choices import ApplicationStatus
from consortia.members.filtersets import applications as filtersets
from consortia.members.forms import applications as forms
from consortia.members.models import EligibilityQuestion, MembershipApplication
from consortia.members.services import applications as services
from consortia.members.tables import applications as tables

MENU = ("Members", 20)


@register
class EligibilityQuestionViews(RecordViews):
    model = EligibilityQuestion
    table = tables.EligibilityQuestionTable
    filterset = filtersets.EligibilityQuestionFilterSet
    form = forms.EligibilityQuestionForm
    search_fields = ("text",)
    search_description = "kind"
    menu_group = MENU
    menu_order = 12


@register
class MembershipApplicationViews(RecordViews):
    model = MembershipApplication
    table = tables.MembershipApplicationTable
    filterset = filtersets.MembershipApplicationFilterSet
    form = forms.MembershipApplicationForm
    detail_fields = [
        "status",
        "tier_requested",
        "legal_form",
        "charity_number",
        "company_number",
        "address",
        "postcode",
        "website",
        "contact_name",
        "contact_job_title",
        "contact_email",
        "contact_phone",
        "services",
        "categories",
        "client_groups",
        "areas",
        "submitted_at",
        "decided_at",
        "decided_by",
        "decision_reason",
        "tier_granted",
        "organisation",
    ]
    search_fields = ("organisation_name", "contact_name", "contact_email")
    search_description = "status"
    menu_group = MENU
    menu_order = 10
    url_slug = "applications"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return MembershipApplication.objects.select_related("decided_by", "organisation")

    @classmethod
    def edit_blockers(cls, obj: Any) -> list[str]:
        if obj.status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED):
            return [f"The application has been decided ({obj.get_status_display().lower()}); it is kept as it was."]
        return []

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "membershipapplication_detail":
                pattern = path(str(pattern.pattern), ApplicationReviewView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        slug = cls.slug()
        return [
            *patterns,
            path(
                f"{slug}/<int:pk>/<slug:decision>/",
                ApplicationDecisionView.as_view(record=cls),
                name="membershipapplication_decide",
            ),
        ]


# -- the hub's review page --------------------------------------------------------------------
class ApplicationReviewView(ObjectDetailView):
    """The application with its answers against the questions (unexpected answers flagged) and
    the decisions: approve into a tier, ask for more information, or turn it down."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.get_object())

    def page(self, application: MembershipApplication, status: int = 200, **forms_given: Any) -> HttpResponse:
        user = self.request.user
        waiting = application.status in services.WAITING
        may_decide = waiting and user.has_perm("members.change_membershipapplication")
        may_approve = may_decide and services.may_approve(user)
        context = self.base_context() | {
            "object": application,
            "fields": detail_fields(application, self.record),
            "tab": "detail",
            "edit_blockers": self.record.edit_blockers(application) if self.record else [],
            "answers": services.answers_against_questions(application),
            "waiting": waiting,
            "may_decide": may_decide,
            "may_approve": may_approve,
            "approve_form": forms_given.get("approve")
            or forms.ApproveForm(initial={"tier": application.tier_requested}, prefix="approve"),
            "more_form": forms_given.get("more") or forms.ReasonForm(prefix="more"),
            "reject_form": forms_given.get("reject") or forms.ReasonForm(prefix="reject"),
            "memberships": list(application.memberships.select_related("organisation")),
        }
        return render(self.request, self.template("detail"), context, status=status)


class ApplicationDecisionView(ApplicationReviewView):
    """POST a decision: `approve`, `more` (ask for more information) or `reject`."""

    action = "change"

    def get(self, request: HttpRequest, pk: int, decision: str = "") -> HttpResponse:
        return HttpResponseRedirect(self.get_object("view").get_absolute_url())

    def post(self, request: HttpRequest, pk: int, decision: str) -> HttpResponse:
        application = self.get_object()
        if decision not in ("approve", "more", "reject"):
            raise Http404("No such decision.")
        if decision == "approve" and not services.may_approve(request.user):
            raise PermissionDenied("Only the hub manager may approve an application and make the member's account.")
        form: Any = (forms.ApproveForm if decision == "approve" else forms.ReasonForm)(request.POST, prefix=decision)
        if not form.is_valid():
            return self.page(application, status=422, **{decision: form})
        try:
            if decision == "approve":
                approval = services.approve(application, form.cleaned_data["tier"], request.user, request)
                note = (
                    f"an invitation to sign in went to {approval.user.email}"
                    if approval.invited
                    else f"the invitation to {approval.user.email} could not be sent: send it from their user page"
                )
                messages.success(
                    request,
                    f"Approved: {approval.organisation} is now a {approval.membership.get_tier_display().lower()}; "
                    f"{note}.",
                )
            elif decision == "more":
                services.ask_for_more(application, form.cleaned_data["reason"], request.user, request)
                messages.success(request, f"Asked {application.contact_email} for more information.")
            else:
                services.reject(application, form.cleaned_data["reason"], request.user, request)
                messages.success(request, f"The application is not approved; {application.contact_email} was told why.")
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.page(self.get_object("view"), status=409, **{decision: form})
        return HttpResponseRedirect(application.get_absolute_url())


# -- the public application form --------------------------------------------------------------
# Anyone may post it, and each post writes and e-mails: limited per address and per contact e-mail.
@method_decorator(
    rate_limit("application", "RATE_LIMIT_APPLICATION", identity=posted_field("contact_email")), name="post"
)
class PublicApplicationView(View):
    """The public application form: no sign-in; a draft is kept under a private link."""

    def get(self, request: HttpRequest, token: uuid.UUID | None = None) -> HttpResponse:
        if token is None:
            application = MembershipApplication(token=uuid.uuid4())
        else:
            application = self.application(token)
            if application.status not in services.EDITABLE:
                return self.sent_page(application)
        return self.form_page(application, forms.PublicApplicationForm(instance=application))

    def post(self, request: HttpRequest, token: uuid.UUID | None = None) -> HttpResponse:
        if token is None:
            # The form carries the token it was opened with, so a form sent twice finds the
            # application the first one made rather than making a second.
            given = self.given_token(request.POST.get("application", ""))
            application = MembershipApplication.objects.filter(token=given).first() or MembershipApplication(
                token=given
            )
        else:
            application = self.application(token)
        if application.pk and application.status not in services.EDITABLE:
            return self.sent_page(application, again=True)
        sending = request.POST.get("action") == "send"
        form = forms.PublicApplicationForm(request.POST, instance=application, sending=sending)
        if not form.is_valid():
            return self.form_page(application, form, status=422)
        try:
            with transaction.atomic():
                saved = form.save(commit=False)
                saved.answers = form.answers()
                if sending:
                    services.submit(saved, request)
                else:
                    services.save_draft(saved, request)
                form.save_m2m()
        except services.AlreadySent:
            return self.sent_page(self.application(application.token), again=True)
        except IntegrityError:
            # The same new form sent twice at once: the first one made the application.
            return self.sent_page(self.application(application.token), again=True)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_page(application, form, status=422)
        link = services.private_link(saved, request)
        if sending:
            messages.success(
                request,
                f"Thank you: your application has been sent. We have e-mailed a confirmation to {saved.contact_email}.",
            )
        else:
            messages.success(
                request,
                f"Your application is saved as a draft; it has not been sent. To come back to it, use your private "
                f"link {link} (we have e-mailed it to {saved.contact_email}).",
            )
        return HttpResponseRedirect(services.private_path(saved))

    @staticmethod
    def given_token(value: str) -> uuid.UUID:
        try:
            return uuid.UUID(value)
        except ValueError:
            return uuid.uuid4()

    @staticmethod
    def application(token: uuid.UUID) -> MembershipApplication:
        return get_object_or_404(MembershipApplication, token=token)

    def form_page(self, application: MembershipApplication, form: Any, status: int = 200) -> HttpResponse:
        context = {
            "application": application,
            "form": form,
            "action": (
                services.private_path(application)
                if application.pk and application.status in services.EDITABLE
                else reverse("members:join")
            ),
            "more_info": application.status == ApplicationStatus.MORE_INFO,
            "consortium": services.consortium_name(),
        }
        return render(self.request, "members/applications/join.html", context, status=status)

    def sent_page(self, application: MembershipApplication, again: bool = False) -> HttpResponse:
        context = {"application": application, "again": again, "consortium": services.consortium_name()}
        return render(self.request, "members/applications/sent.html", context)


urlpatterns: list[URLPattern] = [
    *EligibilityQuestionViews.urls(),
    *MembershipApplicationViews.urls(),
    path("join/", PublicApplicationView.as_view(), name="join"),
    path("join/<uuid:token>/", PublicApplicationView.as_view(), name="join_resume"),
]
