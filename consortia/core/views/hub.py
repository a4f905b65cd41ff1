"""Pages of the hub's own that are not a record type's (a dashboard, a report, a map)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views import View


class HubPageView(LoginRequiredMixin, View):
    """A hub page: someone not signed in is sent to sign in; a member organisation's or
    commissioner's user gets a 404, as if there were no such page (it is not theirs to know of);
    hub staff without `permission` get a 403 saying `refusal`."""

    permission = ""
    refusal = "You may not see this page."

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            if getattr(request.user, "organisation_id", None) is not None:
                raise Http404("No such page.")
            if self.permission and not request.user.has_perm(self.permission):
                raise PermissionDenied(self.refusal)
        return super().dispatch(request, *args, **kwargs)
