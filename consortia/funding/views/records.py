"""Prospects, applications (with their status moves), payments due and reports due to funders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordViews, detail_fields
from consortia.funding import filtersets, forms, tables
from consortia.funding.choices import WITH_AWARD
from consortia.funding.models import Application, FundingPayment, Prospect, ReportingRequirement
from consortia.funding.services.applications import move_application, next_statuses

MENU = ("Funding", 47)


@register
class ProspectViews(RecordViews):
    model = Prospect
    table = tables.ProspectTable
    filterset = filtersets.ProspectFilterSet
    form = forms.ProspectForm
    detail_fields = [
        "funder",
        "programme",
        "kind",
        "status",
        "amount_min",
        "amount_max",
        "deadline",
        "eligibility",
        "fit",
        "fit_note",
        "source_url",
        "source_grant",
        "notes",
    ]
    search_fields = ("programme", "funder__name")
    search_description = "eligibility"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Prospect.objects.select_related("funder", "source_grant")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return [
            path(str(p.pattern), ProspectDetailView.as_view(record=cls), name=p.name)
            if p.name == "prospect_detail"
            else p
            for p in super().urls()
        ]


class ProspectDetailView(ObjectDetailView):
    """The prospect and the applications made to it."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        prospect = self.get_object()
        context = self.base_context() | {
            "object": prospect,
            "fields": detail_fields(prospect, self.record),
            "tab": "detail",
            "applications": list(
                Application.objects.restrict(request.user, "view").filter(prospect=prospect).order_by("-created")
            ),
            "can_add_application": request.user.has_perm("funding.add_application"),
        }
        return render(request, "funding/prospect_detail.html", context)


@register
class ApplicationViews(RecordViews):
    model = Application
    table = tables.ApplicationTable
    filterset = filtersets.ApplicationFilterSet
    form = forms.ApplicationForm
    detail_fields = [
        "prospect",
        "title",
        "status",
        "ask_amount",
        "award_amount",
        "submitted_on",
        "decision_date",
        "withdrawn_on",
        "completed_on",
        "money_kind",
        "conditions",
        "clawback_terms",
        "notes",
    ]
    search_fields = ("title", "prospect__programme", "prospect__funder__name")
    search_description = "status"
    menu_group = MENU
    menu_order = 20

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Application.objects.select_related("prospect__funder")

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        if obj.status in WITH_AWARD:
            return ["An awarded application is the record of the award: withdraw it instead of deleting it."]
        return []

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = [
            path(str(p.pattern), ApplicationDetailView.as_view(record=cls), name=p.name)
            if p.name == "application_detail"
            else p
            for p in super().urls()
        ]
        return [
            *patterns,
            path(f"{cls.slug()}/<int:pk>/move/", MoveView.as_view(record=cls), name="application_move"),
        ]


class ApplicationDetailView(ObjectDetailView):
    """The application, its status moves, its payments and the reports the funder requires."""

    def context(self, application: Application, form: forms.MoveForm | None = None) -> dict[str, Any]:
        user = self.request.user
        allowed = next_statuses(application)
        return self.base_context() | {
            "object": application,
            "fields": detail_fields(application, self.record),
            "tab": "detail",
            "payments": list(FundingPayment.objects.restrict(user, "view").filter(application=application)),
            "reports": list(ReportingRequirement.objects.restrict(user, "view").filter(application=application)),
            "move_form": form or forms.MoveForm(allowed=allowed),
            "can_move": bool(allowed) and user.has_perm("funding.change_application"),
            "has_award": application.status in WITH_AWARD,
            "can_add_payment": user.has_perm("funding.add_fundingpayment"),
            "can_add_report": user.has_perm("funding.add_reportingrequirement"),
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, "funding/application_detail.html", self.context(self.get_object()))


class MoveView(ApplicationDetailView):
    """Move the application on (submitted, awarded, declined, withdrawn, completed) through the service."""

    action = "change"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_object()
        form = forms.MoveForm(request.POST, allowed=next_statuses(application))
        if form.is_valid():
            data = form.cleaned_data
            try:
                moved = move_application(
                    application,
                    request.user,
                    data["status"],
                    data["on"],
                    award_amount=data["award_amount"],
                    conditions=data["conditions"] or None,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, f"“{moved}” is now {moved.get_status_display().lower()}.")
                return HttpResponseRedirect(moved.get_absolute_url())
        return render(request, "funding/application_detail.html", self.context(application, form), status=422)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(self.get_object().get_absolute_url())


@register
class FundingPaymentViews(RecordViews):
    model = FundingPayment
    table = tables.FundingPaymentTable
    filterset = filtersets.FundingPaymentFilterSet
    form = forms.FundingPaymentForm
    search_fields = ("application__title", "application__prospect__funder__name")
    menu_group = MENU
    menu_order = 30
    url_slug = "payments"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return FundingPayment.objects.select_related("application__prospect__funder")


@register
class ReportingRequirementViews(RecordViews):
    model = ReportingRequirement
    table = tables.ReportingRequirementTable
    filterset = filtersets.ReportingRequirementFilterSet
    form = forms.ReportingRequirementForm
    search_fields = ("title", "application__title")
    menu_group = MENU
    menu_order = 40
    url_slug = "reports"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ReportingRequirement.objects.select_related("application__prospect__funder")


urlpatterns: list[URLPattern] = [
    *ProspectViews.urls(),
    *ApplicationViews.urls(),
    *FundingPaymentViews.urls(),
    *ReportingRequirementViews.urls(),
]
