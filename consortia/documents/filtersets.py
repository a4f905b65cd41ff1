from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.documents.choices import DocumentFormat
from consortia.documents.models import GeneratedDocument


class GeneratedDocumentFilterSet(BaseFilterSet):
    search_fields = ("title", "filename", "kind")

    format = django_filters.ChoiceFilter(choices=DocumentFormat.choices, empty_label="Any")
    kind = django_filters.CharFilter(label="Kind")

    class Meta:
        model = GeneratedDocument
        fields = ["q", "format", "kind"]
