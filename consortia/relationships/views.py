"""The relationships app's pages: engagement plans, interactions, follow-ups, the stakeholder map
and the contract-expiry radar."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.views.generic import RecordViews
from consortia.core.views.hub import HubPageView
from consortia.opportunities.models import NoticeMatch
from consortia.relationships import filtersets, forms, tables
from consortia.relationships.choices import Quadrant
from consortia.relationships.models import HIGH, EngagementPlan, ExpiringContract, FollowUp, Interaction
from consortia.relationships.services import engagement

MENU = ("Relationships", 26)


@register
class EngagementPlanViews(RecordViews):
    model = EngagementPlan
    table = tables.EngagementPlanTable
    filterset = filtersets.EngagementPlanFilterSet
    form = forms.EngagementPlanForm
    detail_fields = [
        "commissioner",
        "is_current",
        "owner",
        "health",
        "health_note",
        "influence",
        "interest",
        "quadrant_label",
        "objectives",
        "review_on",
        "last_contact",
    ]
    search_fields = ("commissioner__name",)
    search_description = "objectives"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        # Every call works out the last contact afresh, as of today.
        return engagement.with_last_contact(EngagementPlan.objects.select_related("commissioner", "owner"))  # type: ignore[return-value]


@register
class InteractionViews(RecordViews):
    model = Interaction
    table = tables.InteractionTable
    filterset = filtersets.InteractionFilterSet
    form = forms.InteractionForm
    search_fields = ("title", "commissioner__name")
    search_description = "notes"
    menu_group = MENU
    menu_order = 20

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Interaction.objects.select_related("commissioner")


@register
class FollowUpViews(RecordViews):
    model = FollowUp
    table = tables.FollowUpTable
    filterset = filtersets.FollowUpFilterSet
    form = forms.FollowUpForm
    search_fields = ("description",)
    menu_group = MENU
    menu_order = 30
    url_slug = "follow-ups"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return FollowUp.objects.select_related("interaction__commissioner", "owner")


@register
class ExpiringContractViews(RecordViews):
    """The contract-expiry radar: a read-only list derived from the notices (`build_expiry_radar`)."""

    model = ExpiringContract
    table = tables.ExpiringContractTable
    filterset = filtersets.ExpiringContractFilterSet
    detail_fields = ["title", "buyer_name", "buyer", "value", "start_date", "end_date", "basis", "suppliers", "notice"]
    search_fields = ("title", "buyer_name")
    search_description = "buyer_name"
    url_slug = "radar"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        current_plan = EngagementPlan.objects.filter(commissioner=OuterRef("buyer_id"), is_current=True).values("pk")[
            :1
        ]
        matches = NoticeMatch.objects.select_related("organisation").order_by("-score", "organisation__name")
        return (
            ExpiringContract.objects.select_related("notice")
            .defer("notice__compiled", "notice__description", "notice__search_text")
            .prefetch_related(Prefetch("notice__matches", queryset=matches))
            .annotate(plan_id=Subquery(current_plan))
        )  # type: ignore[return-value]


add_menu_item(
    *MENU,
    MenuItem(
        "Contract-expiry radar", "relationships:expiringcontract_list", "relationships.view_expiringcontract", order=50
    ),
)


class StakeholderMapView(HubPageView):
    """The current engagement plans on an influence × interest grid, coloured by health.

    The hub's own page: a member's or commissioner's user gets a 404, a hub user without the
    right to see engagement plans a 403. Five queries whatever the number of plans: session,
    user, the user's permissions (two) and the plans with their last contact."""

    permission = "relationships.view_engagementplan"
    refusal = "You may not see the hub's engagement plans."

    def get(self, request: HttpRequest) -> HttpResponse:
        plans = EngagementPlan.objects.restrict(request.user, "view")
        context = {
            "map": engagement.stakeholder_map(plans),
            "high": HIGH,
            "health_classes": engagement.HEALTH_CLASSES,
            "quadrant_classes": engagement.QUADRANT_CLASSES,
            "advice": engagement.QUADRANT_ADVICE,
            "quadrants": list(Quadrant),
        }
        return render(request, "relationships/stakeholder_map.html", context)


add_menu_item(
    *MENU, MenuItem("Stakeholder map", "relationships:stakeholder_map", "relationships.view_engagementplan", order=5)
)

urlpatterns: list[URLPattern] = [
    path("map/", StakeholderMapView.as_view(), name="stakeholder_map"),
    *EngagementPlanViews.urls(),
    *InteractionViews.urls(),
    *FollowUpViews.urls(),
    *ExpiringContractViews.urls(),
]
