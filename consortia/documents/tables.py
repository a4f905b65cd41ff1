from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.documents.models import GeneratedDocument


class GeneratedDocumentTable(BaseTable):
    title = tables.Column(linkify=True)
    format = tables.Column()
    filename = tables.Column(verbose_name="File")
    created = tables.DateTimeColumn(verbose_name="Generated", format="d/m/Y H:i")
    created_by = tables.Column(verbose_name="By")

    class Meta(BaseTable.Meta):
        model = GeneratedDocument
        fields = ("title", "format", "filename", "created", "created_by")
