"""Members' interest in opportunities, as the hub sees it: who offered what, and taking them forward."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordViews, detail_fields
from consortia.opportunities.filtersets import interests as filtersets
from consortia.opportunities.models import Interest
from consortia.opportunities.services import interests as services
from consortia.opportunities.tables import interests as tables
from consortia.opportunities.views.pipeline import MENU


@register
class InterestViews(RecordViews):
    model = Interest
    table = tables.InterestTable
    filterset = filtersets.InterestFilterSet
    detail_fields = ["opportunity", "organisation", "role", "areas", "capacity", "experience", "status", "submitted_by"]
    search_fields = ("organisation__name", "opportunity__title")
    search_description = "experience"
    menu_group = MENU
    menu_order = 20
    url_slug = "interests"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Interest.objects.select_related("opportunity", "organisation", "submitted_by")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = []
        for pattern in super().urls():
            if pattern.name == "interest_detail":
                pattern = path(str(pattern.pattern), InterestDetailView.as_view(record=cls), name=pattern.name)
            patterns.append(pattern)
        return [
            *patterns,
            path(f"{cls.slug()}/<int:pk>/respond/", RespondView.as_view(record=cls), name="interest_respond"),
        ]


class InterestDetailView(ObjectDetailView):
    """The member's interest, whether it can be a bid partner, and the hub's response."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.get_object())

    def page(self, interest: Interest, errors: list[str] | None = None) -> HttpResponse:
        context = self.base_context() | {
            "object": interest,
            "fields": detail_fields(interest, self.record),
            "tab": "detail",
            "blockers": services.partner_blockers(interest),
            "errors": errors or [],
        }
        return render(self.request, "opportunities/interest_detail.html", context)


class RespondView(InterestDetailView):
    """Add the member as a bid partner (if eligible), or say the interest is not taken forward."""

    def permission_actions(self) -> list[str]:
        return ["change"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(self.get_object().get_absolute_url())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        interest = self.get_object("change")
        try:
            if request.POST.get("response") == "partner":
                services.add_as_partner(interest, request.user)
                messages.success(request, f"{interest.organisation} is now a bid partner.")
            else:
                services.decline(interest, request.user)
                messages.info(request, f"{interest.organisation}'s interest is marked as not taken forward.")
        except ValidationError as error:
            return self.page(interest, errors=error.messages)
        return HttpResponseRedirect(interest.get_absolute_url())


urlpatterns: list[URLPattern] = [*InterestViews.urls()]
