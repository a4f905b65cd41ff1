"""Dates drawn on the table's fast path read exactly as django-tables2 would draw them."""

from __future__ import annotations

from datetime import UTC, datetime

import django_tables2 as tables
import pytest

from consortia.core.tables import BaseTable
from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory


class DatesTable(BaseTable):
    name = tables.Column()
    created = tables.DateTimeColumn(format="d/m/Y H:i")
    created_day = tables.DateColumn(accessor="created", format="d/m/Y")
    created_short = tables.DateTimeColumn(accessor="created")

    class Meta(BaseTable.Meta):
        model = Organisation
        fields = ("name", "created", "created_day", "created_short")


@pytest.mark.django_db
def test_fast_dates_match_the_library() -> None:
    # Summer: 23:30 UTC is 00:30 the next day in London, which catches a missing time-zone shift.
    summer = OrganisationFactory(name="Summer")
    Organisation.objects.filter(pk=summer.pk).update(created=datetime(2026, 7, 1, 23, 30, tzinfo=UTC))
    winter = OrganisationFactory(name="Winter")
    Organisation.objects.filter(pk=winter.pk).update(created=datetime(2026, 1, 5, 9, 5, tzinfo=UTC))
    table = DatesTable(Organisation.objects.order_by("name"))
    fast = table.html_rows()
    slow = [[str(row.get_cell(column.name)) for column in table.columns] for row in table.paginated_rows]
    assert fast == slow
    assert fast[0][1:3] == ["02/07/2026 00:30", "02/07/2026"]
    assert fast[1][1:3] == ["05/01/2026 09:05", "05/01/2026"]
