"""Generic record operations that every app's views, API and imports share."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model
from django.forms import ModelForm

from consortia.core.models import BaseModel


class StaleEditError(Exception):
    """The record changed after the user opened it; saving would silently overwrite that change."""


@transaction.atomic
def save_form(form: ModelForm, user: Any, seen_updated: str | None = None) -> Model:
    """Save a valid model form as `user`, refusing to overwrite a newer version of the record."""
    instance = form.instance
    if instance.pk is not None and seen_updated is not None and isinstance(instance, BaseModel):
        current = type(instance)._default_manager.select_for_update().filter(pk=instance.pk).values("updated").first()
        if current is None or current["updated"].isoformat() != seen_updated:
            raise StaleEditError
    obj = form.save(commit=False)
    if isinstance(obj, BaseModel):
        obj.stamp(user)
    obj.save()
    form.save_m2m()
    return obj
