"""The register of interests as a report (page, PDF, Excel), and each person's own declarations:
what the register holds about them, a new declaration, and the yearly confirmation."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views import View

from consortia.core.forms import BaseModelForm, style_widgets
from consortia.core.guard import FormGuard
from consortia.core.registry import MenuItem, add_menu_item
from consortia.core.views.hub import HubPageView
from consortia.documents.builders import ExcelWorkbook, pdf_from_template
from consortia.people.choices import RegisterState
from consortia.people.models import DeclaredInterest
from consortia.people.services import interests
from consortia.people.views.roles import MENU

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def register_rows(entries: list[interests.RegisterEntry]) -> list[list[Any]]:
    """One row per interest in force (one row saying "none declared" for a person without)."""
    rows: list[list[Any]] = []
    for entry in entries:
        confirmed = entry.last_confirmed or "never"
        held: list[DeclaredInterest | None] = [*entry.interests] or [None]
        for interest in held:
            rows.append(
                [
                    entry.person.full_name or entry.person.email,
                    str(interest.organisation) if interest else "None declared",
                    interest.get_nature_display() if interest else "",
                    interest.details if interest else "",
                    interest.declared_on if interest else "",
                    confirmed,
                    entry.state_label,
                ]
            )
    return rows


HEADERS = ["Person", "Organisation", "Nature of interest", "Details", "Declared on", "Last confirmed", "Renewal"]


class RegisterView(HubPageView):
    """The register of interests on a day: the page, or `?format=pdf|xlsx` for the file."""

    permission = "people.view_declaredinterest"
    refusal = "You may not see the register of interests."

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        entries = interests.register(today)
        fmt = request.GET.get("format", "")
        title = f"Register of interests at {today:%d/%m/%Y}"
        if fmt == "xlsx":
            book = ExcelWorkbook(title)
            book.sheet(
                "Register of interests",
                HEADERS,
                register_rows(entries),
                widths=[26, 30, 28, 40, 14, 14, 18],
                notes=[title, "Everyone on the hub's staff and board, with every interest in force."],
            )
            content = book.to_bytes()
        elif fmt == "pdf":
            content = pdf_from_template(
                "people/register_pdf.html", {"entries": entries}, title=title, filename="register-of-interests"
            ).content
        else:
            counts = Counter(entry.state for entry in entries)
            return render(
                request,
                "people/register.html",
                {
                    "entries": entries,
                    "today": today,
                    "counts": [(RegisterState(state).label, state, counts.get(state, 0)) for state in RegisterState],
                    "can_edit": request.user.has_perm("people.change_declaredinterest"),
                },
            )
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="register-of-interests-{today:%Y-%m-%d}.{fmt}"'
        return response


class OwnInterestForm(BaseModelForm):
    class Meta:
        model = DeclaredInterest
        fields = ["organisation", "nature", "details", "declared_on"]
        help_texts = {"declared_on": "When the connection began (or today, if you are not sure)."}


class ConfirmForm(forms.Form):
    nothing_to_declare = forms.BooleanField(
        required=False, label="I have no interests to declare in any organisation the consortium works with"
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Anything to add")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


def declarer_only(request: HttpRequest) -> None:
    user: Any = request.user
    if user.organisation_id is not None or not user.groups.exists():
        raise PermissionDenied("Only the hub's staff and board keep declarations in the register of interests.")


class MyInterestsView(LoginRequiredMixin, View):
    """A member of staff or the board: their entries, a new declaration, ending one, and the
    yearly confirmation that the entries are complete."""

    def context(self, request: HttpRequest, **extra: Any) -> dict[str, Any]:
        user: Any = request.user
        today = timezone.localdate()
        own = list(
            DeclaredInterest.objects.filter(person=user).select_related("organisation").order_by("-declared_on", "pk")
        )
        last = user.interest_returns.order_by("-confirmed_on", "-pk").first()
        due_on, state = interests.renewal_due(last.confirmed_on if last else None, today)
        return {
            "in_force": [i for i in own if interests.is_current(i, today)],
            "ended": [i for i in own if not interests.is_current(i, today)],
            "last": last,
            "due_on": due_on,
            "state": state,
            "state_label": RegisterState(state).label,
            "form": OwnInterestForm(initial={"declared_on": today}),
            "confirm_form": ConfirmForm(),
            "guard": FormGuard.open(request),
        } | extra

    def get(self, request: HttpRequest) -> HttpResponse:
        declarer_only(request)
        return render(request, "people/my_interests.html", self.context(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        declarer_only(request)
        user: Any = request.user
        guard = FormGuard.posted(request)
        if guard.saved() is not None:  # sent twice (a double click, or Back and send again)
            return redirect("people:my_interests")
        action = request.POST.get("action", "")
        if action == "declare":
            form = OwnInterestForm(request.POST)
            if not form.is_valid():
                return render(request, "people/my_interests.html", self.context(request, form=form), status=400)
            interest = form.save(commit=False)
            interest.person = user
            interest.stamp(user)
            interest.save()
            guard.done(interest.pk)
            messages.success(request, f"Declared: {interest.get_nature_display().lower()} of {interest.organisation}.")
        elif action == "end":
            interest = DeclaredInterest.objects.filter(person=user, pk=request.POST.get("interest") or 0).first()
            if interest is None:
                raise PermissionDenied("That is not one of your declarations.")
            # It no longer holds today: its last day was yesterday (or the day it was declared).
            interest.ended_on = max(interest.declared_on, timezone.localdate() - timedelta(days=1))
            interest.stamp(user)
            interest.save()
            guard.done(interest.pk)
            messages.success(request, f"Your interest in {interest.organisation} is recorded as ended.")
        elif action == "confirm":
            confirm = ConfirmForm(request.POST)
            confirm.is_valid()
            try:
                interests.confirm_declarations(
                    user,
                    nothing_to_declare=confirm.cleaned_data.get("nothing_to_declare", False),
                    note=confirm.cleaned_data.get("note", ""),
                )
            except ValidationError as error:
                confirm.add_error(None, error)
                return render(
                    request, "people/my_interests.html", self.context(request, confirm_form=confirm), status=400
                )
            guard.done(True)
            messages.success(request, "Thank you: your declarations are confirmed for the year.")
        return redirect("people:my_interests")


add_menu_item(
    MENU[0], MENU[1], MenuItem("Register of interests", "people:interest_register", "people.view_declaredinterest", 61)
)

urlpatterns: list[URLPattern] = [
    path("interests/register/", RegisterView.as_view(), name="interest_register"),
    path("interests/mine/", MyInterestsView.as_view(), name="my_interests"),
]
