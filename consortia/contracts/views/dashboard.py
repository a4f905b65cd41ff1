"""The consortium dashboard: contracts and their value by commissioner, subcontracts by member,
members paid within terms, each contract's latest rating and what is coming up (issue 6)."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.contracts.services.dashboard import dashboard
from consortia.contracts.views.contracts import MENU
from consortia.core.charts import BLUE, GREY, RAG_COLOURS, bar_chart
from consortia.core.formats import pounds
from consortia.core.registry import MenuItem, add_menu_item
from consortia.core.views.hub import HubPageView
from consortia.performance.choices import Rag

PERMISSION = "contracts.view_contract"


class DashboardView(HubPageView):
    """The hub's own page: members' and commissioners' users (who may see some contracts) get a
    404, hub users without the right to see contracts a 403. Twelve queries whatever the size:
    session, user, the user's permissions (two) and the eight of `services.dashboard.dashboard`."""

    permission = PERMISSION
    refusal = "You may not see the hub's contracts."

    def get(self, request: HttpRequest) -> HttpResponse:
        figures = dashboard(request.user)
        money = partial(pounds, whole=True)
        charts = {
            "commissioners": bar_chart(
                [(line.name, line.value, BLUE) for line in figures.by_commissioner], value_label=money
            ),
            "members": bar_chart([(line.name, line.value, GREY) for line in figures.by_member], value_label=money),
            "ratings": bar_chart(
                [(Rag(rag).label, count, RAG_COLOURS[rag]) for rag, count in figures.rating_totals.items()],
                width=360,
                label_width=80,
            ),
        }
        return render(request, "contracts/dashboard.html", {"figures": figures, "charts": charts})


urlpatterns: list[URLPattern] = [path("dashboard/", DashboardView.as_view(), name="dashboard")]

add_menu_item(*MENU, MenuItem("Consortium dashboard", "contracts:dashboard", PERMISSION, order=0))
