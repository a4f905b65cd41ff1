"""Tables of the capabilities area."""

from __future__ import annotations

from datetime import date, timedelta

import django_tables2 as tables
from django.utils import timezone

from consortia.core.tables import BaseTable
from consortia.members.models import Capability, CaseStudy, ClientGroup, QualityMark, ServiceCategory

EXPIRY_WARNING_DAYS = 60


def expiry_flag(expires_on: date | None, today: date | None = None) -> str:
    """ "Expired", "Expires within 60 days" or "" for a quality mark's expiry date."""
    if expires_on is None:
        return ""
    today = today or timezone.localdate()
    if expires_on < today:
        return "Expired"
    if expires_on <= today + timedelta(days=EXPIRY_WARNING_DAYS):
        return "Expires within 60 days"
    return ""


class ServiceCategoryTable(BaseTable):
    name = tables.Column(linkify=True)
    code = tables.Column()
    cpv_codes = tables.Column(verbose_name="CPV codes")
    order = tables.Column()

    class Meta(BaseTable.Meta):
        model = ServiceCategory
        fields = ("name", "code", "cpv_codes", "order")


class ClientGroupTable(BaseTable):
    name = tables.Column(linkify=True)
    order = tables.Column()

    class Meta(BaseTable.Meta):
        model = ClientGroup
        fields = ("name", "order")


class CapabilityTable(BaseTable):
    display = tables.Column(verbose_name="Capability", accessor="pk", linkify=lambda record: record.get_absolute_url())
    organisation = tables.Column(verbose_name="Member", accessor="organisation__name")
    category = tables.Column(verbose_name="Service category", accessor="category__name")
    clients_per_year = tables.Column(verbose_name="People a year")

    class Meta(BaseTable.Meta):
        model = Capability
        fields = ("display", "organisation", "category", "clients_per_year")

    def render_display(self, record: Capability) -> str:
        return str(record)


class QualityMarkTable(BaseTable):
    display = tables.Column(
        verbose_name="Quality mark", accessor="pk", linkify=lambda record: record.get_absolute_url()
    )
    name = tables.Column(verbose_name="Name")
    organisation = tables.Column(verbose_name="Member", accessor="organisation__name")
    reference = tables.Column()
    awarded_on = tables.Column(verbose_name="Awarded")
    expires_on = tables.Column(verbose_name="Expires")
    flag = tables.Column(verbose_name="Note", empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = QualityMark
        fields = ("display", "name", "organisation", "reference", "awarded_on", "expires_on", "flag")

    def render_display(self, record: QualityMark) -> str:
        return str(record)

    def render_flag(self, record: QualityMark) -> str:
        return expiry_flag(record.expires_on) or "—"


class CaseStudyTable(BaseTable):
    title = tables.Column(linkify=True)
    organisation = tables.Column(verbose_name="Member", accessor="organisation__name")
    category = tables.Column(verbose_name="Service category", accessor="category__name")
    year = tables.Column()

    class Meta(BaseTable.Meta):
        model = CaseStudy
        fields = ("title", "organisation", "category", "year")
