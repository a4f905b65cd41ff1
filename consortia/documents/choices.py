"""Fixed lists used by generated documents."""

from django.db import models


class DocumentFormat(models.TextChoices):
    DOCX = "docx", "Word"
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel"


CONTENT_TYPES = {
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentFormat.PDF: "application/pdf",
    DocumentFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
