"""The 360Giving importer, in the kit's import page and background jobs (`core.imports`).

A 360Giving file is not a table of Consortia's columns: it is checked whole against the
360Giving schema and written in bulk by `services.giving.import_file`; this class lets the kit's
upload page, its "check only" option and its background `ImportJob` run it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.files.uploadedfile import UploadedFile

from consortia.core.imports import Importer, ImportResult, _read_upload
from consortia.funding.models import GrantRecord
from consortia.funding.services.giving import import_file


class ThreeSixtyGivingImporter(Importer):
    name: ClassVar[str] = "360giving"
    label: ClassVar[str] = "360Giving file (JSON, or the spreadsheet in 360Giving's column titles)"
    help_text: ClassVar[str] = (
        "The whole file is checked against the 360Giving standard first: if any grant fails, nothing is "
        "imported and each problem is listed by its place in the file (for example grants/3/amountAwarded). "
        "Grants are matched on their identifier, so importing the same file again changes nothing."
    )
    model = GrantRecord

    def __init__(self, user: Any = None, progress: Any = None, file_name: str = "") -> None:
        super().__init__(user=user, progress=progress, file_name=file_name)
        self.dataset: Any = None

    def _name_of(self, upload: UploadedFile | bytes) -> str:
        if self.file_name or isinstance(upload, bytes):
            return self.file_name
        return upload.name or ""

    def run(self, upload: UploadedFile | bytes, commit: bool = True) -> ImportResult:
        data = upload if isinstance(upload, bytes) else _read_upload(upload)
        result, self.dataset = import_file(data, self._name_of(upload), commit=commit, progress=self.progress)
        return result
