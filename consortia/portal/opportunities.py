"""The member portal's opportunities: those the hub shows to members, and the member's interest in them.

The hub decides which opportunities members see (`shared_with_members`); a member user reads
those while they are open and keeps their own organisation's expressions of interest.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from consortia.core.forms import BaseModelForm
from consortia.core.guard import SENT_TWICE, STALE_EDIT, FormGuard
from consortia.core.services import StaleEditError
from consortia.opportunities.choices import CLOSED_STAGES
from consortia.opportunities.filtersets.notices import NoticeFilterSet, open_condition
from consortia.opportunities.models import Interest, Notice, NoticeMatch, Opportunity, SavedSearch
from consortia.opportunities.services import interests as services
from consortia.portal.views import PortalView, own


class InterestForm(BaseModelForm):
    class Meta:
        model = Interest
        fields = ["role", "areas", "capacity", "experience"]


def shown_to_members() -> QuerySet[Opportunity]:
    """Opportunities the hub shows to members, still open."""
    return (
        Opportunity.objects.filter(shared_with_members=True)
        .exclude(stage__in=[str(stage) for stage in CLOSED_STAGES])
        .select_related("commissioner")
    )


class Opportunities(PortalView):
    """Opportunities open to members, with this member's interest in each."""

    section = "opportunities"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("opportunities.view_interest"):
            raise PermissionDenied("You may not see opportunities.")
        mine = own(Interest, request)
        rows = shown_to_members().prefetch_related(Prefetch("interests", queryset=mine, to_attr="own_interest"))
        return self.render(
            "portal/opportunities.html",
            {
                "opportunities": rows.order_by("submission_deadline", "pk"),
                "past": mine.exclude(opportunity__in=shown_to_members()).select_related("opportunity"),
            },
        )


class OpportunityPage(PortalView):
    """One opportunity, and the member's expression of interest in it (made or changed here)."""

    section = "opportunities"

    def opportunity(self, pk: int) -> Opportunity:
        if not self.request.user.has_perm("opportunities.view_interest"):
            raise PermissionDenied("You may not see opportunities.")
        found = shown_to_members().filter(pk=pk).first()
        if found is None:
            raise Http404("That opportunity is not open to members.")
        return found

    def interest(self, opportunity: Opportunity) -> Interest:
        existing = own(Interest, self.request).filter(opportunity=opportunity).first()
        return existing or Interest(opportunity=opportunity, organisation=self.organisation)

    def show(
        self, opportunity: Opportunity, form: InterestForm, guard: FormGuard, errors: list[str] | None = None
    ) -> HttpResponse:
        interest = form.instance
        return self.render(
            "portal/opportunity.html",
            {
                "opportunity": opportunity,
                "interest": interest,
                "form": form,
                "guard": guard,
                "blockers": errors if errors is not None else services.expression_blockers(interest),
                "may_express": self.request.user.has_perm(
                    "opportunities.add_interest" if interest.pk is None else "opportunities.change_interest"
                ),
            },
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        opportunity = self.opportunity(pk)
        interest = self.interest(opportunity)
        form = InterestForm(instance=interest, user=request.user)
        return self.show(opportunity, form, FormGuard.open(request, {"": interest}))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        opportunity = self.opportunity(pk)
        interest = self.interest(opportunity)
        action = "add" if interest.pk is None else "change"
        if not request.user.has_perm(f"opportunities.{action}_interest"):
            raise PermissionDenied("You may not express interest in opportunities.")
        guard = FormGuard.posted(request)
        if guard.saved() is not None:
            messages.info(request, SENT_TWICE)
            return redirect("portal:opportunity", pk=pk)
        form = InterestForm(request.POST, instance=interest, user=request.user)
        if not form.is_valid():
            return self.show(opportunity, form, guard)
        form.instance.organisation = self.organisation  # never from the form
        form.instance.opportunity = opportunity
        try:
            saved = services.express_interest(form, request.user, guard.seen() if interest.pk else None)
        except StaleEditError:
            form.add_error(None, STALE_EDIT)
            return self.show(opportunity, form, guard)
        except ValidationError as error:
            return self.show(opportunity, form, guard, errors=error.messages)
        guard.done(saved.pk)
        messages.success(request, "Your interest is sent to the hub. You can change it until the hub responds.")
        return redirect("portal:opportunity", pk=pk)


PORTAL_SEARCH_FIELDS = ("q", "cpv", "region", "status", "suitable_vcse", "order")
RESULTS_SHOWN = 25


class Notices(PortalView):
    """Published notices: those matched to the member, a search, and the member's saved searches."""

    section = "notices"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("opportunities.view_notice"):
            raise PermissionDenied("You may not see notices.")

        params = request.GET.copy()
        searching = any(params.get(name) for name in PORTAL_SEARCH_FIELDS)
        notices = Notice.objects.restrict(request.user, "view").defer("compiled", "search_text")
        filterset = NoticeFilterSet(params, queryset=notices)
        results: list[Any] = []
        if searching and filterset.is_valid():
            results = list(filterset.qs[:RESULTS_SHOWN])
        matches = list(
            own(NoticeMatch, request)
            .filter(open_condition(path="notice__"))
            .select_related("notice")
            .defer("notice__compiled", "notice__search_text")
            .order_by("notice__deadline", "-score")[:RESULTS_SHOWN]
        )
        return self.render(
            "portal/notices.html",
            {
                "filterset": filterset,
                "searching": searching,
                "results": results,
                "matches": matches,
                "saved": own(SavedSearch, request).order_by("name"),
                "query": params.urlencode(),
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        """Save the search on screen, or delete one of the member's saved searches."""
        if "delete" in request.POST:
            search = own(SavedSearch, request, "delete").filter(pk=request.POST.get("delete")).first()
            if search is None:
                raise Http404("No such saved search.")
            search.delete()
            messages.success(request, f"Deleted the saved search “{search.name}”.")
            return redirect("portal:notices")
        if not request.user.has_perm("opportunities.add_savedsearch"):
            raise PermissionDenied("You may not save searches.")
        query = request.POST.get("query", "")[:1000]
        name = request.POST.get("name", "").strip()[:200] or "My search"
        user: Any = request.user
        search = SavedSearch(name=name, query=query, organisation=self.organisation, owner=user)
        search.stamp(request.user)
        search.save()
        messages.success(request, f"Saved “{name}”: new notices it finds will be in your weekly e-mail.")
        return redirect(f"{request.path}?{query}")
