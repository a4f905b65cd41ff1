"""API for declared interests."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.people.api.serializers.interests import DeclaredInterestSerializer, InterestReturnSerializer
from consortia.people.filtersets.interests import DeclaredInterestFilterSet, InterestReturnFilterSet
from consortia.people.models import DeclaredInterest, InterestReturn


class DeclaredInterestViewSet(RestrictedModelViewSet):
    base_queryset = DeclaredInterest.objects.select_related("person", "organisation")  # type: ignore[assignment]
    serializer_class = DeclaredInterestSerializer
    filterset_class = DeclaredInterestFilterSet
    ordering_fields = ["declared_on", "ended_on", "created", "updated"]


class InterestReturnViewSet(RestrictedModelViewSet):
    base_queryset = InterestReturn.objects.select_related("person")  # type: ignore[assignment]
    serializer_class = InterestReturnSerializer
    filterset_class = InterestReturnFilterSet
    ordering_fields = ["confirmed_on", "created", "updated"]


routes: list[tuple[str, Any, str]] = [
    ("declared-interests", DeclaredInterestViewSet, "declaredinterest"),
    ("interest-returns", InterestReturnViewSet, "interestreturn"),
]
