from __future__ import annotations

import django_filters
from django.contrib.auth.models import Group

from consortia.core.filtersets import BaseFilterSet
from consortia.directory.models import Organisation
from consortia.users import roles
from consortia.users.models import User


class UserFilterSet(BaseFilterSet):
    search_fields = ("full_name", "email")

    role = django_filters.ModelMultipleChoiceFilter(
        field_name="groups",
        queryset=Group.objects.filter(name__in=roles.ROLES).order_by("name"),
        label="Role",
        distinct=True,
    )
    organisation = django_filters.ModelChoiceFilter(
        # Only organisations that have users: the full directory would make a very long list.
        queryset=Organisation.objects.filter(users__isnull=False).distinct().order_by("name"),
        label="Member organisation",
        null_label="None: hub staff and board",
    )
    is_active = django_filters.BooleanFilter(label="Active")

    class Meta:
        model = User
        fields = ["q", "role", "organisation", "is_active"]
