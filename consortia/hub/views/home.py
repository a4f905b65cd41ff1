"""The hub's home page: the guided set-up checklist of the guidance's stage 8."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.registry import MenuItem, Panel, add_menu_item, add_panel
from consortia.core.views.generic import RecordView
from consortia.hub.services.home import setup_progress
from consortia.hub.views.appraisal import HubDecisionViews

add_menu_item("Hub", 5, MenuItem("Hub set-up", "hub:home", "hub.view_hubdecision", order=0))


def _progress(request: HttpRequest) -> dict[str, Any]:
    steps = setup_progress(request.user)
    return {"steps": steps, "done": sum(step.done for step in steps), "total": len(steps)}


# The dashboard shows how far the hub's set-up has gone until every step is done.
add_panel(Panel("hub/home/panel.html", "hub.view_hubdecision", _progress, order=10))


class HubHomeView(RecordView):
    """Where the hub's set-up stands: five steps, each done or not, with a link to do it."""

    record = HubDecisionViews

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "hub/home/home.html", _progress(request))


urlpatterns: list[URLPattern] = [path("", HubHomeView.as_view(), name="home")]
