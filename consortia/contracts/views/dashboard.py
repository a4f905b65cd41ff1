"""The consortium dashboard: contracts and their value by commissioner, subcontracts by member,
members paid within terms, each contract's latest rating and what is coming up (issue 6)."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views import View

from consortia.contracts.services.dashboard import dashboard
from consortia.contracts.views.contracts import MENU
from consortia.core.charts import BLUE, GREY, RAG_COLOURS, bar_chart
from consortia.core.formats import pounds
from consortia.core.registry import MenuItem, add_menu_item
from consortia.performance.choices import Rag

PERMISSION = "contracts.view_contract"


class DashboardView(LoginRequiredMixin, View):
    """The hub's own page: members' and commissioners' users (who may see some contracts) get a
    404, hub users without the right to see contracts a 403. Twelve queries whatever the size:
    session, user, the user's permissions (two) and the eight of `services.dashboard.dashboard`."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if getattr(request.user, "organisation_id", None) is not None:
            raise Http404("No such page.")
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied("You may not see the hub's contracts.")
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
