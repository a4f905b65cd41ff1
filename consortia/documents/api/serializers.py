from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.documents.models import GeneratedDocument


class GeneratedDocumentSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:generateddocument-detail")
    download = serializers.SerializerMethodField()
    source_type = serializers.SlugRelatedField(slug_field="model", read_only=True)  # type: ignore[assignment,var-annotated]

    class Meta:
        model = GeneratedDocument
        fields = [
            "id",
            "url",
            "display",
            "kind",
            "title",
            "format",
            "filename",
            "size",
            "download",
            "source_type",
            "source_id",
            "created",
            "created_by",
        ]

    def get_download(self, obj: GeneratedDocument) -> str:
        from django.urls import reverse

        request = self.context.get("request")
        path = reverse("documents:generateddocument_download", args=[obj.pk])
        return request.build_absolute_uri(path) if request else path
