"""The pipeline: opportunities, their stages, the board by stage, the calendar and its feed."""

from __future__ import annotations

import calendar as month_calendar
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.views.generic import ObjectDetailView, RecordView, RecordViews, detail_fields
from consortia.opportunities.choices import CLOSED_STAGES
from consortia.opportunities.filtersets import pipeline as filtersets
from consortia.opportunities.forms import pipeline as forms
from consortia.opportunities.models import CalendarFeed, Notice, Opportunity
from consortia.opportunities.services import pipeline as services
from consortia.opportunities.tables import pipeline as tables

MENU = ("Opportunities", 25)


@register
class OpportunityViews(RecordViews):
    model = Opportunity
    table = tables.OpportunityTable
    filterset = filtersets.OpportunityFilterSet
    form = forms.OpportunityForm
    search_fields = ("title", "commissioner__name")
    search_description = "description"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Opportunity.objects.select_related("commissioner", "owner", "notice")

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        if hasattr(obj, "bid_decision"):
            return ["A bid/no-bid decision has been recorded on it; mark it “Not pursued” or “Withdrawn” instead."]
        return []

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "opportunity_detail":
                pattern = path(str(pattern.pattern), OpportunityDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        slug = cls.slug()
        return [
            *patterns,
            path(f"{slug}/<int:pk>/stage/", StageView.as_view(record=cls), name="opportunity_stage"),
            path(f"{slug}/board/", BoardView.as_view(record=cls), name="opportunity_board"),
            path(f"{slug}/calendar/", CalendarView.as_view(record=cls), name="opportunity_calendar"),
        ]


def opportunity_tabs(opportunity: Opportunity) -> list[tuple[str, str, str]]:
    """The opportunity's own pages beside its detail and history: (tab name, label, address)."""
    return [("bid_no_bid", "Bid/no-bid", reverse("opportunities:opportunity_bid_no_bid", args=[opportunity.pk]))]


class OpportunityDetailView(ObjectDetailView):
    """The opportunity with its deadlines and the stages it may move to."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.get_object())

    def page(self, opportunity: Opportunity, stage_form: forms.StageForm | None = None) -> HttpResponse:
        moves = [
            (stage, label, services.stage_blockers(opportunity, stage))
            for stage, label in forms.StageForm.base_fields["stage"].choices  # type: ignore[attr-defined]
            if stage != opportunity.stage
        ]
        context = self.base_context() | {
            "object": opportunity,
            "fields": detail_fields(opportunity, self.record),
            "tab": "detail",
            "extra_tabs": opportunity_tabs(opportunity),
            "deadlines": services.deadlines([opportunity]),
            "moves": moves,
            "stage_form": stage_form,
        }
        return render(self.request, self.template("detail"), context)


class StageView(OpportunityDetailView):
    """Move the opportunity to another stage (a button on its page)."""

    def permission_actions(self) -> list[str]:
        return ["change"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(self.get_object().get_absolute_url())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        opportunity = self.get_object("change")
        form = forms.StageForm(request.POST)
        if not form.is_valid():
            return self.page(opportunity, stage_form=form)
        try:
            services.move_to_stage(opportunity, form.cleaned_data["stage"], request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("stage", message)
            return self.page(opportunity, stage_form=form)
        messages.success(request, f"Moved to “{opportunity.get_stage_display()}”.")
        return HttpResponseRedirect(opportunity.get_absolute_url())


class BoardView(RecordView):
    """Every opportunity the user may see, in one column per stage (two queries whatever the number)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = self.get_queryset("view").order_by("submission_deadline", "pk")
        if request.GET.get("closed") != "1":
            rows = rows.exclude(stage__in=[str(s) for s in CLOSED_STAGES])
        context = self.base_context() | {
            "columns": services.board(rows),
            "show_closed": request.GET.get("closed") == "1",
        }
        return render(request, "opportunities/opportunity_board.html", context)


def _month(value: str | None) -> date:
    today = timezone.localdate()
    if value:
        try:
            year, month = (int(part) for part in value.split("-", 1))
            return date(year, month, 1)
        except ValueError:
            pass
    return today.replace(day=1)


class CalendarView(RecordView):
    """A month of deadlines, and the address to subscribe to them from Outlook or Google."""

    def get(self, request: HttpRequest) -> HttpResponse:
        first = _month(request.GET.get("month"))
        last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
        rows = self.get_queryset("view").filter(services.deadline_window(first, last))
        items = services.deadlines(rows, first, last)
        by_day: dict[date, list[services.Deadline]] = {}
        for item in items:
            by_day.setdefault(item.day, []).append(item)
        weeks = [
            [(day, by_day.get(day, []), day.month == first.month) for day in week]
            for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        ]
        previous = (first - timedelta(days=1)).replace(day=1)
        following = last + timedelta(days=1)
        user: Any = request.user
        feed = CalendarFeed.objects.filter(user=user).first()
        context = self.base_context() | {
            "month": first,
            "weeks": weeks,
            "items": items,
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}",
            "feed_url": request.build_absolute_uri(reverse("opportunities:calendar_feed", args=[feed.token]))
            if feed
            else None,
        }
        return render(request, "opportunities/opportunity_calendar.html", context)


@login_required
@require_POST
def make_calendar_feed(request: HttpRequest) -> HttpResponse:
    """Make (or, with renew=1, replace) the user's private calendar address."""
    if not request.user.has_perm("opportunities.view_opportunity"):
        raise PermissionDenied("You do not have permission to see opportunities.")
    if request.POST.get("renew") == "1":
        services.renew_calendar_feed(request.user)
        messages.success(request, "Your calendar has a new address; the old one no longer works.")
    else:
        services.calendar_feed_for(request.user)
        messages.success(request, "Your calendar address is ready: copy it into Outlook or Google Calendar.")
    return HttpResponseRedirect(reverse("opportunities:opportunity_calendar") + "#subscribe")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The deadlines as iCalendar, for a calendar program that cannot sign in: the token is the key."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    user = feed.user if feed else None
    if user is None or not user.is_active or not user.has_perm("opportunities.view_opportunity"):
        raise Http404("No such calendar.")
    rows = Opportunity.objects.restrict(user, "view").exclude(stage__in=[str(s) for s in CLOSED_STAGES])
    body = services.icalendar(
        services.deadlines(rows),
        name=f"{settings.CONSORTIUM_NAME or 'Consortia'}: opportunity deadlines",
        host=request.get_host().split(":")[0],
        base_url=f"{request.scheme}://{request.get_host()}",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_POST
def follow_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """Start following a notice as an opportunity in the pipeline (or open the one that follows it)."""
    if not request.user.has_perm("opportunities.add_opportunity"):
        raise PermissionDenied("You do not have permission to add opportunities.")
    notice = get_object_or_404(Notice.objects.restrict(request.user, "view"), pk=pk)
    opportunity, created = services.create_from_notice(notice, request.user)
    if created:
        messages.success(request, "The notice is now an opportunity in the pipeline.")
    else:
        messages.info(request, "This notice is already in the pipeline.")
    return HttpResponseRedirect(opportunity.get_absolute_url())


add_menu_item(
    *MENU, MenuItem("Pipeline board", "opportunities:opportunity_board", "opportunities.view_opportunity", order=12)
)
add_menu_item(
    *MENU,
    MenuItem("Deadlines calendar", "opportunities:opportunity_calendar", "opportunities.view_opportunity", order=14),
)

urlpatterns: list[URLPattern] = [
    *OpportunityViews.urls(),
    path("calendar/subscribe/", make_calendar_feed, name="calendar_subscribe"),
    path("calendar/<str:token>.ics", calendar_feed, name="calendar_feed"),
    path("notices/<int:pk>/follow/", follow_notice, name="notice_follow"),
]
