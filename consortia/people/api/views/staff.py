"""API for staff records."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.people.api.serializers.staff import StaffMemberSerializer
from consortia.people.filtersets.staff import StaffMemberFilterSet
from consortia.people.models import StaffMember
from consortia.people.services.staff import with_shared


class StaffMemberViewSet(RestrictedModelViewSet):
    base_queryset = with_shared(StaffMember.objects.select_related("employer"))  # type: ignore[assignment]
    serializer_class = StaffMemberSerializer
    filterset_class = StaffMemberFilterSet
    ordering_fields = ["last_name", "first_name", "start_date", "created", "updated"]


routes: list[tuple[str, Any, str]] = [("staff", StaffMemberViewSet, "staffmember")]
