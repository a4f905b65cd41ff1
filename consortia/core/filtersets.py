"""Base FilterSet shared by the list pages and the API."""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.db.models import Q, QuerySet

from consortia.core.forms import style_widgets


class BaseFilterSet(django_filters.FilterSet):
    """Adds `q`, a free-text search over `search_fields`, and Bootstrap styling."""

    search_fields: ClassVar[tuple[str, ...]] = ()

    q = django_filters.CharFilter(method="search", label="Search")

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    @property
    def form(self) -> Any:
        form = super().form
        if not getattr(form, "_styled", False):
            style_widgets(form)
            form._styled = True
        return form
