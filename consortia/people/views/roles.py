"""Job roles and their person specifications: the record pages, the job-role page with the tasks
allocated to the role, drawing responsibilities from those tasks, agreeing a role, templates, and
the job description and person specification documents."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.services import record_version
from consortia.core.views.generic import ObjectDetailView, ObjectEditView, RecordView, RecordViews
from consortia.documents.choices import DocumentFormat
from consortia.documents.views import document_url_name, document_urls
from consortia.hub.models import TaskAllocation
from consortia.people.builders.roles import build_job_description, build_person_specification
from consortia.people.choices import Requirement, RoleStatus
from consortia.people.filtersets import roles as filtersets
from consortia.people.forms import roles as forms
from consortia.people.models import JobRole, PersonSpecCriterion, Vacancy
from consortia.people.services import roles as services
from consortia.people.tables import roles as tables

MENU = ("People", 30)
FORMATS = (DocumentFormat.DOCX, DocumentFormat.PDF)
DOCUMENTS = (("job_description", "Job description"), ("person_specification", "Person specification"))


@register
class JobRoleViews(RecordViews):
    model = JobRole
    table = tables.JobRoleTable
    filterset = filtersets.JobRoleFilterSet
    form = forms.JobRoleForm
    detail_fields = [
        "purpose",
        "reports_to",
        "reports_to_other",
        "hours_per_week",
        "fte",
        "contract_type",
        "salary_from",
        "salary_to",
        "day_rate",
        "location",
        "responsibilities",
        "status",
    ]
    search_fields = ("title", "purpose")
    search_description = "location"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return JobRole.objects.select_related("reports_to")

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        allocated = TaskAllocation.objects.filter(deliverer__job_role=obj).count()
        if allocated:
            return [
                f"{allocated} hub task allocation{'s' if allocated != 1 else ''} name{'' if allocated != 1 else 's'} "
                "this role; deleting the role would delete them too. Allocate those tasks to another deliverer first."
            ]
        return []


@register
class PersonSpecCriterionViews(RecordViews):
    model = PersonSpecCriterion
    table = tables.PersonSpecCriterionTable
    filterset = filtersets.PersonSpecCriterionFilterSet
    form = forms.PersonSpecCriterionForm
    detail_fields = ["job_role", "category", "requirement", "at_application", "at_test", "at_interview", "order"]
    search_fields = ("text",)
    search_description = "job_role"
    menu_group = None  # reached from the record it belongs to, not the menu
    menu_order = 15

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return PersonSpecCriterion.objects.select_related("job_role")

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        role = obj.job_role
        if role.status == RoleStatus.AGREED and obj.requirement == Requirement.ESSENTIAL:
            others = role.criteria.filter(requirement=Requirement.ESSENTIAL).exclude(pk=obj.pk)
            if not others.exists():
                return [
                    f"This is the only essential criterion of {role}, which is agreed. An agreed role needs at "
                    "least one: add another essential criterion first, or set the role back to draft."
                ]
        return []


class DetailWithContext(ObjectDetailView):
    """The generic detail page with more on it: subclasses give `extra_context(obj)`."""

    _object: Any = None

    def get_object(self, action: str | None = None) -> Any:
        if self._object is None:
            self._object = super().get_object(action)
        return self._object

    def base_context(self) -> dict[str, Any]:
        return super().base_context() | self.extra_context(self.get_object())

    def extra_context(self, obj: Any) -> dict[str, Any]:
        return {}


class JobRoleDetailView(DetailWithContext):
    """The job description and person specification as one page, with the tasks behind them."""

    def extra_context(self, job_role: JobRole) -> dict[str, Any]:
        user = self.request.user
        return {
            "facts": services.job_facts(job_role),
            "responsibility_groups": services.responsibility_groups(job_role.responsibilities),
            "criteria_groups": services.criteria_groups(job_role.criteria.all()),
            "allocations": list(services.allocations_for(job_role, user).select_related("deliverer")),
            "can_see_allocations": user.has_perm("hub.view_taskallocation"),
            "vacancies": list(Vacancy.objects.restrict(user, "view").filter(job_role=job_role)),
            "can_add_criterion": user.has_perm("people.add_personspeccriterion"),
            "documents": [
                (label, reverse(document_url_name(JobRole, kind), args=[job_role.pk]))
                for kind, label in DOCUMENTS
                if user.has_perm("documents.add_generateddocument")
            ],
        }


class JobRoleEditView(ObjectEditView):
    """The add page offers the templates of the usual hub roles before the blank form."""

    def base_context(self) -> dict[str, Any]:
        context = super().base_context()
        if "pk" not in self.kwargs:
            context["template_form"] = forms.TemplateChoiceForm()
        return context


class FromTemplateView(RecordView):
    """Start a draft job role, with its person specification, from a template."""

    record = JobRoleViews
    action = "add"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(forms.TemplateChoiceForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = forms.TemplateChoiceForm(request.POST)
        if not form.is_valid():
            return self.page(form, status=422)
        job_role = services.create_from_template(form.cleaned_data["template"], request.user)
        messages.success(
            request,
            f"Created the draft job role “{job_role}” from the template, with its person specification. "
            "Check each part and change it to fit your hub.",
        )
        return HttpResponseRedirect(job_role.get_absolute_url())

    def page(self, form: forms.TemplateChoiceForm, status: int = 200) -> HttpResponse:
        from consortia.people.role_templates import TEMPLATES

        context = self.base_context() | {"form": form, "templates": TEMPLATES, "crumb": "Start from a template"}
        return render(self.request, "people/roles/from_template.html", context, status=status)


class DraftResponsibilitiesView(RecordView):
    """Draw the role's responsibilities from the tasks allocated to it, once the user has confirmed."""

    record = JobRoleViews
    action = "change"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job_role = self.get_object()
        allocations = list(services.allocations_for(job_role, request.user))
        proposed = services.responsibilities_from_tasks(allocations)
        context = self.base_context() | {
            "object": job_role,
            "crumb": "Draw responsibilities",
            "proposed": services.responsibility_groups(proposed),
            "current": services.responsibility_groups(job_role.responsibilities),
            "task_count": len(allocations),
            "version": record_version(job_role),
        }
        return render(request, "people/roles/draft_responsibilities.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        job_role = self.get_object()
        if request.POST.get("confirm") != "yes":
            messages.info(request, "Nothing changed: the responsibilities were not replaced.")
            return HttpResponseRedirect(job_role.get_absolute_url())
        if request.POST.get("_version") != record_version(job_role):
            messages.error(
                request,
                "Someone changed this job role after you opened the page, so nothing was replaced. "
                "Look at the proposed responsibilities again.",
            )
            return HttpResponseRedirect(reverse("people:jobrole_draft_responsibilities", args=[pk]))
        try:
            services.draft_responsibilities(job_role, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                "Replaced the responsibilities with those drawn from the tasks allocated to this role. "
                "The previous text is kept in the history.",
            )
        return HttpResponseRedirect(job_role.get_absolute_url())


class AgreeJobRoleView(RecordView):
    """Mark a job role as agreed; refused with the reason while it has no essential criterion."""

    record = JobRoleViews
    action = "change"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        job_role = self.get_object()
        try:
            services.agree_job_role(job_role, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"“{job_role}” is agreed.")
        return HttpResponseRedirect(job_role.get_absolute_url())


def _with(patterns: list[URLPattern], **views: Any) -> list[URLPattern]:
    """The generic routes with some views replaced by ours (same path, same name)."""
    replaced = []
    for pattern in patterns:
        view = views.get(str(pattern.name))
        replaced.append(path(str(pattern.pattern), view, name=str(pattern.name)) if view else pattern)
    return replaced


urlpatterns: list[URLPattern] = [
    path("job-roles/from-template/", FromTemplateView.as_view(), name="jobrole_from_template"),
    path(
        "job-roles/<int:pk>/draw-responsibilities/",
        DraftResponsibilitiesView.as_view(),
        name="jobrole_draft_responsibilities",
    ),
    path("job-roles/<int:pk>/agree/", AgreeJobRoleView.as_view(), name="jobrole_agree"),
    *_with(
        JobRoleViews.urls(),
        jobrole_detail=JobRoleDetailView.as_view(record=JobRoleViews),
        jobrole_add=JobRoleEditView.as_view(record=JobRoleViews),
        jobrole_edit=JobRoleEditView.as_view(record=JobRoleViews),
    ),
    *document_urls(JobRoleViews, "job_description", build_job_description, FORMATS),
    *document_urls(JobRoleViews, "person_specification", build_person_specification, FORMATS),
    *PersonSpecCriterionViews.urls(),
]
