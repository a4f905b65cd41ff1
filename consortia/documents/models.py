"""Documents generated from records: every Word, PDF and Excel output the hub sends out."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from consortia.core.models import BaseModel
from consortia.documents.choices import CONTENT_TYPES, DocumentFormat


class GeneratedDocument(BaseModel):
    """A file built from a record (a job description, a service specification, an appraisal).

    Each build is kept, so the hub can see what it sent and when, and download it again; the
    record it came from is linked (`source`) and the kind names the builder (`documents.builders`).
    """

    kind = models.CharField(max_length=50, help_text="Which output this is, e.g. job_description.")
    title = models.CharField(max_length=300)
    format = models.CharField(max_length=5, choices=DocumentFormat.choices)
    file = models.FileField(upload_to="documents/%Y/%m/")
    filename = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0, help_text="Bytes.")
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["source_type", "source_id"], name="documents_source")]

    def __str__(self) -> str:
        return self.title

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[DocumentFormat(self.format)]
