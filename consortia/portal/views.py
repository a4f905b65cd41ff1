"""The member portal: a member organisation's own screens, every query scoped to it.

Every query goes through `.restrict(request.user, action)` and is filtered to the user's own
organisation; a user who belongs to no organisation (the hub's staff) is told there is no such
page. The organisation is never taken from a form: it is always the user's own.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views import View

from consortia.core.guard import SENT_TWICE, STALE_EDIT, FormGuard
from consortia.core.services import StaleEditError, save_form
from consortia.core.uploads import private_file_response
from consortia.directory.models import Contact, Organisation
from consortia.members.models import (
    Capability,
    CaseStudy,
    DevelopmentAction,
    DueDiligenceReview,
    Evidence,
    Membership,
    QualityMark,
    Requirement,
)
from consortia.members.services import diligence
from consortia.portal import services
from consortia.portal.forms import (
    CapabilityForm,
    CapacityForm,
    CaseStudyForm,
    ContactForm,
    EvidenceForm,
    OrganisationProfileForm,
    QualityMarkForm,
)

NOT_A_MEMBER = "The member portal is for member organisations' users."


def own(model: type[models.Model], request: HttpRequest, action: str = "view") -> Any:
    """The rows of `model` the user may `action`, of the user's own organisation only."""
    organisation_id = getattr(request.user, "organisation_id", None)
    rows = model.objects.restrict(request.user, action)  # type: ignore[attr-defined]
    return rows if organisation_id else rows.none()  # restrict() keeps a member's user to their rows


class PortalView(LoginRequiredMixin, View):
    """A portal page: signed in, and a user of a member organisation the user may see."""

    section: ClassVar[str] = "home"
    organisation: Organisation

    def organisations(self, request: HttpRequest) -> Any:
        """The user's organisation as a queryset; a page that shows more of it joins it here."""
        return own(Organisation, request)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        organisation = self.organisations(request).first()
        if organisation is None:
            raise Http404(NOT_A_MEMBER)
        self.organisation = organisation
        return super().dispatch(request, *args, **kwargs)

    def membership(self) -> Membership | None:
        # One at most (one membership per organisation): the model's ordering, by the
        # organisation's name, would only join the organisation to sort one row.
        return own(Membership, self.request).order_by("pk").first()  # type: ignore[no-any-return]

    def render(self, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
        context = {"organisation": self.organisation, "section": self.section, **context}
        return render(self.request, template, context, status=status)


def evidence_rows(view: PortalView, membership: Membership | None) -> list[services.EvidenceRow]:
    requirements = Requirement.objects.restrict(view.request.user, "view").filter(active=True)
    evidence = own(Evidence, view.request).select_related("verified_by")
    return services.evidence_rows(requirements, evidence, membership)


class Home(PortalView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        from consortia.portal.contracts import is_commissioner_user

        if is_commissioner_user(request.user):  # a commissioner's portal is their contracts
            return redirect("portal:commissioned_contracts")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        membership = self.membership()
        rows = evidence_rows(self, membership)
        return self.render(
            "portal/home.html",
            {
                "membership": membership,
                "summary": services.summarise(rows),
                "contacts": own(Contact, request),
                "capability_count": own(Capability, request).count(),
            },
        )


class Profile(PortalView):
    section = "profile"

    def organisations(self, request: HttpRequest) -> Any:
        return super().organisations(request).select_related("area")

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            "portal/profile.html",
            {
                "organisation": self.organisation,
                "membership": self.membership(),
                "can_change": request.user.has_perm("directory.change_organisation"),
            },
        )


class ProfileEdit(PortalView):
    section = "profile"

    def forms(self, data: Any = None) -> tuple[OrganisationProfileForm, CapacityForm | None]:
        organisation = own(Organisation, self.request, "change").first()
        if organisation is None:
            raise PermissionDenied("You may not change your organisation's details.")
        membership = self.membership()
        profile = OrganisationProfileForm(data, instance=organisation, user=self.request.user, prefix="profile")
        # The membership's size fields belong to the organisation's own profile: a member user
        # reads their membership and changes only these fields of it, never tier, status or fee.
        capacity = (
            CapacityForm(data, instance=membership, user=self.request.user, prefix="capacity") if membership else None
        )
        return profile, capacity

    def show(self, profile: OrganisationProfileForm, capacity: CapacityForm | None, guard: FormGuard) -> HttpResponse:
        return self.render("portal/profile_edit.html", {"form": profile, "capacity": capacity, "guard": guard})

    def get(self, request: HttpRequest) -> HttpResponse:
        profile, capacity = self.forms()
        records = {"profile": profile.instance, "capacity": capacity.instance if capacity else None}
        return self.show(profile, capacity, FormGuard.open(request, records))

    def post(self, request: HttpRequest) -> HttpResponse:
        guard = FormGuard.posted(request, ("profile", "capacity"))
        if guard.saved() is not None:
            messages.info(request, SENT_TWICE)
            return redirect("portal:profile")
        profile, capacity = self.forms(request.POST)
        valid = profile.is_valid() & (capacity is None or capacity.is_valid())
        if not valid:
            return self.show(profile, capacity, guard)
        try:
            # Both or neither: a stale membership must not leave the organisation half saved.
            with transaction.atomic():
                for form in (profile, capacity):
                    if form is not None and form.has_changed():
                        save_form(form, request.user, guard.seen(form.prefix or ""))
        except StaleEditError:
            profile.add_error(None, STALE_EDIT)
            return self.show(profile, capacity, guard)
        guard.done(self.organisation.pk)
        messages.success(request, "Your details are saved.")
        return redirect("portal:profile")


class Contacts(PortalView):
    section = "contacts"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            "portal/contacts.html",
            {
                "contacts": own(Contact, request),
                "can_add": request.user.has_perm("directory.add_contact"),
                "can_change": request.user.has_perm("directory.change_contact"),
                "can_delete": request.user.has_perm("directory.delete_contact"),
            },
        )


class OwnRecordView(PortalView):
    """Add, edit or delete one of the organisation's own records (the organisation fixed to theirs)."""

    model: ClassVar[type[models.Model]]
    form_class: ClassVar[type[forms.ModelForm]]
    back: ClassVar[str]  # the portal page that lists these records

    def noun(self) -> str:
        return str(self.model._meta.verbose_name)

    def permission(self, action: str) -> None:
        meta = self.model._meta
        if not self.request.user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}"):
            raise PermissionDenied(f"You may not {action} {meta.verbose_name_plural}.")

    def get_object(self, pk: int | None, action: str) -> models.Model:
        if pk is None:
            self.permission("add")
            return self.model(organisation=self.organisation)
        return get_object_or_404(own(self.model, self.request, action), pk=pk)  # type: ignore[no-any-return]


class OwnRecordEdit(OwnRecordView):
    def form(self, obj: models.Model, data: Any = None) -> forms.ModelForm:
        return self.form_class(data, instance=obj, user=self.request.user)  # type: ignore[call-arg]

    def show(self, form: forms.ModelForm, obj: models.Model, guard: FormGuard) -> HttpResponse:
        adding = obj.pk is None
        title = f"Add a {self.noun()}" if adding else f"Edit {obj}"
        context = {"form": form, "object": obj, "title": title, "back": self.back, "guard": guard}
        return self.render("portal/record_form.html", context)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.get_object(pk, "change" if pk else "add")
        return self.show(self.form(obj), obj, FormGuard.open(request, {"": obj}))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.get_object(pk, "change" if pk else "add")
        guard = FormGuard.posted(request)
        if guard.saved() is not None:
            messages.info(request, SENT_TWICE)
            return redirect(self.back)
        form = self.form(obj, request.POST)
        if not form.is_valid():
            return self.show(form, obj, guard)
        form.instance.organisation = self.organisation  # never from the form
        try:
            saved = save_form(form, request.user, guard.seen() if pk else None)
        except StaleEditError:
            form.add_error(None, STALE_EDIT)
            return self.show(form, obj, guard)
        guard.done(saved.pk)
        messages.success(request, f"“{saved}” is saved.")
        return redirect(self.back)


class OwnRecordDelete(OwnRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk, "delete")
        return self.render("portal/record_delete.html", {"object": obj, "noun": self.noun(), "back": self.back})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk, "delete")
        try:
            with transaction.atomic():
                obj.delete()
        except ProtectedError:
            messages.error(request, f"“{obj}” cannot be deleted: other records refer to it. Ask the hub.")
            return redirect(self.back)
        messages.success(request, f"“{obj}” is deleted.")
        return redirect(self.back)


def record_views(
    model: type[models.Model], form_class: type[forms.ModelForm], section: str, back: str
) -> tuple[type[OwnRecordEdit], type[OwnRecordDelete]]:
    """The add/edit view and the delete view of one kind of the organisation's own records."""
    config = {"model": model, "form_class": form_class, "section": section, "back": back}
    edit = type(f"{model.__name__}Edit", (OwnRecordEdit,), config)
    delete = type(f"{model.__name__}Delete", (OwnRecordDelete,), config)
    return edit, delete


ContactEdit, ContactDelete = record_views(Contact, ContactForm, "contacts", "portal:contacts")
CapabilityEdit, CapabilityDelete = record_views(Capability, CapabilityForm, "capabilities", "portal:capabilities")
QualityMarkEdit, QualityMarkDelete = record_views(QualityMark, QualityMarkForm, "capabilities", "portal:capabilities")
CaseStudyEdit, CaseStudyDelete = record_views(CaseStudy, CaseStudyForm, "capabilities", "portal:capabilities")


class Capabilities(PortalView):
    section = "capabilities"

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        return self.render(
            "portal/capabilities.html",
            {
                "capabilities": own(Capability, request)
                .select_related("category")
                .prefetch_related("client_groups", "areas"),
                "quality_marks": own(QualityMark, request),
                "case_studies": own(CaseStudy, request).select_related("category"),
                "can_capability": user.has_perm("members.add_capability"),
                "can_quality_mark": user.has_perm("members.add_qualitymark"),
                "can_case_study": user.has_perm("members.add_casestudy"),
            },
        )


class EvidenceList(PortalView):
    section = "evidence"

    def get(self, request: HttpRequest) -> HttpResponse:
        membership = self.membership()
        rows = evidence_rows(self, membership)
        return self.render(
            "portal/evidence.html",
            {
                "membership": membership,
                "rows": rows,
                "summary": services.summarise(rows),
                "can_upload": request.user.has_perm("members.add_evidence"),
            },
        )


class EvidenceUpload(PortalView):
    """Evidence for one requirement: uploading again replaces it (the earlier stays, superseded)."""

    section = "evidence"

    def row(self, pk: int) -> services.EvidenceRow:
        if not self.request.user.has_perm("members.add_evidence"):
            raise PermissionDenied("You may not upload evidence.")
        requirement = get_object_or_404(
            Requirement.objects.restrict(self.request.user, "view").filter(active=True), pk=pk
        )
        evidence = own(Evidence, self.request).filter(requirement=requirement).select_related("verified_by")
        return services.evidence_rows([requirement], evidence, self.membership())[0]

    def show(self, row: services.EvidenceRow, form: EvidenceForm, guard: FormGuard) -> HttpResponse:
        context = {"row": row, "requirement": row.requirement, "form": form, "guard": guard}
        return self.render("portal/evidence_upload.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        row = self.row(pk)
        return self.show(
            row, EvidenceForm(row.requirement), FormGuard.open(request, versions={"": evidence_version(row.current)})
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        row = self.row(pk)
        guard = FormGuard.posted(request)
        if guard.saved() is not None:
            messages.info(request, SENT_TWICE)
            return redirect("portal:evidence")
        form = EvidenceForm(row.requirement, request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    seen = guard.seen()
                    if seen is not None and seen != self.current_version(row.requirement):
                        raise StaleEditError
                    evidence = diligence.submit_evidence(
                        self.organisation, row.requirement, request.user, **form.submission()
                    )
            except StaleEditError:
                form.add_error(
                    None,
                    f"Someone at your organisation gave new evidence for “{row.requirement}” after you opened "
                    "this page, so yours has not been saved. Look at what they gave, then upload yours again "
                    "if it still needs replacing.",
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                guard.done(evidence.pk)
                messages.success(request, f"Thank you: your evidence for “{row.requirement}” is waiting to be checked.")
                return redirect("portal:evidence")
        return self.show(row, form, guard)

    def current_version(self, requirement: Requirement) -> str:
        """The version of the requirement's current evidence, with the organisation locked so two
        uploads for it are taken one after the other."""
        list(Organisation.objects.select_for_update().filter(pk=self.organisation.pk).order_by().values_list("pk"))
        current = (
            Evidence.objects.filter(organisation=self.organisation, requirement=requirement, superseded_by=None)
            .order_by("-created", "-pk")
            .first()
        )
        return evidence_version(current)


def evidence_version(current: Evidence | None) -> str:
    """What an upload replaces: the current evidence (by its id), or nothing yet."""
    return f"evidence-{current.pk}" if current else "none"


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's errors beside the fields they name; any other field's under the form's heading."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages_ in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)


class EvidenceDownload(PortalView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        evidence = get_object_or_404(own(Evidence, request).select_related("requirement"), pk=pk)
        stem = PurePath(evidence.original_filename).stem or slugify(str(evidence.requirement)) or "evidence"
        return private_file_response(evidence.file, stem)


class MembershipPage(PortalView):
    section = "membership"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            "portal/membership.html",
            {
                "membership": self.membership(),
                "actions": own(DevelopmentAction, request),
                "reviews": own(DueDiligenceReview, request),
            },
        )
