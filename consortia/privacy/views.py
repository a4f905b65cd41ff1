"""Data protection pages, for the hub manager: subject access (find a person, see what is held,
download it all), erasure, the retention rules, and the lists of requests, erasures and
sensitive records opened."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.text import slugify

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.views.generic import RecordViews
from consortia.core.views.hub import HubPageView
from consortia.privacy import filtersets, forms, services, tables
from consortia.privacy.models import ErasureRecord, SensitiveView, SubjectAccessRequest
from consortia.privacy.registry import record_types

MENU = ("Administration", 90)


@register
class SubjectAccessRequestViews(RecordViews):
    model = SubjectAccessRequest
    table = tables.SubjectAccessRequestTable
    filterset = filtersets.SubjectAccessRequestFilterSet
    form = forms.SubjectAccessRequestForm
    detail_fields = [
        "subject_name",
        "subject_email",
        "requested_by",
        "received_on",
        "due_on",
        "fulfilled_on",
        "fulfilled_by",
        "records_sent",
        "notes",
    ]
    search_fields = ("subject_name", "subject_email")
    menu_group = MENU
    menu_order = 50
    url_slug = "subject-access-requests"


@register
class ErasureRecordViews(RecordViews):
    model = ErasureRecord
    table = tables.ErasureRecordTable
    filterset = filtersets.ErasureRecordFilterSet
    detail_fields = ["erased_at", "erased_by", "reference", "summary"]
    menu_group = MENU
    menu_order = 52
    url_slug = "erasures"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ErasureRecord.objects.select_related("erased_by")


@register
class SensitiveViewViews(RecordViews):
    model = SensitiveView
    table = tables.SensitiveViewTable
    filterset = filtersets.SensitiveViewFilterSet
    detail_fields = ["viewed_at", "user", "kind", "record_name", "content_type", "object_id", "view_name", "path"]
    menu_group = MENU
    menu_order = 54
    url_slug = "sensitive-views"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return SensitiveView.objects.select_related("user", "content_type")


class PrivacyView(HubPageView):
    """The hub manager's data-protection pages: a member organisation's user is not shown they
    exist (404); hub staff without the right are refused (403)."""

    permission = "privacy.view_subjectaccessrequest"
    refusal = "Only the hub manager handles data-protection requests."


class SubjectAccessView(PrivacyView):
    """Find a person, list what is held about them per record type, and download it all."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = forms.PersonForm(request.GET or None)
        held = services.held_about(form.person()) if form.is_valid() else None
        export = forms.ExportForm(initial=request.GET.dict(), user=request.user) if held else None
        context = {"form": form, "held": held, "export": export, "query": request.GET.urlencode()}
        return render(request, "privacy/subject_access.html", context)

    def post(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("privacy.add_subjectaccessrequest"):
            raise PermissionDenied("Only the hub manager answers subject-access requests.")
        form = forms.ExportForm(request.POST, user=request.user)
        if not form.is_valid():
            return render(request, "privacy/subject_access.html", {"form": form, "export": form}, status=422)
        details = {
            "requested_by": form.cleaned_data["requested_by"] or "The person themselves",
            "received_on": form.cleaned_data["received_on"] or timezone.localdate(),
        }
        person = form.person()
        _, content = services.fulfil_request(person, request.user, form.cleaned_data["request"], **details)
        response = HttpResponse(content, content_type="application/zip")
        name = slugify(person.name or person.email) or "person"
        response["Content-Disposition"] = (
            f'attachment; filename="subject-access-{name}-{timezone.localdate():%Y-%m-%d}.zip"'
        )
        return response


class EraseView(PrivacyView):
    """What erasure would delete, anonymise and keep (and why); on confirmation, erase."""

    permission = "privacy.add_erasurerecord"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = forms.PersonForm(request.GET or None)
        if not form.is_valid():
            return HttpResponseRedirect(reverse("privacy:subject_access"))
        return self.page(form.person(), forms.EraseForm(initial=request.GET.dict()))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = forms.EraseForm(request.POST)
        if not form.is_valid():
            person = forms.PersonForm(request.POST)
            if not person.is_valid():
                return HttpResponseRedirect(reverse("privacy:subject_access"))
            return self.page(person.person(), form, status=422)
        record = services.erase_person(form.person(), request.user, form.cleaned_data["reference"])
        messages.success(request, "Erased. The record below says what was deleted, anonymised and kept.")
        return HttpResponseRedirect(record.get_absolute_url())

    def page(self, person: Any, form: forms.EraseForm, status: int = 200) -> HttpResponse:
        plan = services.erasure_plan(person)
        context = {"person": person, "plan": plan, "form": form}
        return render(self.request, "privacy/erase.html", context, status=status)


class RetentionView(PrivacyView):
    """The retention rules, per record type, as the registry declares them."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "privacy/retention.html", {"record_types": record_types()})


add_menu_item(
    MENU[0],
    MENU[1],
    MenuItem("Subject access and erasure", "privacy:subject_access", SubjectAccessView.permission, order=49),
)
add_menu_item(MENU[0], MENU[1], MenuItem("Retention rules", "privacy:retention", RetentionView.permission, order=51))

urlpatterns: list[URLPattern] = [
    path("subject-access/", SubjectAccessView.as_view(), name="subject_access"),
    path("erase/", EraseView.as_view(), name="erase"),
    path("retention/", RetentionView.as_view(), name="retention"),
    *SubjectAccessRequestViews.urls(),
    *ErasureRecordViews.urls(),
    *SensitiveViewViews.urls(),
]
