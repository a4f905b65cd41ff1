from __future__ import annotations

from typing import Any

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.users.models import User


class UserTable(BaseTable):
    full_name = tables.Column(verbose_name="Name", linkify=True)
    email = tables.EmailColumn(verbose_name="E-mail address")
    organisation = tables.Column(verbose_name="Member organisation", linkify=True)
    roles = tables.Column(verbose_name="Roles", accessor="groups", orderable=False)
    is_active = tables.BooleanColumn(verbose_name="Active")
    last_login = tables.DateTimeColumn(verbose_name="Last signed in", default="Never")

    class Meta(BaseTable.Meta):
        model = User
        fields = ("full_name", "email", "organisation", "roles", "is_active", "last_login")

    def render_roles(self, value: Any) -> str:
        # `.all()` reads the prefetched groups (UserViews.queryset), so rows cost no queries.
        return ", ".join(group.name for group in value.all()) or "None"

    def value_roles(self, value: Any) -> str:
        return self.render_roles(value)
