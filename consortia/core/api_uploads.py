"""Files through the API, as through the forms: a pair of serializer fields per stored file.

`UploadField` takes the file (multipart), checks it as the forms do (`check_upload`: its kind by
its content, its size) and gives it a random name (`private_name`); it is never read back. A
change that leaves it out, a full one (PUT) too, keeps the stored file, as the edit form does.
`DownloadField` answers with the link to the view that sends the file once it has checked who
is asking, never a media address, or null when there is no file::

    file = UploadField("policy document")
    file_download = DownloadField("policies:policyversion_file")
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from rest_framework import serializers
from rest_framework.fields import SkipField, empty

from consortia.core.uploads import DOCUMENTS, MAX_MB, check_upload, private_name


class UploadField(serializers.FileField):
    """A stored file's upload: `label` is what messages call it ("CV"), `kinds` the extensions accepted."""

    def __init__(self, label: str, kinds: tuple[str, ...] = DOCUMENTS, max_mb: int = MAX_MB, **kwargs: Any) -> None:
        kwargs["write_only"] = True
        super().__init__(**kwargs)
        self.upload_label = label
        self.kinds = kinds
        self.max_mb = max_mb

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        """A required file is required of a new record only: a change that does not send one (a PUT
        of the other fields) keeps the file stored, as the edit form does when no file is chosen."""
        if data is empty and getattr(self.parent, "instance", None) is not None:
            raise SkipField()
        return super().validate_empty_values(data)  # type: ignore[no-any-return]

    def to_internal_value(self, data: Any) -> Any:
        upload: Any = super().to_internal_value(data)  # an UploadedFile: the parsers give no other
        try:
            check_upload(upload, self.upload_label, self.kinds, self.max_mb)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        private_name(upload)
        return upload


class DownloadField(serializers.URLField):
    """The link to `route` (given the record's id, then `args`) when the record's file is stored.

    The file is the model field named `file`, or else this field's name less "_download"
    (`cv_download` is the link to `cv`).
    """

    def __init__(self, route: str, *, file: str | None = None, args: tuple[Any, ...] = (), **kwargs: Any) -> None:
        kwargs.update(source="*", read_only=True, allow_null=True)
        super().__init__(**kwargs)
        self.route = route
        self.file = file
        self.route_args = args

    def bind(self, field_name: str, parent: Any) -> None:
        super().bind(field_name, parent)
        if self.file is None:
            self.file = field_name.removesuffix("_download")

    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]  # null: no file
        if not getattr(value, str(self.file)):
            return None
        path = reverse(self.route, args=[value.pk, *self.route_args])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
