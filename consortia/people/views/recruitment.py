"""Recruitment pages: vacancies, applications and assessments; the shortlisting and interview
score sheets; the decision, offer and appointment; the applicants' documents (downloaded only
through a permission-checked view); and the equal-opportunities returns, shown only as totals."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, path, reverse

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.uploads import private_file_response
from consortia.core.views.generic import RecordView, RecordViews
from consortia.people.choices import ApplicationStage, AssessmentStage
from consortia.people.filtersets import recruitment as filtersets
from consortia.people.forms import recruitment as forms
from consortia.people.models import Application, Assessment, PersonSpecCriterion, Vacancy
from consortia.people.services import recruitment as services
from consortia.people.tables import recruitment as tables
from consortia.people.views.roles import MENU, DetailWithContext, _with

SCORE_CHOICES = (("", "Not scored"), ("0", "0: not met"), ("1", "1: partly met"), ("2", "2: met"), ("3", "3: exceeded"))
FILES = {"cv": ("cv", "CV"), "supporting-statement": ("supporting_statement", "Supporting statement")}


@register
class VacancyViews(RecordViews):
    model = Vacancy
    table = tables.VacancyTable
    filterset = filtersets.VacancyFilterSet
    form = forms.VacancyForm
    detail_fields = [
        "job_role",
        "status",
        "opens_on",
        "closing_date",
        "shortlisting_date",
        "interview_dates",
        "panel",
        "retention_months",
    ]
    search_fields = ("reference",)
    search_description = "job_role"
    menu_group = MENU
    menu_order = 20

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Vacancy.objects.select_related("job_role").annotate(application_count=Count("applications"))


@register
class ApplicationViews(RecordViews):
    model = Application
    table = tables.ApplicationTable
    filterset = filtersets.ApplicationFilterSet
    form = forms.ApplicationForm
    detail_fields = [
        "vacancy",
        "email",
        "phone",
        "received_on",
        "stage",
        "decision_notes",
        "offered_on",
        "offer_accepted_on",
        "personal_data_deleted_on",
    ]
    search_fields = ("first_name", "last_name", "email")
    search_description = "vacancy"
    menu_group = MENU
    menu_order = 22

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Application.objects.select_related("vacancy__job_role")


@register
class AssessmentViews(RecordViews):
    model = Assessment
    table = tables.AssessmentTable
    filterset = filtersets.AssessmentFilterSet
    form = forms.AssessmentForm
    menu_group = None  # reached from the record it belongs to, not the menu
    menu_order = 24

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Assessment.objects.select_related("application", "criterion", "panel_member")


class NeedsPermissions(RecordView):
    """A recruitment page that reads more than its own record type: every permission it reads is needed."""

    also_needs: tuple[str, ...] = ()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not all(request.user.has_perm(p) for p in self.also_needs):
            raise PermissionDenied("You do not have permission to see this page.")
        return super().dispatch(request, *args, **kwargs)


class VacancyDetailView(DetailWithContext):
    def extra_context(self, vacancy: Vacancy) -> dict[str, Any]:
        user = self.request.user
        applications = Application.objects.restrict(user, "view").filter(vacancy=vacancy)
        return {
            "applications": list(applications.order_by("last_name", "first_name", "pk")),
            # Applications are added while the vacancy is being recruited to, not once it is filled.
            "can_add_application": user.has_perm("people.add_application") and vacancy.status not in services.CLOSED,
            "can_see_scores": user.has_perm("people.view_application") and user.has_perm("people.view_assessment"),
            "can_see_returns": user.has_perm("people.view_equalopportunitiesreturn"),
        }


class ApplicationDetailView(DetailWithContext):
    """The applicant, their documents, their scores and, for the hub manager, the decision."""

    def extra_context(self, application: Application) -> dict[str, Any]:
        user = self.request.user
        vacancy = application.vacancy
        panel = list(vacancy.panel.all())
        criteria = list(PersonSpecCriterion.objects.filter(job_role_id=vacancy.job_role_id))
        assessments = list(
            Assessment.objects.restrict(user, "view").filter(application=application).select_related("panel_member")
        )
        sheets = [
            (label, services.score_sheet(vacancy, stage, [application], assessments, _at(criteria, stage), panel))
            for stage, label in AssessmentStage.choices
            if any(row.stage == stage for row in assessments)
        ]
        deciding = user.has_perm("people.change_application") and services.manages_recruitment(user)
        offered = application.stage == ApplicationStage.OFFERED
        return {
            "files": [
                (label, reverse("people:application_file", args=[application.pk, slug]))
                for slug, (name, label) in FILES.items()
                if getattr(application, name)
            ],
            "sheets": sheets,
            "staff": _staff(application),
            "offer_form": forms.OfferForm() if deciding and _can_offer(application) else None,
            "answer_form": forms.AnswerForm() if deciding and offered and not application.offer_accepted_on else None,
            "appoint_form": forms.AppointForm(user=user)
            if deciding and offered and application.offer_accepted_on and user.has_perm("people.add_staffmember")
            else None,
        }


def _at(criteria: list[PersonSpecCriterion], stage: str) -> list[PersonSpecCriterion]:
    if stage == AssessmentStage.SHORTLISTING:
        return [criterion for criterion in criteria if criterion.at_application]
    return [criterion for criterion in criteria if criterion.at_interview or criterion.at_test]


def _can_offer(application: Application) -> bool:
    return application.stage in (ApplicationStage.SHORTLISTED, ApplicationStage.INTERVIEWED) and (
        application.vacancy.status not in services.CLOSED
    )


def _staff(application: Application) -> tuple[str, str | None] | None:
    staff = getattr(application, "appointment", None)
    if staff is None:
        return None
    try:
        return str(staff), staff.get_absolute_url()
    except NoReverseMatch:  # the staff pages are not installed
        return str(staff), None


class ApplicationFileView(RecordView):
    """An applicant's CV or supporting statement, for those who may view the application: never a
    public media address."""

    record = ApplicationViews

    def get(self, request: HttpRequest, pk: int, kind: str) -> FileResponse:
        if kind not in FILES:
            raise Http404("No such document.")
        application = self.get_object()
        name, label = FILES[kind]
        stored = getattr(application, name)
        return private_file_response(stored, f"{label} - {application}")


class DecisionView(NeedsPermissions):
    """The hub manager's decision: the offer, the applicant's answer, and the appointment."""

    record = ApplicationViews
    action = "change"
    also_needs = ("people.change_vacancy",)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_object()
        step = request.POST.get("step")
        try:
            if step == "offer":
                form: Any = forms.OfferForm(request.POST)
                if form.is_valid():
                    services.make_offer(application, form.cleaned_data["offered_on"], request.user)
                    messages.success(request, f"Recorded the offer to {application}.")
            elif step == "answer":
                form = forms.AnswerForm(request.POST)
                if form.is_valid():
                    on = form.cleaned_data["answered_on"]
                    if form.cleaned_data["answer"] == "accepted":
                        services.record_acceptance(application, on, request.user)
                        messages.success(request, f"{application} accepted the offer. You can now appoint them.")
                    else:
                        services.record_declined(application, on, request.user)
                        messages.success(request, f"{application} declined the offer; the vacancy stays open.")
            elif step == "appoint":
                if not request.user.has_perm("people.add_staffmember"):
                    raise PermissionDenied("You do not have permission to add staff members.")
                form = forms.AppointForm(request.POST, user=request.user)
                if form.is_valid():
                    data = form.cleaned_data
                    staff = services.appoint(
                        application,
                        data["employer"],
                        data["start_date"],
                        data["cost_rate"],
                        data["fte"],
                        request.user,
                        login=data["login"],
                    )
                    messages.success(request, f"Appointed {staff}; the other applicants are marked unsuccessful.")
            else:
                raise Http404("No such step.")
        except ValidationError as error:
            messages.error(request, "Nothing was saved. " + " ".join(error.messages))
            return HttpResponseRedirect(application.get_absolute_url())
        if not form.is_valid():
            problems = "; ".join(
                f"{form.fields[name].label if name in form.fields else 'The form'}: {' '.join(errors)}"
                for name, errors in form.errors.items()
            )
            messages.error(request, f"Nothing was saved. {problems}")
        return HttpResponseRedirect(application.get_absolute_url())


class ScoringView(NeedsPermissions):
    """One stage's score sheet for a vacancy: each scorer's totals per applicant, the average and the
    essential criteria not met; the grid in which a panel member scores every applicant against
    every criterion assessed at this stage; and, at shortlisting, the hub manager's shortlist."""

    record = VacancyViews
    also_needs = ("people.view_application", "people.view_assessment")
    stage = AssessmentStage.SHORTLISTING

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        vacancy = self.get_object()
        return self.page(vacancy, self.chosen_scorer(vacancy, request.GET.get("panel_member")))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        vacancy = self.get_object()
        user = request.user
        panel = list(vacancy.panel.all())
        if request.POST.get("_action") == "decisions":
            if not (self.stage == AssessmentStage.SHORTLISTING and self.can_decide(user)):
                raise PermissionDenied("Only the hub manager decides the shortlist.")
            decisions = {
                key.removeprefix("decision-"): request.POST.get(key, "")
                for key in request.POST
                if key.startswith("decision-")
            }
            try:
                changed = services.record_shortlisting(vacancy, decisions, user)
            except ValidationError as error:
                messages.error(request, "Nothing was saved. " + " ".join(error.messages))
                return self.page(vacancy, user, status=422)
            messages.success(request, f"Saved the shortlist ({changed} change{'s' if changed != 1 else ''}).")
            return HttpResponseRedirect(request.path)

        if not services.may_score(vacancy, user):
            raise PermissionDenied(
                f"Only the panel for {vacancy.reference} or the hub manager may score its applicants."
            )
        scorer = self.chosen_scorer(vacancy, request.POST.get("panel_member"), panel)
        typed: dict[tuple[int, int], str] = {}
        for key in request.POST:
            parts = key.split("-")
            if len(parts) == 3 and parts[0] == "score" and parts[1].isdigit() and parts[2].isdigit():
                typed[(int(parts[1]), int(parts[2]))] = request.POST.get(key, "")
        try:
            changed = services.record_assessments(vacancy, scorer, self.stage, typed, user=user)
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
            return self.page(vacancy, scorer, typed=typed, status=422)
        messages.success(
            request, f"Saved {scorer}'s scores ({changed} change{'s' if changed != 1 else ''}). Nothing else changed."
        )
        query = f"?panel_member={scorer.pk}" if scorer != user else ""
        return HttpResponseRedirect(request.path + query)

    def can_decide(self, user: Any) -> bool:
        return bool(user.has_perm("people.change_application") and services.manages_recruitment(user))

    def chosen_scorer(self, vacancy: Vacancy, wanted: str | None, panel: list[Any] | None = None) -> Any:
        """The hub manager may enter a panel member's scores; everyone else enters their own."""
        user = self.request.user
        if wanted and wanted.isdigit() and int(wanted) != user.pk and services.manages_recruitment(user):
            panel = list(vacancy.panel.all()) if panel is None else panel
            for member in panel:
                if member.pk == int(wanted):
                    return member
        return user

    def page(
        self, vacancy: Vacancy, scorer: Any, *, typed: dict[tuple[int, int], str] | None = None, status: int = 200
    ) -> HttpResponse:
        user = self.request.user
        panel = list(vacancy.panel.all())
        criteria = list(services.criteria_for(vacancy, self.stage))
        applications = list(
            services.applications_for(vacancy, self.stage, Application.objects.restrict(user, "view")).order_by(
                "last_name", "first_name", "pk"
            )
        )
        assessments = list(
            Assessment.objects.restrict(user, "view")
            .filter(application__vacancy=vacancy, stage=self.stage)
            .select_related("panel_member")
        )
        sheet = services.score_sheet(vacancy, self.stage, applications, assessments, criteria, panel, scorer)
        can_score = (
            vacancy.status not in services.CLOSED
            and user.has_perm("people.add_assessment")
            and user.has_perm("people.change_assessment")
            and (services.manages_recruitment(user) or any(member.pk == user.pk for member in panel))
        )
        typed = typed or {}
        grid = [
            (
                row.application,
                [
                    (
                        criterion,
                        f"score-{row.application.pk}-{criterion.pk}",
                        typed.get((row.application.pk, criterion.pk), str(row.mine.get(criterion.pk, ""))),
                    )
                    for criterion in criteria
                ],
            )
            for row in sheet.rows
            if not row.application.personal_data_deleted_on
        ]
        context = self.base_context() | {
            "object": vacancy,
            "crumb": "Shortlisting" if self.stage == AssessmentStage.SHORTLISTING else "Interviews",
            "stage": self.stage,
            "stage_label": AssessmentStage(self.stage).label,
            "sheet": sheet,
            "grid": grid if can_score else None,
            "score_choices": SCORE_CHOICES,
            "scorer": scorer,
            "scorers": [user, *[member for member in panel if member.pk != user.pk]]
            if services.manages_recruitment(user)
            else [],
            "can_decide": self.stage == AssessmentStage.SHORTLISTING
            and self.can_decide(user)
            and vacancy.status not in services.CLOSED,
            "decisions": (
                ("", "Not decided"),
                (ApplicationStage.SHORTLISTED, "Shortlisted"),
                (ApplicationStage.NOT_SHORTLISTED, "Not shortlisted"),
            ),
            "closed": vacancy.status in services.CLOSED,
            "shortlisting_stages": list(services.SHORTLISTING_STAGES),
        }
        return render(self.request, "people/recruitment/scoring.html", context, status=status)


class InterviewScoringView(ScoringView):
    stage = AssessmentStage.INTERVIEW


class EqualOpportunitiesView(NeedsPermissions):
    """Enter a vacancy's equal-opportunities returns and read them only as totals per category."""

    record = VacancyViews
    also_needs = ("people.view_equalopportunitiesreturn",)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.get_object(), forms.EqualOpportunitiesForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("people.add_equalopportunitiesreturn"):
            raise PermissionDenied("You do not have permission to enter equal-opportunities returns.")
        vacancy = self.get_object()
        form = forms.EqualOpportunitiesForm(request.POST)
        if not form.is_valid():
            return self.page(vacancy, form, status=422)
        services.record_equal_opportunities(vacancy, form.cleaned_data)
        messages.success(request, "Recorded the return. Returns are only ever reported as totals.")
        return HttpResponseRedirect(request.path)

    def page(self, vacancy: Vacancy, form: forms.EqualOpportunitiesForm, status: int = 200) -> HttpResponse:
        context = self.base_context() | {
            "object": vacancy,
            "crumb": "Equal opportunities",
            "summary": services.equal_opportunities_summary(vacancy),
            "form": form if self.request.user.has_perm("people.add_equalopportunitiesreturn") else None,
            "small": services.SMALL,
        }
        return render(self.request, "people/recruitment/equal_opportunities.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("vacancies/<int:pk>/shortlisting/", ScoringView.as_view(), name="vacancy_shortlisting"),
    path("vacancies/<int:pk>/interviews/", InterviewScoringView.as_view(), name="vacancy_interviews"),
    path(
        "vacancies/<int:pk>/equal-opportunities/", EqualOpportunitiesView.as_view(), name="vacancy_equal_opportunities"
    ),
    path("applications/<int:pk>/documents/<slug:kind>/", ApplicationFileView.as_view(), name="application_file"),
    path("applications/<int:pk>/decision/", DecisionView.as_view(), name="application_decision"),
    *_with(VacancyViews.urls(), vacancy_detail=VacancyDetailView.as_view(record=VacancyViews)),
    *_with(
        ApplicationViews.urls(),
        application_detail=ApplicationDetailView.as_view(record=ApplicationViews),
    ),
    *AssessmentViews.urls(),
]
