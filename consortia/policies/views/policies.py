"""The policy library: areas, policies, their versions (approval, the files) and members'
acknowledgements, and the report of who has not acknowledged the current versions."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.text import slugify

from consortia.core.exports import export_response
from consortia.core.forms import style_widgets
from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.search import text_query
from consortia.core.services import save_form
from consortia.core.uploads import private_file_response
from consortia.core.views.generic import ObjectDetailView, RecordView, RecordViews, detail_fields
from consortia.core.views.hub import HubPageView
from consortia.policies import filtersets
from consortia.policies import forms as policy_forms
from consortia.policies import tables as policy_tables
from consortia.policies.choices import VersionStatus
from consortia.policies.models import Acknowledgement, Policy, PolicyArea, PolicyVersion
from consortia.policies.services import policies as services

MENU = ("Policies and risks", 50)


@register
class PolicyViews(RecordViews):
    model = Policy
    table = policy_tables.PolicyTable
    filterset = filtersets.PolicyFilterSet
    form = policy_forms.PolicyForm
    detail_fields = [
        "title",
        "kind",
        "area",
        "owner",
        "active",
        "current_version",
        "review_period_months",
        "next_review_on",
        "acknowledgement_required",
        "audience",
        "members",
        "notes",
    ]
    search_fields = ("title", "area__name")
    menu_group = MENU
    menu_order = 10

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Policy.objects.select_related("area", "owner", "current_version")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "policy_detail":
                pattern = path(str(pattern.pattern), PolicyDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        return patterns


class PolicyDetailView(ObjectDetailView):
    """The policy with its versions and, for the hub, who has still to acknowledge the current one."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy = self.get_object()
        user = request.user
        hub_user = getattr(user, "organisation_id", None) is None
        outstanding = (
            services.not_acknowledged(Policy.objects.filter(pk=policy.pk))
            if hub_user and user.has_perm("policies.view_acknowledgement")
            else []
        )
        context = self.base_context() | {
            "object": policy,
            # A member's user is not told which other organisations were chosen.
            "fields": [
                row for row in detail_fields(policy, self.record) if hub_user or row[0] != "Chosen member organisations"
            ],
            "tab": "detail",
            "versions": list(PolicyVersion.objects.restrict(user, "view").filter(policy=policy)),
            "required": services.required_organisations(policy).count() if hub_user else None,
            "acknowledged": Acknowledgement.objects.filter(version_id=policy.current_version_id).count()
            if hub_user and policy.current_version_id
            else None,
            "outstanding": outstanding,
            "can_add_version": user.has_perm("policies.add_policyversion"),
        }
        return render(request, "policies/policy_detail.html", context)


@register
class PolicyVersionViews(RecordViews):
    model = PolicyVersion
    table = policy_tables.PolicyVersionTable
    filterset = filtersets.PolicyVersionFilterSet
    form = policy_forms.PolicyVersionForm
    detail_fields = ["policy", "number", "status", "summary", "approved_on", "approved_by_decision", "approval_minute"]
    search_fields = ("policy__title", "summary")
    search_description = "summary"
    menu_group = MENU
    menu_order = 20
    url_slug = "versions"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return PolicyVersion.objects.select_related("policy")

    @classmethod
    def search(cls, queryset: RestrictedQuerySet, text: str) -> RestrictedQuerySet:
        """A version as its name reads (“Complaints procedure, version 2”): the word “version”
        is left out and the number matched."""
        words = [word for word in text.split() if word.strip(",.()").lower() not in ("version", "v")]
        return queryset.filter(text_query((*cls.search_fields, "number"), " ".join(words), PolicyVersion))

    @classmethod
    def edit_blockers(cls, obj: Any) -> list[str]:
        if obj.status != VersionStatus.DRAFT:
            return [
                f"Version {obj.number} is {obj.get_status_display().lower()}: its text is locked. "
                "Upload a new version to change the policy."
            ]
        return []

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        if obj.status != VersionStatus.DRAFT:
            return [f"Version {obj.number} has been approved: it is part of the policy's record and is kept."]
        return []

    @classmethod
    def save(cls, form: ModelForm, user: Any, seen_version: str | None) -> Any:
        return save_form(form, user, seen_version)  # numbered on saving; approved on its page

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "policyversion_detail":
                pattern = path(str(pattern.pattern), VersionDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        return [
            *patterns,
            path(f"{cls.slug()}/<int:pk>/file/", VersionFileView.as_view(record=cls), name="policyversion_file"),
            path(f"{cls.slug()}/<int:pk>/approve/", ApproveView.as_view(record=cls), name="policyversion_approve"),
        ]


class VersionDetailView(ObjectDetailView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        version = self.get_object()
        return self.show(version, policy_forms.ApproveForm(user=request.user))

    def show(self, version: PolicyVersion, form: forms.Form, status: int = 200) -> HttpResponse:
        assert self.record is not None
        can_approve = version.status == VersionStatus.DRAFT and self.request.user.has_perm(
            "policies.change_policyversion"
        )
        context = self.base_context() | {
            "object": version,
            "fields": detail_fields(version, self.record),
            "tab": "detail",
            "edit_blockers": self.record.edit_blockers(version),
            "approve_form": form if can_approve else None,
        }
        return render(self.request, "policies/policyversion_detail.html", context, status=status)


class ApproveView(VersionDetailView):
    """Approve a draft version: it becomes current, the one before is superseded, the review date is set."""

    action = "change"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        version = self.get_object()
        form = policy_forms.ApproveForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                data = form.cleaned_data
                version = services.approve_version(
                    version, request.user, data["approved_on"], data["approval_minute"], data["decision"]
                )
            except ValidationError as error:
                if hasattr(error, "error_dict") and set(error.message_dict) <= set(form.fields):
                    for field, problems in error.message_dict.items():
                        for problem in problems:
                            form.add_error(field, problem)
                else:
                    form.add_error(None, error)
            else:
                messages.success(
                    request, f"Approved {version}. The next review is due on {version.policy.next_review_on:%d/%m/%Y}."
                )
                return HttpResponseRedirect(version.get_absolute_url())
        return self.show(version, form, status=422)


class VersionFileView(RecordView):
    """The version's file, for those who may see the version: never a public media address."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        version = self.get_object()
        return private_file_response(version.file, f"{slugify(version.policy.title) or 'policy'}-v{version.number}")


@register
class AcknowledgementViews(RecordViews):
    model = Acknowledgement
    table = policy_tables.AcknowledgementTable
    filterset = filtersets.AcknowledgementFilterSet
    form = policy_forms.AcknowledgementForm
    detail_fields = ["version", "organisation", "acknowledged_by", "acknowledged_on"]
    search_fields = ("organisation__name", "version__policy__title")
    menu_group = MENU
    menu_order = 30

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Acknowledgement.objects.select_related("version__policy", "organisation", "acknowledged_by")

    @classmethod
    def save(cls, form: ModelForm, user: Any, seen_version: str | None) -> Any:
        if form.instance.pk is not None:
            return save_form(form, user, seen_version)
        data = form.cleaned_data
        acknowledgement = services.acknowledge(data["version"], data["organisation"], user)
        if data.get("acknowledged_on") and data["acknowledged_on"] != acknowledgement.acknowledged_on:
            acknowledgement.acknowledged_on = data["acknowledged_on"]
            acknowledgement.save(update_fields=["acknowledged_on", "updated"])
        return acknowledgement


@register
class PolicyAreaViews(RecordViews):
    model = PolicyArea
    table = policy_tables.PolicyAreaTable
    filterset = filtersets.PolicyAreaFilterSet
    form = policy_forms.PolicyAreaForm
    search_fields = ("name",)
    menu_group = MENU
    menu_order = 40
    url_slug = "areas"


class NotAcknowledgedTable(tables.Table):
    """The report's rows (and its CSV and Excel export)."""

    policy = tables.Column(verbose_name="Policy")
    version = tables.Column(verbose_name="Current version")
    organisation = tables.Column(verbose_name="Member organisation")
    approved_on = tables.DateColumn(format="d/m/Y", verbose_name="Approved")
    days = tables.Column(verbose_name="Days waiting")


class ReportFilter(forms.Form):
    policy = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    organisation = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Member organisation")

    def __init__(
        self, *args: Any, policies: list[tuple[int, str]], organisations: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["policy"].choices = [("", "Any"), *policies]  # type: ignore[attr-defined]
        self.fields["organisation"].choices = [("", "Any"), *organisations]  # type: ignore[attr-defined]
        style_widgets(self)


class NotAcknowledgedView(HubPageView):
    """The hub's report of member organisations that have not acknowledged a policy's current version.

    A fixed number of queries: the session, the user, the user's permissions (two), the filter's
    two choice lists, and the four of `services.not_acknowledged`."""

    permission = "policies.view_acknowledgement"
    refusal = "You may not see members' acknowledgements."

    def get(self, request: HttpRequest) -> HttpResponseBase:
        policies = Policy.objects.restrict(request.user, "view")
        form = ReportFilter(
            request.GET or None,
            policies=list(
                policies.filter(acknowledgement_required=True, current_version__isnull=False)
                .order_by("title", "pk")
                .values_list("pk", "title")
            ),
            organisations=list(services.active_members().order_by("name", "pk").values_list("pk", "name")),
        )
        chosen: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
        if chosen.get("policy"):
            policies = policies.filter(pk=chosen["policy"])
        rows = services.not_acknowledged(policies, chosen.get("organisation"))
        table = NotAcknowledgedTable(
            [
                {
                    "policy": row.policy.title,
                    "version": row.version.number,
                    "organisation": row.organisation.name,
                    "approved_on": row.waiting_since,
                    "days": row.days,
                }
                for row in rows
            ]
        )
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return export_response(table, export, "not-acknowledged")
        query = request.GET.copy()
        query.pop("export", None)
        return render(
            request,
            "policies/not_acknowledged.html",
            {
                "rows": rows,
                "form": form,
                "query": query.urlencode(),
                "organisation_count": len({r.organisation.pk for r in rows}),
            },
        )


add_menu_item(
    *MENU, MenuItem("Not yet acknowledged", "policies:not_acknowledged", "policies.view_acknowledgement", order=35)
)

urlpatterns: list[URLPattern] = [
    path("not-acknowledged/", NotAcknowledgedView.as_view(), name="not_acknowledged"),
    *PolicyViews.urls(),
    *PolicyVersionViews.urls(),
    *AcknowledgementViews.urls(),
    *PolicyAreaViews.urls(),
]
