"""The member portal's bids: the bids the member is a partner in, and the questions assigned to it.

A partner's user sees only the questions the hub assigned to their organisation's partner record,
writes the answers here (never on the hub's pages), and sees its own lines of the compliance
checklist, which point at the evidence kept on the portal's Evidence page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from consortia.bids.choices import PARTNER_STATUSES, BidStatus, QuestionStatus
from consortia.bids.models import BidPartner, BidQuestion, ComplianceItem
from consortia.bids.services.workspace import item_state
from consortia.core.forms import BaseModelForm
from consortia.core.guard import SENT_TWICE, STALE_EDIT, FormGuard
from consortia.core.services import StaleEditError, save_form
from consortia.portal.views import PortalView, own


class AnswerForm(BaseModelForm):
    class Meta:
        model = BidQuestion
        fields = ["answer", "status"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 14, "data-word-count": "1"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status: Any = self.fields["status"]
        status.choices = [(value, label) for value, label in QuestionStatus.choices if value in PARTNER_STATUSES]
        status.help_text = "Mark it “In review” when it is ready for the hub; the hub makes it final."


class Bids(PortalView):
    """The bids the member is a partner in, with the questions assigned to it."""

    section = "bids"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("bids.view_bidpartner"):
            raise PermissionDenied("You may not see bids.")
        partners = list(own(BidPartner, request).select_related("bid__opportunity").order_by("-bid__created", "pk"))
        questions = own(BidQuestion, request).select_related("assigned_partner").order_by("order", "pk")
        items = own(ComplianceItem, request).select_related("evidence", "requirement")
        by_partner: dict[int, list[Any]] = {}
        for question in questions:
            by_partner.setdefault(question.assigned_partner_id, []).append(question)  # type: ignore[arg-type]
        today = timezone.localdate()
        checklist: dict[int, list[Any]] = {}
        for item in items:
            checklist.setdefault(item.partner_id, []).append((item, *item_state(item, today)))  # type: ignore[arg-type]
        rows = [(partner, by_partner.get(partner.pk, []), checklist.get(partner.pk, [])) for partner in partners]
        return self.render("portal/bids.html", {"rows": rows})


class AnswerPage(PortalView):
    """One question assigned to the member: the answer, with its word count, written here."""

    section = "bids"

    def question(self, pk: int) -> BidQuestion:
        return get_object_or_404(  # type: ignore[no-any-return]
            own(BidQuestion, self.request).select_related("bid__opportunity", "assigned_partner"), pk=pk
        )

    def blockers(self, question: BidQuestion) -> list[str]:
        reasons = []
        if not self.request.user.has_perm("bids.change_bidquestion"):
            reasons.append("You may read this question but not answer it.")
        if question.bid.status != BidStatus.WRITING:
            reasons.append("The bid has been submitted; answers can no longer change.")
        if question.status == QuestionStatus.FINAL:
            reasons.append("The hub has made this answer final; contact the bid manager to change it.")
        return reasons

    def show(self, question: BidQuestion, form: AnswerForm, guard: FormGuard) -> HttpResponse:
        context = {"question": question, "form": form, "guard": guard, "blockers": self.blockers(question)}
        return self.render("portal/bid_question.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        question = self.question(pk)
        return self.show(
            question, AnswerForm(instance=question, user=request.user), FormGuard.open(request, {"": question})
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        question = self.question(pk)
        if self.blockers(question):
            raise PermissionDenied(" ".join(self.blockers(question)))
        guard = FormGuard.posted(request)
        if guard.saved() is not None:
            messages.info(request, SENT_TWICE)
            return redirect("portal:bid_question", pk=pk)
        form = AnswerForm(request.POST, instance=question, user=request.user)
        if not form.is_valid():
            return self.show(question, form, guard)
        try:
            saved = save_form(form, request.user, guard.seen())
        except StaleEditError:
            form.add_error(None, STALE_EDIT)
            return self.show(question, form, guard)
        guard.done(saved.pk)
        messages.success(request, "Your answer is saved; the hub can see it now.")
        return redirect("portal:bid_question", pk=pk)
