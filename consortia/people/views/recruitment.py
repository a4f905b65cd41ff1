"""recruitment pages of the people app."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
