"""The hub's home page: the guided set-up checklist of the guidance's stage 8."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.registry import MenuItem, add_menu_item
from consortia.core.views.generic import RecordView
from consortia.hub.services.home import setup_progress
from consortia.hub.views.appraisal import HubDecisionViews

add_menu_item("Hub", 5, MenuItem("Hub set-up", "hub:home", "hub.view_hubdecision", order=0))


class HubHomeView(RecordView):
    """Where the hub's set-up stands: five steps, each done or not, with a link to do it."""

    record = HubDecisionViews

    def get(self, request: HttpRequest) -> HttpResponse:
        steps = setup_progress(request.user)
        done = sum(step.done for step in steps)
        return render(request, "hub/home/home.html", {"steps": steps, "done": done, "total": len(steps)})


urlpatterns: list[URLPattern] = [path("", HubHomeView.as_view(), name="home")]
