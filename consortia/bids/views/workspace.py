"""The bid workspace: bids, partners, timetable, questions, clarifications, compliance, pricing, outcome."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils import timezone

from consortia.bids import importers
from consortia.bids.choices import BidStatus
from consortia.bids.filtersets import workspace as filtersets
from consortia.bids.forms import workspace as forms
from consortia.bids.models import Bid, BidPartner, BidQuestion, Clarification, ComplianceItem, LibraryEntry, Milestone
from consortia.bids.services import library, workspace
from consortia.bids.services.document import build_bid
from consortia.bids.tables import workspace as tables
from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordViews, detail_fields
from consortia.documents.views import document_urls

MENU = ("Bids", 27)


@register
class BidViews(RecordViews):
    model = Bid
    table = tables.BidTable
    filterset = filtersets.BidFilterSet
    form = forms.BidForm
    detail_fields = ["opportunity", "manager", "team", "status", "top_slice", "notes"]
    search_fields = ("opportunity__title",)
    search_description = "notes"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Bid.objects.select_related("opportunity", "manager")

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        if obj.status != BidStatus.WRITING:
            return ["The bid has been submitted; its record is kept."]
        return []

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "bid_detail":
                pattern = path(str(pattern.pattern), BidDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        slug = cls.slug()
        return [
            *patterns,
            path(
                f"{slug}/<int:pk>/import-questions/",
                ImportQuestionsView.as_view(record=cls),
                name="bid_import_questions",
            ),
            path(f"{slug}/<int:pk>/pull-in-evidence/", PullInEvidenceView.as_view(record=cls), name="bid_pull_in"),
            path(f"{slug}/<int:pk>/submit/", SubmitView.as_view(record=cls), name="bid_submit"),
            path(f"{slug}/<int:pk>/outcome/", OutcomeView.as_view(record=cls), name="bid_outcome"),
            *document_urls(cls, "document", build_bid),
        ]


class BidDetailView(ObjectDetailView):
    """The workspace: every part of the bid on one page (a fixed number of queries)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.get_object())

    def page(self, bid: Bid, **extra: Any) -> HttpResponse:
        user = self.request.user
        partners = list(BidPartner.objects.restrict(user, "view").filter(bid=bid).select_related("organisation"))
        questions = list(
            BidQuestion.objects.restrict(user, "view")
            .filter(bid=bid)
            .select_related("owner", "assigned_partner__organisation")
            .order_by("order", "pk")
        )
        items = list(
            ComplianceItem.objects.restrict(user, "view")
            .filter(bid=bid)
            .select_related("partner__organisation", "evidence", "evidence__requirement", "requirement")
        )
        today = timezone.localdate()
        context = (
            self.base_context()
            | {
                "object": bid,
                "fields": detail_fields(bid, self.record),
                "tab": "detail",
                "partners": partners,
                "pricing": workspace.pricing(partners, bid.top_slice),
                "share_warnings": workspace.share_warnings(partners),
                "milestones": list(Milestone.objects.restrict(user, "view").filter(bid=bid).select_related("owner")),
                "questions": questions,
                "clarifications": list(Clarification.objects.restrict(user, "view").filter(bid=bid)),
                "compliance": [(item, *workspace.item_state(item, today)) for item in items],
                "submission_blockers": workspace.submission_blockers(bid),
                "submit_form": forms.SubmitForm(),
                "can_question": user.has_perm("bids.add_bidquestion"),
                "can_partner": user.has_perm("bids.add_bidpartner"),
            }
            | extra
        )
        return render(self.request, "bids/bid_detail.html", context)


class BidActionView(BidDetailView):
    """A button on the workspace that changes the bid (the change permission)."""

    def permission_actions(self) -> list[str]:
        return ["change"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(self.get_object().get_absolute_url())


class PullInEvidenceView(BidActionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        bid = self.get_object("change")
        added, updated = workspace.pull_in_evidence(bid, request.user)
        messages.success(request, f"Compliance checklist: {added} added, {updated} updated from the members' evidence.")
        return HttpResponseRedirect(bid.get_absolute_url() + "#compliance")


class SubmitView(BidActionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        bid = self.get_object("change")
        form = forms.SubmitForm(request.POST)
        if not form.is_valid():
            return self.page(bid, submit_form=form)
        try:
            workspace.submit(bid, request.user, form.cleaned_data["reference"])
        except ValidationError as error:
            return self.page(bid, submit_form=form, submit_errors=error.messages)
        messages.success(request, "The submission is recorded; the opportunity is now “Submitted”.")
        return HttpResponseRedirect(bid.get_absolute_url())


class OutcomeView(BidDetailView):
    """Won or lost, with the commissioner's scores and feedback per question, and lessons learned."""

    def permission_actions(self) -> list[str]:
        return ["change"]

    def show(self, bid: Bid, form: forms.OutcomeForm, errors: list[str] | None = None) -> HttpResponse:
        context = self.base_context() | {
            "object": bid,
            "tab": "outcome",
            "form": form,
            "errors": errors or [],
            "questions": list(bid.questions.order_by("order", "pk")),
        }
        return render(self.request, "bids/bid_outcome.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        bid = self.get_object("change")
        initial = {
            "outcome": bid.outcome,
            "outcome_on": bid.outcome_on or timezone.localdate(),
            "feedback": bid.feedback,
            "lessons_learned": bid.lessons_learned,
        }
        return self.show(bid, forms.OutcomeForm(initial=initial))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        bid = self.get_object("change")
        form = forms.OutcomeForm(request.POST)
        if not form.is_valid():
            return self.show(bid, form)
        scores: dict[int, tuple[Any, Any, str]] = {}
        problems = []
        for question in bid.questions.all():
            raw = [request.POST.get(f"{name}-{question.pk}", "").strip() for name in ("score", "max", "feedback")]
            values = []
            for text in raw[:2]:
                try:
                    values.append(Decimal(text) if text else None)
                except InvalidOperation:
                    problems.append(f"Question {question.number}: “{text}” is not a number.")
                    values.append(None)
            scores[question.pk] = (values[0], values[1], raw[2])
        if problems:
            return self.show(bid, form, problems)
        try:
            workspace.record_outcome(bid, request.user, scores=scores, **form.cleaned_data)
        except ValidationError as error:
            return self.show(bid, form, error.messages)
        messages.success(request, f"Recorded: {bid.get_outcome_display().lower()}.")
        return HttpResponseRedirect(bid.get_absolute_url())


class ImportQuestionsView(BidDetailView):
    """Upload the commissioner's question list (Excel or Word); checked whole, then written or not at all."""

    def permission_actions(self) -> list[str]:
        return ["change"]

    def show(self, bid: Bid, form: forms.QuestionListForm, **extra: Any) -> HttpResponse:
        context = self.base_context() | {"object": bid, "tab": "import", "form": form} | extra
        return render(
            self.request, "bids/bid_import_questions.html", context, status=422 if extra.get("errors") else 200
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.show(self.get_object("change"), forms.QuestionListForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        bid = self.get_object("change")
        if not request.user.has_perm("bids.add_bidquestion"):
            raise PermissionDenied("You do not have permission to add bid questions.")
        form = forms.QuestionListForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.show(bid, form)
        upload = form.cleaned_data["file"]
        try:
            parsed = importers.read_question_list(upload.name, upload.read())
            result = importers.import_questions(bid, parsed, request.user)
        except importers.QuestionListError as error:
            return self.show(bid, form, errors=error.messages, filename=upload.name)
        messages.success(request, f"Imported {upload.name}: {result.summary}")
        return HttpResponseRedirect(bid.get_absolute_url() + "#questions")


@register
class BidPartnerViews(RecordViews):
    model = BidPartner
    table = tables.BidPartnerTable
    filterset = filtersets.BidPartnerFilterSet
    form = forms.BidPartnerForm
    search_fields = ("organisation__name", "bid__opportunity__title")
    menu_group = None  # reached from the bid's workspace
    url_slug = "partners"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return BidPartner.objects.select_related("organisation", "bid__opportunity")


@register
class MilestoneViews(RecordViews):
    model = Milestone
    table = tables.MilestoneTable
    filterset = filtersets.MilestoneFilterSet
    form = forms.MilestoneForm
    search_fields = ("name",)
    menu_group = None
    url_slug = "timetable"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Milestone.objects.select_related("bid__opportunity", "owner")


@register
class BidQuestionViews(RecordViews):
    model = BidQuestion
    table = tables.BidQuestionTable
    filterset = filtersets.BidQuestionFilterSet
    form = forms.BidQuestionForm
    search_fields = ("text", "number")
    search_description = "answer"
    menu_group = MENU
    menu_order = 20
    url_slug = "questions"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return BidQuestion.objects.select_related("bid__opportunity", "owner", "assigned_partner__organisation")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "bidquestion_detail":
                pattern = path(str(pattern.pattern), QuestionDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        slug = cls.slug()
        return [
            *patterns,
            path(f"{slug}/<int:pk>/use/<int:entry>/", UseEntryView.as_view(record=cls), name="bidquestion_use"),
            path(f"{slug}/<int:pk>/save-to-library/", SaveToLibraryView.as_view(record=cls), name="bidquestion_save"),
        ]


class QuestionDetailView(ObjectDetailView):
    """The question, its answer with the word count, and suggested answers from the library."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        question = self.get_object()
        entries = LibraryEntry.objects.restrict(request.user, "view")
        uses = question.library_uses.select_related("entry")
        context = self.base_context() | {
            "object": question,
            "fields": detail_fields(question, self.record),
            "tab": "detail",
            "suggestions": library.suggestions(question, entries),
            "uses": list(uses),
            "saved_entry": LibraryEntry.objects.filter(saved_from=question).first(),
            "can_library": request.user.has_perm("bids.add_libraryentry"),
        }
        return render(request, "bids/bidquestion_detail.html", context)


class UseEntryView(QuestionDetailView):
    http_method_names = ["post"]  # an action: a GET is answered 405, not the question's page

    def permission_actions(self) -> list[str]:
        return ["change"]

    def post(self, request: HttpRequest, pk: int, entry: int) -> HttpResponse:
        question = self.get_object("change")
        chosen = get_object_or_404(LibraryEntry.objects.restrict(request.user, "view"), pk=entry)
        try:
            library.use_entry(chosen, question, request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"“{chosen}” is added to the answer.")
        return HttpResponseRedirect(question.get_absolute_url())


class SaveToLibraryView(QuestionDetailView):
    def permission_actions(self) -> list[str]:
        return ["view"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("bids.add_libraryentry"):
            raise PermissionDenied("You do not have permission to add to the answer library.")
        question = self.get_object()
        try:
            entry, created = library.save_to_library(question, request.user, tags=request.POST.get("tags", ""))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(question.get_absolute_url())
        messages.success(request, f"{'Saved to' if created else 'Already in'} the library as “{entry}”.")
        return HttpResponseRedirect(entry.get_absolute_url())


@register
class ClarificationViews(RecordViews):
    model = Clarification
    table = tables.ClarificationTable
    filterset = filtersets.ClarificationFilterSet
    form = forms.ClarificationForm
    search_fields = ("question", "reference")
    search_description = "answer"
    menu_group = None
    url_slug = "clarifications"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Clarification.objects.select_related("bid__opportunity")


@register
class ComplianceItemViews(RecordViews):
    model = ComplianceItem
    table = tables.ComplianceItemTable
    filterset = filtersets.ComplianceItemFilterSet
    form = forms.ComplianceItemForm
    search_fields = ("name",)
    menu_group = None
    url_slug = "compliance"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ComplianceItem.objects.select_related("bid__opportunity", "partner__organisation")


urlpatterns: list[URLPattern] = [
    *BidViews.urls(),
    *BidPartnerViews.urls(),
    *MilestoneViews.urls(),
    *BidQuestionViews.urls(),
    *ClarificationViews.urls(),
    *ComplianceItemViews.urls(),
]
