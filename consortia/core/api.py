"""The API's half of the core kit: permissions from the model, rows from `restrict()`."""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from rest_framework import serializers, viewsets
from rest_framework.reverse import preserve_builtin_query_params

from consortia.core import registry
from consortia.core.forms import keep_current
from consortia.core.models import RestrictedQuerySet, record_url
from consortia.core.permissions import ACTIONS as _ACTIONS
from consortia.core.sensitive import opened


def api_refusal(error: DjangoValidationError) -> serializers.ValidationError:
    """A service's or model's refusal as the API's 400: its messages by field, or as
    `non_field_errors` when they belong to no field."""
    detail = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
    return serializers.ValidationError(detail)


class RestrictedModelViewSet(viewsets.ModelViewSet):
    """A model's API: the same FilterSet as its list page, rows scoped by `restrict()`."""

    base_queryset: ClassVar[RestrictedQuerySet]

    def get_queryset(self) -> RestrictedQuerySet:
        action = _ACTIONS.get(self.request.method or "GET", "view")
        return self.base_queryset.all().restrict(self.request.user, action)

    def get_object(self) -> Any:
        obj = super().get_object()
        opened(self.request, obj)  # a sensitive record's opening is logged (privacy)
        return obj

    @transaction.atomic
    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        self._save(serializer)

    @transaction.atomic
    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        """Refused, as on the record's edit page, while its views' `edit_blockers` name a reason."""
        instance: Any = serializer.instance
        views = registry.views_for(type(instance))
        _refuse(views.edit_blockers(instance) if views is not None else [])
        self._save(serializer)

    def perform_destroy(self, instance: Any) -> None:
        """As the record's delete page: refused while its views' `delete_blockers` name a reason or
        other records still refer to it, and deleted through its views' `delete` (a service that
        undoes what the record did, where it has one)."""
        views = registry.views_for(type(instance))
        _refuse(views.delete_blockers(instance) if views is not None else [])
        try:
            with transaction.atomic():
                if views is not None:
                    views.delete(instance, self.request.user)
                else:
                    instance.delete()
        except DjangoValidationError as error:
            raise api_refusal(error) from None
        except ProtectedError as error:
            raise serializers.ValidationError({"non_field_errors": [_still_used(instance, error)]}) from None

    def _save(self, serializer: serializers.BaseSerializer) -> Any:
        user = self.request.user
        instance = serializer.instance
        extra: dict[str, Any] = {"updated_by": user}
        if instance is None:
            extra["created_by"] = user
        return serializer.save(**extra)


def _refuse(reasons: list[str]) -> None:
    if reasons:
        raise serializers.ValidationError({"non_field_errors": reasons})


def _still_used(instance: Any, error: ProtectedError) -> str:
    """Why a record others refer to cannot be deleted, naming a few of them."""
    others = list(error.protected_objects)
    named = "; ".join(f"{obj._meta.verbose_name} “{obj}”" for obj in others[:5])
    more = f" and {len(others) - 5} more" if len(others) > 5 else ""
    return (
        f"“{instance}” cannot be deleted while other records refer to it ({named}{more}): remove or change those first."
    )


class RecordUrlField(serializers.HyperlinkedIdentityField):
    """DRF's link to a record's API page, its route resolved once per process rather than once per
    row (`core.models.record_url`): a list of fifty records otherwise reverses it fifty times.

    Any case this shortcut does not cover (a format suffix, a lookup other than the key, API
    versioning) goes through DRF's own `get_url`.
    """

    def get_url(self, obj: Any, view_name: str, request: Any, format: str | None) -> str | None:
        if format is not None or self.lookup_field != "pk" or getattr(request, "versioning_scheme", None) is not None:
            return super().get_url(obj, view_name, request, format)  # type: ignore[no-any-return]
        if obj.pk in (None, ""):
            return None  # not saved yet
        url = record_url(view_name, obj.pk)
        if request is None:
            return url
        return preserve_builtin_query_params(request.build_absolute_uri(url), request)  # type: ignore[no-any-return]


class BaseModelSerializer(serializers.HyperlinkedModelSerializer):
    """Records carry their id, API URL, page URL and timestamps.

    A serializer that takes exactly its record's edit form's fields names the form as
    `form_class` and leaves out `Meta.fields`: they are the form's, between the id, URL and name
    and the timestamps, so the two lists cannot drift apart.
    """

    form_class: ClassVar[type[forms.ModelForm] | None] = None

    id = serializers.IntegerField(read_only=True)
    display = serializers.CharField(source="__str__", read_only=True)
    created = serializers.DateTimeField(read_only=True)
    updated = serializers.DateTimeField(read_only=True)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("Meta")
        if cls.form_class is None or meta is None or "fields" in vars(meta) or "exclude" in vars(meta):
            return
        form_meta: Any = cls.form_class._meta
        if form_meta.model is not meta.model:
            raise TypeError(f"{cls.__name__}.form_class edits {form_meta.model.__name__}, not {meta.model.__name__}.")
        meta.fields = ["id", "url", "display", *form_meta.fields, "created", "updated"]

    def get_fields(self) -> dict[str, Any]:
        """Related records a client may name are those its user may see, as in `BaseModelForm`.

        Without this a member organisation's user could attach a record to another organisation
        by giving its id. A serializer that checks a relation itself, with a better message,
        names it in `unrestricted_relations`.
        """
        fields = super().get_fields()
        request = self.context.get("request")
        unrestricted = getattr(self, "unrestricted_relations", ())
        user = getattr(request, "user", None)
        if user is None:
            return fields
        for name, field in fields.items():
            if name in unrestricted:
                continue
            target: Any = getattr(field, "child_relation", field)
            queryset = getattr(target, "queryset", None)
            if queryset is not None and hasattr(queryset, "choices_for"):
                current: Any = None
                editing = self.instance is not None and not isinstance(self.instance, (list, QuerySet))
                attribute = str(field.source or name)  # fields are not bound yet: source is set when declared
                if editing and queryset.model is get_user_model() and attribute != "*":
                    source: Any = getattr(self.instance, attribute, None)
                    current = list(source.all()) if hasattr(source, "all") else source
                target.queryset = keep_current(queryset.choices_for(user), queryset, current)
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Run the model's own `clean()` and constraints, so the API refuses what the forms refuse."""
        attrs = super().validate(attrs)
        model: Any = self.Meta.model  # type: ignore[attr-defined]
        many = {field.name for field in model._meta.many_to_many}
        writable = {field.source for field in self._writable_fields}
        # Fields the API does not take (set by a service, or derived) are not the caller's fault.
        exclude = many | {field.name for field in model._meta.concrete_fields if field.name not in writable}
        instance = model() if self.instance is None else copy.copy(self.instance)
        for name, value in attrs.items():
            if name not in many:
                setattr(instance, name, value)
        try:
            instance.full_clean(exclude=sorted(exclude), validate_unique=True, validate_constraints=True)
        except DjangoValidationError as error:
            raise api_refusal(error) from None
        return attrs
