"""The register of interests, and the conflicts it raises in the hub's decisions.

A person with a current interest in an organisation that stands to gain from a decision is
conflicted: their say in it (a bid/no-bid score, say) is left out and the record says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from consortia.core.dates import add_months
from consortia.people.choices import InterestReminderKind, RegisterState
from consortia.people.models import DeclaredInterest, InterestReminder, InterestReturn

if TYPE_CHECKING:
    from consortia.users.models import User


def current(on: date | None = None) -> Q:
    """Interests in force on a day: declared by then and not yet ended."""
    day = on or timezone.localdate()
    return Q(declared_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


def is_current(interest: DeclaredInterest, on: date) -> bool:
    """`current(on)` for one interest in hand."""
    return interest.declared_on <= on and (interest.ended_on is None or interest.ended_on >= on)


def conflicts(
    person_ids: Iterable[int], organisation_ids: Iterable[int], on: date | None = None
) -> dict[int, list[DeclaredInterest]]:
    """{person id: their current interests in any of the organisations}, in one query."""
    people = list(person_ids)
    organisations = list(organisation_ids)
    found: dict[int, list[DeclaredInterest]] = defaultdict(list)
    if not people or not organisations:
        return {}
    rows = (
        DeclaredInterest.objects.filter(current(on), person_id__in=people, organisation_id__in=organisations)
        .select_related("organisation")
        .order_by("person_id", "organisation__name")
    )
    for interest in rows:
        found[interest.person_id].append(interest)
    return dict(found)


def describe(interests: Iterable[DeclaredInterest]) -> str:
    """ "Trustee, director or committee member of Bay Advice" and so on, joined for a sentence."""
    return "; ".join(f"{interest.get_nature_display().lower()} of {interest.organisation}" for interest in interests)


# The register of interests: who must declare, and the yearly confirmation ----------------------

RENEWAL_MONTHS = 12
DUE_SOON_DAYS = 30


def declarers() -> QuerySet[User]:
    """Everyone who must keep their declarations current: the hub's active staff and board (users
    with a role and no member organisation). Member organisations' users take no part in the
    hub's decisions."""
    from consortia.users.models import User

    return (
        User.objects.filter(is_active=True, organisation__isnull=True, groups__isnull=False)
        .distinct()
        .order_by("full_name", "email")
    )


def renewal_due(last_confirmed: date | None, today: date) -> tuple[date | None, str]:
    """(when the next confirmation is due, its state) from the date of the last one."""
    if last_confirmed is None:
        return None, RegisterState.NEVER
    due_on = add_months(last_confirmed, RENEWAL_MONTHS)
    if today > due_on:
        return due_on, RegisterState.OVERDUE
    if today >= due_on - timedelta(days=DUE_SOON_DAYS):
        return due_on, RegisterState.DUE_SOON
    return due_on, RegisterState.CURRENT


@dataclass
class RegisterEntry:
    """One person in the register: their interests in force, and where their confirmation stands."""

    person: User
    interests: list[DeclaredInterest]
    last_confirmed: date | None
    nothing_to_declare: bool
    due_on: date | None
    state: str

    @property
    def state_label(self) -> str:
        return RegisterState(self.state).label


def register(on: date | None = None) -> list[RegisterEntry]:
    """The register of interests on a day: every declarer, and anyone else with an interest in
    force, with those interests and their last confirmation (2 queries whatever the size)."""
    from consortia.users.models import User

    today = on or timezone.localdate()
    interests: dict[int, list[DeclaredInterest]] = defaultdict(list)
    for interest in (
        DeclaredInterest.objects.filter(current(today))
        .select_related("organisation")
        .order_by("person_id", "organisation__name", "pk")
    ):
        interests[interest.person_id].append(interest)
    latest = InterestReturn.objects.filter(person=OuterRef("pk"), confirmed_on__lte=today).order_by(
        "-confirmed_on", "-pk"
    )
    people = (
        User.objects.filter(Q(pk__in=declarers().values("pk")) | Q(pk__in=list(interests)))
        .annotate(
            last_confirmed=Subquery(latest.values("confirmed_on")[:1]),
            nothing_declared=Subquery(latest.values("nothing_to_declare")[:1]),
        )
        .order_by("full_name", "email")
    )
    entries = []
    for person in people:
        last = getattr(person, "last_confirmed", None)
        due_on, state = renewal_due(last, today)
        entries.append(
            RegisterEntry(
                person,
                interests.get(person.pk, []),
                last,
                bool(getattr(person, "nothing_declared", False)),
                due_on,
                state,
            )
        )
    return entries


def check_nothing_to_declare(person: User, on: date) -> None:
    """ "Nothing to declare" is refused while the register holds an interest of theirs in force:
    it would contradict the register."""
    held = list(DeclaredInterest.objects.filter(current(on), person=person).select_related("organisation"))
    if held:
        them = "them" if len(held) != 1 else "it"
        raise ValidationError(
            {
                "nothing_to_declare": (
                    f"The register holds {len(held)} interest{'s' if len(held) != 1 else ''} of {person} in force "
                    f"({describe(held)}). End {them} first, or confirm the entries instead."
                )
            }
        )


@transaction.atomic
def confirm_declarations(
    person: User, *, nothing_to_declare: bool, note: str = "", by: User | None = None
) -> InterestReturn:
    """Record a person's yearly confirmation that their entries are complete and current."""
    today = timezone.localdate()
    confirmation = InterestReturn(person=person, confirmed_on=today, nothing_to_declare=nothing_to_declare, note=note)
    confirmation.full_clean()
    confirmation.stamp(by or person)
    confirmation.save()
    return confirmation


def send_interest_reminders(today: date | None = None) -> dict[str, int]:
    """E-mail each declarer whose yearly confirmation is due within 30 days or overdue (or who has
    never confirmed), once per due date and kind (`InterestReminder`), so running it again sends
    nothing twice. Returns how many of each were sent."""
    today = today or timezone.localdate()
    counts = {InterestReminderKind.DUE_SOON.value: 0, InterestReminderKind.OVERDUE.value: 0}
    declarer_ids = set(declarers().values_list("pk", flat=True))
    entries = [entry for entry in register(today) if entry.person.pk in declarer_ids]
    sent = set(InterestReminder.objects.filter(person_id__in=declarer_ids).values_list("person_id", "due_on", "kind"))
    link = f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{reverse('people:my_interests')}"
    for entry in entries:
        if entry.state == RegisterState.CURRENT:
            continue
        kind = InterestReminderKind.DUE_SOON if entry.state == RegisterState.DUE_SOON else InterestReminderKind.OVERDUE
        due_on = entry.due_on or entry.person.date_joined.date()
        if (entry.person.pk, due_on, kind.value) in sent:
            continue
        if entry.state == RegisterState.NEVER:
            subject = "Please declare your interests"
            opening = "You have not yet confirmed your entries in the consortium's register of interests."
        elif kind == InterestReminderKind.DUE_SOON:
            subject = f"Your declaration of interests is due for renewal on {due_on:%d/%m/%Y}"
            opening = (
                f"Once a year we ask everyone on the hub's staff and board to confirm that their entries in the "
                f"register of interests are complete and current. Yours is due on {due_on:%d/%m/%Y}."
            )
        else:
            subject = "Your declaration of interests is overdue"
            opening = f"Your yearly confirmation of your declared interests was due on {due_on:%d/%m/%Y}."
        with transaction.atomic():
            _, created = InterestReminder.objects.get_or_create(person=entry.person, due_on=due_on, kind=kind)
            if not created:
                continue
            send_mail(
                subject,
                f"Hello {entry.person.full_name or entry.person.email},\n\n{opening}\n\n"
                f"Check your entries and confirm them (or tell us of a new interest) at:\n{link}\n\nThank you.\n",
                None,
                [entry.person.email],
            )
        counts[kind.value] += 1
    return counts
