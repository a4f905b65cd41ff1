"""The declared interests list."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.people.models import DeclaredInterest, InterestReturn


class DeclaredInterestTable(BaseTable):
    # Who and in what, as one linked cell: "Jo Bloggs — Bay Advice".
    interest = tables.Column(
        accessor="pk", linkify=True, order_by=("person__full_name", "organisation__name"), verbose_name="Interest"
    )
    nature = tables.Column()
    declared_on = tables.DateColumn(format="d/m/Y")
    ended_on = tables.DateColumn(format="d/m/Y", default="—")

    class Meta(BaseTable.Meta):
        model = DeclaredInterest
        fields = ("interest", "nature", "declared_on", "ended_on")

    def render_interest(self, record: DeclaredInterest) -> str:
        return str(record)

    def value_interest(self, record: DeclaredInterest) -> str:
        return str(record)


class InterestReturnTable(BaseTable):
    confirmation = tables.Column(
        accessor="pk", linkify=True, order_by=("person__full_name", "-confirmed_on"), verbose_name="Confirmation"
    )
    confirmed_on = tables.DateColumn(format="d/m/Y")
    nothing_to_declare = tables.BooleanColumn(yesno="Yes,")

    class Meta(BaseTable.Meta):
        model = InterestReturn
        fields = ("confirmation", "confirmed_on", "nothing_to_declare")

    def render_confirmation(self, record: InterestReturn) -> str:
        return str(record)

    def value_confirmation(self, record: InterestReturn) -> str:
        return str(record)
