"""The demo's register of interests: everyone on the hub's staff and board has confirmed their
declarations within the year but for two, so the register shows a renewal due soon and one
overdue (run after the board is appointed, so the directors are in it)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from consortia.core.dates import add_months
from consortia.people.models import DeclaredInterest, InterestReturn
from consortia.people.services.interests import RENEWAL_MONTHS, current, declarers

# Days before today of each person's last confirmation, in the register's order; the second is
# due for renewal within the month and the fifth is overdue.
CONFIRMED_DAYS_AGO = (40, 350, 120, 200, 400, 75, 20, 260, 310, 15, 90, 180)


@transaction.atomic
def load() -> None:
    if InterestReturn.objects.exists():
        return
    today = timezone.localdate()
    people = list(declarers())
    holding = set(DeclaredInterest.objects.filter(current(today)).values_list("person_id", flat=True))
    for index, person in enumerate(people):
        days = CONFIRMED_DAYS_AGO[index % len(CONFIRMED_DAYS_AGO)]
        confirmed_on = today - timedelta(days=days)
        earlier = add_months(confirmed_on, -RENEWAL_MONTHS)
        for on in (earlier, confirmed_on):
            confirmation = InterestReturn(
                person=person,
                confirmed_on=on,
                nothing_to_declare=person.pk not in holding and index % 3 == 0,
                note="Declaration form signed and returned." if index % 4 == 0 else "",
            )
            confirmation.stamp(person)
            confirmation.save()
