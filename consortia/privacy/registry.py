"""Every record type that holds personal data, declared once (UK GDPR).

Each `RecordType` says how to find a person's rows, which fields are personal, how long the
rows are kept and why (the retention rule in plain English and as a query), and what erasure
does to them: delete, anonymise (personal fields become "Erased"), unlink the person from the
record, or keep, with the legal reason. The subject-access export, the erasure, the retention
command (`apply_retention`) and the retention page all read this list; a test fails when a
model gains a field that looks personal without being declared here.

A person is found by e-mail (any case) and by name. When both are given, a row found by name
only counts if it has no e-mail of its own (another "Sam Smith" with a different address is
someone else). Rows that point at the person's user account, directory contact or staff record
are theirs too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat

from consortia.core.dates import add_months

PLACEHOLDER = "Erased"

# How erasure treats a record type's rows.
DELETE = "delete"
ANONYMISE = "anonymise"
UNLINK = "unlink"
KEEP = "keep"

ERASURE_LABELS = {
    DELETE: "deleted",
    ANONYMISE: "anonymised (personal fields replaced by “Erased”)",
    UNLINK: "the person is taken off the record",
    KEEP: "kept",
}

# Where the person's own records are found first; the other record types point at these.
USER = "users.user"
CONTACT = "directory.contact"
STAFF = "people.staffmember"


@dataclass(frozen=True)
class Person:
    """Who a subject-access request or an erasure is about."""

    email: str = ""
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "email", self.email.strip())
        object.__setattr__(self, "name", " ".join(self.name.split()))

    def __bool__(self) -> bool:
        return bool(self.email or self.name)

    def __str__(self) -> str:
        return " ".join(part for part in (self.name, f"<{self.email}>" if self.email else "") if part)


@dataclass(frozen=True)
class RecordType:
    """One record type holding personal data, and the rules for it."""

    label: str  # "app.Model"
    title: str
    personal: tuple[str, ...]  # the fields that are personal data
    retention: str  # the rule in plain English
    legal_basis: str  # why we hold it, and why we keep it when erasure keeps it
    on_erasure: str = DELETE
    # Finding a person's rows: e-mail fields (any case), name fields (one tuple per way of
    # writing the full name), and paths to the person's user account, contact or staff record.
    emails: tuple[str, ...] = ()
    names: tuple[tuple[str, ...], ...] = ()
    via_user: tuple[str, ...] = ()
    via_contact: tuple[str, ...] = ()
    via_staff: tuple[str, ...] = ()
    only: Q | None = None  # only rows of this kind hold personal data of this sort (DBS evidence)
    # Rows erasure keeps whatever `on_erasure` says, and why (an appointed applicant's file).
    keep_when: Q | None = None
    keep_reason: str = ""
    unlink: tuple[str, ...] = ()  # many-to-many fields the person is taken off (UNLINK)
    # A record type whose erasure is a service of its own app: (rows, today) -> rows done.
    eraser: Callable[[QuerySet[Any], date], int] | None = None
    # The machine rule: rows past their retention period, not yet dealt with, on `today`.
    expired: Callable[[date], QuerySet[Any]] | None = None
    retention_action: str = DELETE  # DELETE or ANONYMISE, or the eraser when one is given
    also_applied_by: str = ""  # a command that applies the same rule on its own
    # How a row is named on the page, when its own name will not do (an API key's is the key).
    describe: Callable[[Any], str] = str

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @property
    def key(self) -> str:
        return self.label.lower()

    @property
    def erasure_text(self) -> str:
        return ERASURE_LABELS[self.on_erasure]


def _months_ago(today: date, months: int) -> date:
    return add_months(today, -months)


def _not_erased(model_field: str) -> Q:
    return ~Q(**{model_field: PLACEHOLDER})


# -- the erasers that are another app's own service ----------------------------------------------


def _erase_applicants(rows: QuerySet[Any], today: date) -> int:
    from consortia.people.services.recruitment import delete_applicant_data

    done = 0
    for application in rows.filter(personal_data_deleted_on__isnull=True).select_related("vacancy"):
        delete_applicant_data(application, today)
        done += 1
    return done


def _expired_applicants(today: date) -> QuerySet[Any]:
    from consortia.people.models import Application
    from consortia.people.services.recruitment import expired_applications

    return Application.objects.filter(pk__in=[application.pk for application in expired_applications(today)])


def _erase_users(rows: QuerySet[Any], today: date) -> int:
    """Accounts are anonymised, not deleted: decisions, approvals and history name who did them,
    and now name "Erased"; the account can no longer sign in."""
    from django.contrib.auth.hashers import make_password

    done = 0
    for user in rows:
        type(user)._base_manager.filter(pk=user.pk).update(
            email=f"erased-{user.pk}@erased.invalid",
            full_name=PLACEHOLDER,
            is_active=False,
            password=make_password(None),
        )
        done += 1
    return done


def _expired_dbs_evidence(today: date) -> QuerySet[Any]:
    from consortia.members.models import Evidence

    cutoff = today - timedelta(days=183)
    return Evidence.objects.filter(DBS_EVIDENCE, _not_erased("answer")).filter(
        Q(superseded_by__isnull=False, updated__date__lt=cutoff) | Q(renews_on__lt=cutoff)
    )


DBS_EVIDENCE = Q(requirement__needs_dbs_level=True) | ~Q(dbs_level="")

REMINDER_RETENTION = "1 year after the date it reminded of, then deleted (it only stops a reminder being sent twice)."
REMINDER_BASIS = "Legitimate interests: reminders sent to the hub's staff about their work."


def _reminder(label: str, title: str) -> RecordType:
    def expired(today: date) -> QuerySet[Any]:
        return apps.get_model(label)._base_manager.filter(due_on__lt=_months_ago(today, 12))

    return RecordType(
        label=label,
        title=title,
        personal=("sent_to",),
        emails=("sent_to",),
        retention=REMINDER_RETENTION,
        legal_basis=REMINDER_BASIS,
        on_erasure=ANONYMISE,  # the row stays, so the reminder is still not sent twice
        expired=expired,
    )


RECORD_TYPES: list[RecordType] = [
    # The roots: a person's account, directory contact and staff record.
    RecordType(
        label="users.User",
        title="User accounts",
        personal=("email", "full_name"),
        emails=("email",),
        names=(("full_name",),),
        retention="While they use Consortia; when they leave, the account is made inactive. Erased on request.",
        legal_basis="Contract and legitimate interests: signing in, and recording who did what.",
        on_erasure=ANONYMISE,
        eraser=_erase_users,
    ),
    RecordType(
        label="directory.Contact",
        title="Directory contacts",
        personal=("first_name", "last_name", "email", "phone", "job_title", "notes", "consent_source"),
        emails=("email",),
        names=(("first_name", "last_name"),),
        retention="While they are a contact of the organisation; deleted on request or when they leave it.",
        legal_basis="Legitimate interests (or their consent, where recorded): working with member organisations and commissioners.",
        on_erasure=DELETE,
    ),
    RecordType(
        label="people.StaffMember",
        title="Hub staff records",
        personal=("first_name", "last_name"),
        names=(("first_name", "last_name"),),
        via_user=("user",),
        retention="6 years after employment with the hub ends, then the name is anonymised.",
        legal_basis="Legal obligation: employment, tax and pension records (HMRC, 6 years); recharges to employers.",
        on_erasure=KEEP,
        expired=lambda today: (
            apps.get_model("people.StaffMember")
            ._base_manager.filter(end_date__lt=_months_ago(today, 72))
            .filter(_not_erased("first_name"))
        ),
        retention_action=ANONYMISE,
    ),
    RecordType(
        label="people.Timesheet",
        title="Timesheets",
        personal=("notes",),
        via_staff=("staff",),
        retention="6 years after the week it records, then deleted.",
        legal_basis="Legal obligation: the hours behind recharges and payroll are financial records (6 years).",
        on_erasure=KEEP,
        expired=lambda today: apps.get_model("people.Timesheet")._base_manager.filter(
            week_start__lt=_months_ago(today, 72)
        ),
    ),
    RecordType(
        label="people.Application",
        title="Job applications",
        personal=("first_name", "last_name", "email", "phone", "cv", "supporting_statement", "decision_notes"),
        emails=("email",),
        names=(("first_name", "last_name"),),
        retention="Unsuccessful applicants: the vacancy's retention period (6 months by default) after it closes, "
        "then the personal data is deleted and the scores kept without a name. Appointed applicants: kept "
        "with their staff record.",
        legal_basis="Legitimate interests: recruiting fairly and answering a challenge to a decision (Equality Act 2010 claims).",
        on_erasure=ANONYMISE,
        keep_when=Q(stage="appointed"),
        keep_reason="The appointed applicant's application is part of their employment record.",
        eraser=_erase_applicants,
        expired=_expired_applicants,
        also_applied_by="delete_expired_applicants",
    ),
    RecordType(
        label="members.MembershipApplication",
        title="Membership applications (contact person)",
        personal=("contact_name", "contact_job_title", "contact_email", "contact_phone"),
        emails=("contact_email",),
        names=(("contact_name",),),
        retention="Applications not approved: 12 months after the decision, then the contact person's details are anonymised.",
        legal_basis="Legitimate interests: deciding an organisation's application to join; the application is the organisation's.",
        on_erasure=ANONYMISE,
        expired=lambda today: (
            apps.get_model("members.MembershipApplication")
            ._base_manager.filter(status="rejected", decided_at__date__lt=_months_ago(today, 12))
            .filter(_not_erased("contact_name"))
        ),
        retention_action=ANONYMISE,
    ),
    RecordType(
        label="members.Evidence",
        title="Due-diligence evidence of DBS checks",
        personal=("file", "original_filename", "answer", "dbs_level"),
        via_user=("created_by",),
        only=DBS_EVIDENCE,
        retention="While current; 6 months after it is replaced or runs out, the file and answer are deleted "
        "(the DBS code of practice: no longer than needed).",
        legal_basis="Legitimate interests and safeguarding: members' due diligence before they deliver services.",
        on_erasure=KEEP,
        expired=_expired_dbs_evidence,
        retention_action=ANONYMISE,
    ),
    RecordType(
        label="people.DeclaredInterest",
        title="Register of interests: entries",
        personal=("details",),
        via_user=("person",),
        retention="6 years after the interest ended, then deleted.",
        legal_basis="Legal obligation (charity and company law, Charity Commission CC29): shows how conflicts were handled in decisions.",
        on_erasure=KEEP,
        expired=lambda today: apps.get_model("people.DeclaredInterest")._base_manager.filter(
            ended_on__lt=_months_ago(today, 72)
        ),
    ),
    RecordType(
        label="people.InterestReturn",
        title="Register of interests: yearly confirmations",
        personal=("note",),
        via_user=("person",),
        retention="6 years after the confirmation, then deleted.",
        legal_basis="Legal obligation (Charity Commission CC29): evidence the register was kept up to date.",
        on_erasure=KEEP,
        expired=lambda today: apps.get_model("people.InterestReturn")._base_manager.filter(
            confirmed_on__lt=_months_ago(today, 72)
        ),
    ),
    RecordType(
        label="people.InterestReminder",
        title="Register of interests: reminders sent",
        personal=(),
        via_user=("person",),
        retention=REMINDER_RETENTION,
        legal_basis=REMINDER_BASIS,
        on_erasure=DELETE,
        expired=lambda today: apps.get_model("people.InterestReminder")._base_manager.filter(
            due_on__lt=_months_ago(today, 12)
        ),
    ),
    RecordType(
        label="governance.Appointment",
        title="Board and committee appointments",
        personal=("notes",),
        via_user=("person",),
        retention="Kept for the life of the consortium (the register of directors and trustees).",
        legal_basis="Legal obligation: Companies Act 2006 s.162 and charity law registers.",
        on_erasure=KEEP,
    ),
    RecordType(
        label="governance.Attendance",
        title="Meeting attendance",
        personal=(),
        via_user=("person",),
        retention="Kept with the minutes (at least 10 years).",
        legal_basis="Legal obligation: minutes of directors' meetings (Companies Act 2006 s.248).",
        on_erasure=KEEP,
    ),
    RecordType(
        label="governance.MeetingDeclaration",
        title="Interests declared at meetings",
        personal=("interest",),
        via_user=("person",),
        retention="Kept with the minutes (at least 10 years).",
        legal_basis="Legal obligation: the minutes record conflicts of interest (Companies Act 2006 s.248, CC29).",
        on_erasure=KEEP,
    ),
    RecordType(
        label="relationships.Interaction",
        title="Commissioner interactions (who took part)",
        personal=(),
        via_user=("hub_attendees",),
        via_contact=("contacts",),
        retention="Kept while the relationship with the commissioner lasts.",
        legal_basis="Legitimate interests: the hub's record of its work with commissioners.",
        on_erasure=UNLINK,
        unlink=("hub_attendees", "contacts"),
    ),
    _reminder("contracts.ContractAlert", "Contract reminders sent"),
    _reminder("policies.PolicyReminder", "Policy review reminders sent"),
    _reminder("relationships.FollowUpReminder", "Follow-up reminders sent"),
    RecordType(
        label="authtoken.Token",
        title="API keys",
        personal=(),
        describe=lambda token: f"API key made {token.created:%d/%m/%Y}",
        via_user=("user",),
        retention="Until the user or the hub manager revokes it.",
        legal_basis="Contract: access to the API.",
        on_erasure=DELETE,
    ),
    RecordType(
        label="opportunities.CalendarFeed",
        title="Calendar feed links",
        personal=(),
        via_user=("user",),
        retention="Until the user turns the feed off.",
        legal_basis="Contract: the user's own deadlines calendar.",
        on_erasure=DELETE,
    ),
    RecordType(
        label="privacy.SubjectAccessRequest",
        title="Subject-access requests",
        personal=("subject_name", "subject_email", "requested_by", "notes"),
        emails=("subject_email",),
        names=(("subject_name",),),
        retention="2 years after the request was answered, then the person's details are anonymised.",
        legal_basis="Legal obligation: showing how and when a request under UK GDPR was answered.",
        on_erasure=KEEP,
        expired=lambda today: (
            apps.get_model("privacy.SubjectAccessRequest")
            ._base_manager.filter(fulfilled_on__lt=_months_ago(today, 24))
            .filter(_not_erased("subject_name"))
        ),
        retention_action=ANONYMISE,
    ),
]


def record_types() -> list[RecordType]:
    return list(RECORD_TYPES)


def record_type(label: str) -> RecordType:
    return next(entry for entry in RECORD_TYPES if entry.key == label.lower())


# -- finding a person's rows ---------------------------------------------------------------------


def rows_of(entry: RecordType, person: Person, found: dict[str, list[int]]) -> list[int]:
    """The primary keys of `entry`'s rows that are `person`'s, given the roots found so far."""
    model = entry.model
    rows: QuerySet[Any] = model._base_manager.all()
    condition = Q(pk__in=[])
    if person.email:
        for name in entry.emails:
            condition |= Q(**{f"{name}__iexact": person.email})
    if person.name:
        for index, parts in enumerate(entry.names):
            alias = f"_privacy_name_{index}"
            pieces: list[Any] = []
            for part in parts:
                pieces += [part, Value(" ")]
            rows = rows.alias(**{alias: Concat(*pieces[:-1]) if len(pieces) > 2 else models.F(parts[0])})
            by_name = Q(**{f"{alias}__iexact": person.name})
            if person.email and entry.emails:
                # Someone of the same name with an e-mail address of their own is someone else.
                for email in entry.emails:
                    by_name &= Q(**{email: ""})
            condition |= by_name
    for paths, root in ((entry.via_user, USER), (entry.via_contact, CONTACT), (entry.via_staff, STAFF)):
        if found.get(root):
            for path in paths:
                condition |= Q(**{f"{path}__in": found[root]})
    rows = rows.filter(condition)
    if entry.only is not None:
        rows = rows.filter(entry.only)
    return sorted(set(rows.values_list("pk", flat=True)))


def find(person: Person) -> dict[str, list[int]]:
    """Every record type's rows held about `person`: {label: [pk, ...]} (the roots first)."""
    found: dict[str, list[int]] = {}
    if not person:
        return found
    roots = [record_type(label) for label in (USER, CONTACT, STAFF)]
    for entry in [*roots, *(entry for entry in RECORD_TYPES if entry not in roots)]:
        found[entry.key] = rows_of(entry, person, found)
    return {entry.key: found[entry.key] for entry in RECORD_TYPES}


def placeholder(model_field: models.Field[Any, Any], pk: Any) -> Any:
    """What an erased personal field holds: "Erased", or empty when that would not fit."""
    if isinstance(model_field, models.FileField):
        return ""
    if isinstance(model_field, models.EmailField) and model_field.unique:
        return f"erased-{pk}@erased.invalid"
    if isinstance(model_field, models.CharField | models.TextField):
        if model_field.choices:
            return ""
        if model_field.max_length is not None and model_field.max_length < len(PLACEHOLDER):
            return ""
        return PLACEHOLDER
    if model_field.null:
        return None
    return model_field.get_default()


# Fields never exported, even to the person: secrets.
SECRET_FIELDS = frozenset({"password", "key", "token"})


@dataclass(frozen=True)
class Sensitive:
    """A kind of record whose every opening is logged (`privacy.SensitiveView`)."""

    label: str
    kind: str
    test: Callable[[Any], bool] = field(default=lambda obj: True)
    views: frozenset[str] = frozenset()  # only these pages (view names) when given


SENSITIVE: list[Sensitive] = [
    Sensitive(
        "members.Evidence",
        "DBS check evidence",
        test=lambda evidence: bool(evidence.dbs_level) or evidence.requirement.needs_dbs_level,
    ),
    # Equal-opportunities returns are held apart from any name and are only ever shown as totals,
    # on the vacancy's equal-opportunities page and its API action: those openings are logged.
    Sensitive(
        "people.Vacancy",
        "Equal-opportunities returns (totals)",
        views=frozenset({"people:vacancy_equal_opportunities", "api:vacancy-equal-opportunities"}),
    ),
]


def sensitive_kind(obj: Any, view_name: str) -> str | None:
    """The kind of sensitive record `obj` is when opened through `view_name`, or None."""
    label = obj._meta.label_lower
    for entry in SENSITIVE:
        if entry.label.lower() != label:
            continue
        if entry.views and view_name not in entry.views:
            continue
        if entry.test(obj):
            return entry.kind
    return None
