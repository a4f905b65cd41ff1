from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.directory.models import Area, Contact, Organisation


class OrganisationTable(BaseTable):
    name = tables.Column(linkify=True)
    role_list = tables.Column(verbose_name="Roles", accessor="roles", orderable=False)
    legal_form = tables.Column()
    org_id = tables.Column(verbose_name="Identifier")
    town = tables.Column()
    postcode = tables.Column()
    area = tables.Column(verbose_name="Local authority")

    class Meta(BaseTable.Meta):
        model = Organisation
        fields = ("name", "role_list", "legal_form", "org_id", "town", "postcode", "area")

    def render_role_list(self, value) -> str:  # type: ignore[no-untyped-def]
        return ", ".join(role.name for role in value.all())

    def value_role_list(self, value) -> str:  # type: ignore[no-untyped-def]
        return ", ".join(role.name for role in value.all())


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
