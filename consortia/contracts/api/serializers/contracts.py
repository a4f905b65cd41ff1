"""API serializers of the contracts app (fields as their forms)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from consortia.contracts.forms.contracts import (
    ContractForm,
    ContractMilestoneForm,
    SubcontractForm,
    VariationForm,
)
from consortia.contracts.models import Contract, ContractDocument, ContractMilestone, Subcontract, Variation
from consortia.core.api import BaseModelSerializer as KitSerializer


class BaseModelSerializer(KitSerializer):
    """Related records are named by their id, as elsewhere in the API."""

    serializer_related_field = serializers.PrimaryKeyRelatedField


class ContractSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:contract-detail")

    class Meta:
        model = Contract
        fields = ["id", "url", "display", *ContractForm._meta.fields, "bid", "value", "created", "updated"]  # type: ignore[misc]
        read_only_fields = ["bid", "value"]


class ContractMilestoneSerializer(BaseModelSerializer):
    form_class = ContractMilestoneForm
    url = serializers.HyperlinkedIdentityField(view_name="api:contractmilestone-detail")

    class Meta:
        model = ContractMilestone


class VariationSerializer(BaseModelSerializer):
    """A new variation is agreed through `agree_variation`; an agreed one changes only in wording and date."""

    url = serializers.HyperlinkedIdentityField(view_name="api:variation-detail")
    FIXED = ("contract", "value_change", "new_end_date")

    class Meta:
        model = Variation
        fields = ["id", "url", "display", *VariationForm._meta.fields, "number", "value_after", "created", "updated"]  # type: ignore[misc]
        read_only_fields = ["number", "value_after"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            changed = [name for name in self.FIXED if name in attrs and attrs[name] != getattr(self.instance, name)]
            if changed:
                raise serializers.ValidationError(
                    dict.fromkeys(changed, "Fixed once agreed: agree another variation to change it.")
                )
            return super().validate(attrs)
        return attrs  # the service checks a new one (numbering, the value never negative)


class SubcontractSerializer(BaseModelSerializer):
    form_class = SubcontractForm
    url = serializers.HyperlinkedIdentityField(view_name="api:subcontract-detail")

    class Meta:
        model = Subcontract


class ContractDocumentSerializer(BaseModelSerializer):
    """Read only: documents are uploaded on the contract's page; the file through its download link."""

    url = serializers.HyperlinkedIdentityField(view_name="api:contractdocument-detail")
    file_download = serializers.SerializerMethodField()

    class Meta:
        model = ContractDocument
        fields = ["id", "url", "display", "contract", "title", "kind", "notes", "file_download", "created", "updated"]

    def get_file_download(self, obj: ContractDocument) -> str | None:
        if not obj.file:
            return None
        path = reverse("contracts:contractdocument_file", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
