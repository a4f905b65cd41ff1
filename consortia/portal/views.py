"""The member portal: a member organisation's own screens, every query scoped to it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from consortia.directory.models import Contact, Organisation


@login_required
def home(request: HttpRequest) -> HttpResponse:
    organisation = Organisation.objects.restrict(request.user, "view").filter(pk=request.user.organisation_id).first()  # type: ignore[union-attr]
    if organisation is None:
        raise Http404("The member portal is for member organisations' users.")
    contacts = Contact.objects.restrict(request.user, "view").filter(organisation=organisation)
    return render(request, "portal/home.html", {"organisation": organisation, "contacts": contacts})
