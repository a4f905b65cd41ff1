"""Related records offered to an API client are those its user may see (as `BaseModelForm` does)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class RestrictedRelations(serializers.Serializer):
    """A member's user can name only their own organisation (and the records they may see)."""

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return fields
        for field in fields.values():
            target: Any = getattr(field, "child_relation", field)
            queryset = getattr(target, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                target.queryset = queryset.restrict(user, "view")
        return fields
