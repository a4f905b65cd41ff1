from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.db.models import Prefetch, QuerySet

from consortia.core.tables import BaseTable
from consortia.directory.models import Area, Contact, Organisation


class OrganisationTable(BaseTable):
    """Organisations with their roles. The table reads the roles of the rows it shows itself, into
    a plain list on each row (`listed_roles`): a prefetch into the `roles` manager builds a
    queryset for every row, which cost about as much as the rest of the page's rows together."""

    name = tables.Column(linkify=True)
    # Drawn from the row itself (`render_role_list`), so the accessor is only what the column
    # reads first: the primary key, which costs nothing; empty_values=() so it is always drawn.
    role_list = tables.Column(verbose_name="Roles", accessor="pk", orderable=False, empty_values=())
    legal_form = tables.Column()
    org_id = tables.Column(verbose_name="Identifier")
    town = tables.Column()
    postcode = tables.Column()
    area = tables.Column(verbose_name="Local authority")

    class Meta(BaseTable.Meta):
        model = Organisation
        fields = ("name", "role_list", "legal_form", "org_id", "town", "postcode", "area")

    def __init__(self, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(data, QuerySet):
            data = data.prefetch_related(Prefetch("roles", to_attr=LISTED_ROLES))
        super().__init__(data, *args, **kwargs)

    def render_role_list(self, record: Organisation) -> str:
        return role_names(record)

    def value_role_list(self, record: Organisation) -> str:
        return role_names(record)


LISTED_ROLES = "listed_roles"


def role_names(organisation: Organisation) -> str:
    """The organisation's roles, from the list the table read when there is one."""
    roles = getattr(organisation, LISTED_ROLES, None)
    if roles is None:
        roles = organisation.roles.all()
    return ", ".join(role.name for role in roles)


class ContactTable(BaseTable):
    name = tables.Column(linkify=True, order_by=("last_name", "first_name"), accessor="name")
    job_title = tables.Column()
    organisation = tables.Column(linkify=True)
    email = tables.EmailColumn()
    phone = tables.Column()
    consent = tables.BooleanColumn(verbose_name="Consent")

    class Meta(BaseTable.Meta):
        model = Contact
        fields = ("name", "job_title", "organisation", "email", "phone", "consent")


class AreaTable(BaseTable):
    name = tables.Column(linkify=True)
    code = tables.Column(verbose_name="ONS code")
    kind = tables.Column()
    parent = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Area
        fields = ("name", "code", "kind", "parent")
