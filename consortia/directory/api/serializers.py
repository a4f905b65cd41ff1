from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from consortia.core.api import BaseModelSerializer, RecordUrlField
from consortia.directory.models import Area, Contact, Organisation, OrganisationRole
from consortia.directory.tables import LISTED_ROLES


class RoleCodesField(serializers.ManyRelatedField):
    """The organisation's roles by code, read from the list the API's list read for its rows
    (`LISTED_ROLES`, see `OrganisationViewSet`) when there is one: going through the `roles`
    manager builds a queryset for every row, even from a prefetch. Written as any many-to-many."""

    def get_attribute(self, instance: Organisation) -> Any:
        listed = getattr(instance, LISTED_ROLES, None)
        return listed if listed is not None else super().get_attribute(instance)


class OrganisationSerializer(BaseModelSerializer):
    url = RecordUrlField(view_name="api:organisation-detail")
    roles = RoleCodesField(
        child_relation=serializers.SlugRelatedField(slug_field="code", queryset=OrganisationRole.objects.all()),
        required=False,
    )
    area = serializers.SlugRelatedField(slug_field="code", queryset=Area.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "url",
            "display",
            "name",
            "other_names",
            "legal_form",
            "roles",
            "charity_number",
            "charity_register",
            "company_number",
            "ppon",
            "org_id",
            "address_line_1",
            "address_line_2",
            "town",
            "county",
            "postcode",
            "area",
            "website",
            "email",
            "phone",
            "notes",
            "created",
            "updated",
        ]
        read_only_fields = ["org_id"]

    def validate(self, attrs):  # type: ignore[no-untyped-def]
        # Run the model's own checks (postcode, identifiers) so the API and the forms agree.
        roles = attrs.pop("roles", None)
        instance = Organisation() if self.instance is None else copy.copy(self.instance)
        for field, value in attrs.items():
            setattr(instance, field, value)
        try:
            instance.full_clean(exclude=["roles"], validate_unique=True, validate_constraints=True)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        for field in ("postcode", "company_number", "ppon", "charity_number", "charity_register"):
            if field in attrs or field == "charity_register":
                attrs[field] = getattr(instance, field)
        if roles is not None:
            attrs["roles"] = roles
        return attrs


def _field_values(instance: Organisation) -> dict:  # type: ignore[type-arg]
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


class ContactSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:contact-detail")
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "url",
            "display",
            "first_name",
            "last_name",
            "job_title",
            "organisation",
            "organisation_name",
            "email",
            "phone",
            "preferred_contact",
            "consent",
            "consent_date",
            "consent_source",
            "notes",
            "created",
            "updated",
        ]


class AreaSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:area-detail")
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[assignment,var-annotated]

    class Meta:
        model = Area
        fields = ["id", "url", "display", "code", "name", "kind", "parent"]
