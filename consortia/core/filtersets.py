"""Base FilterSet shared by the list pages and the API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.choices import BaseChoiceIterator

from consortia.core.forms import style_widgets
from consortia.core.search import text_query


def reference_choices(queryset: QuerySet, label: str = "name") -> ReferenceChoices:
    """Choices for a long list of reference data (areas), read as (id, name) pairs when the
    form is built; cheaper than a model choice field, which makes a record of every option."""
    return ReferenceChoices(queryset, label)


class ReferenceChoices(BaseChoiceIterator):
    """(id, name) pairs read afresh each time the choices are read, as a callable would be.

    A choice iterator rather than a plain callable: Django passes an iterator's pairs through as
    they are, where it would check every one of a callable's 400 pairs (areas) on every page.
    Still callable, so the API schema (drf-spectacular) does not list the rows as an enum."""

    def __init__(self, queryset: QuerySet, label: str) -> None:
        self.queryset = queryset
        self.label = label

    def __call__(self) -> list[tuple[Any, Any]]:
        return list(self.queryset.values_list("pk", self.label))

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return iter(self())

    def __deepcopy__(self, memo: dict[int, Any]) -> ReferenceChoices:
        # Every form copies its fields: nothing here changes, so the copy may be this one.
        return self


# The largest integer a database column holds (SQLite's INTEGER, PostgreSQL's bigint): SQLite
# cannot even compare with a larger one, so a number filter given one answers "not valid".
NUMBER_LIMIT = 2**63 - 1


class BaseFilterSet(django_filters.FilterSet):
    """Adds `q`, a free-text search over `search_fields`, and Bootstrap styling."""

    search_fields: ClassVar[tuple[str, ...]] = ()

    q = django_filters.CharFilter(method="search", label="Search", widget=forms.TextInput(attrs={"type": "search"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number_filter in self.filters.values():  # this filter set's own copies
            if isinstance(number_filter, django_filters.NumberFilter):
                number_filter.extra.setdefault("min_value", -NUMBER_LIMIT)
                number_filter.extra.setdefault("max_value", NUMBER_LIMIT)
                number_filter.__dict__.pop("_field", None)  # a form field built before the limits

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value.strip():
            return queryset
        return queryset.filter(text_query(self.search_fields, value, queryset.model))

    @property
    def form(self) -> Any:
        form = super().form
        if not getattr(form, "_styled", False):
            style_widgets(form)
            form._styled = True
            form.is_filter = True  # filters are all optional; the template need not say so
        return form
