"""Account pages: the signed-in user's details, API token and two-factor authentication."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "users/account.html", {})


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    return render(request, "users/two_factor.html", {})
