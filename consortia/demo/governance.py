"""The demo's governance: the board of seven (four from members, two independent directors and
the treasurer) with the hub manager as its secretary, the contract oversight group, and a year
of meetings with their registers, minutes, decisions and actions.

The board's members from member organisations have their interests in the register; at the
meeting that awarded the social prescribing subcontracts the three directors from the members
concerned declared them again and were left out of the decision, as the minutes record.

Made only where missing: a body that has meetings is left as it is, and people, appointments
and interests are matched on their e-mail, body and organisation, so running it again changes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from consortia.contracts.models import Subcontract
from consortia.demo.contracts import BY_HAND_REFERENCE
from consortia.demo.errors import DemoDataError
from consortia.demo.personas import DEMO_DOMAIN
from consortia.directory.models import Organisation
from consortia.governance.choices import AppointmentRole, AttendanceStatus, BodyKind, ItemPurpose, MeetingStatus
from consortia.governance.models import (
    Action,
    AgendaItem,
    Appointment,
    Attendance,
    Body,
    Decision,
    Meeting,
    MeetingDeclaration,
)
from consortia.governance.services.decisions import record_decision
from consortia.governance.services.meetings import create_meeting, next_number
from consortia.people.choices import InterestNature
from consortia.people.models import DeclaredInterest
from consortia.users import roles
from consortia.users.models import User

BOARD = "Board of directors"
OVERSIGHT = "Contract oversight group"
LONDON = ZoneInfo("Europe/London")
PENDLE, WYRE, FYLDE, PRESTON_DAS = (
    "Pendle Women's Centre",
    "Wyre Youth Matters",
    "Fylde Coast Befriending",
    "Preston Domestic Abuse Service",
)


@dataclass(frozen=True)
class Director:
    login: str  # the part of the e-mail before @
    full_name: str  # for the directors who are not demo logins
    role: str
    organisation: str = ""  # the member they come from


# The chair, vice-chair and treasurer are demo logins (personas); the rest are made here, with
# no password (they do not sign in to the demo).
BOARD_MEMBERS = (
    Director("chair", "", AppointmentRole.CHAIR, PRESTON_DAS),
    Director("vicechair", "", AppointmentRole.VICE_CHAIR, PENDLE),
    Director("treasurer", "", AppointmentRole.TREASURER),
    Director("director.wyre", "Tom Hartley", AppointmentRole.DIRECTOR, WYRE),
    Director("director.fylde", "Sandra Holt", AppointmentRole.DIRECTOR, FYLDE),
    Director("independent.whitworth", "Alan Whitworth", AppointmentRole.INDEPENDENT),
    Director("independent.desai", "Priya Desai", AppointmentRole.INDEPENDENT),
    Director("manager", "", AppointmentRole.SECRETARY),
)
OVERSIGHT_MEMBERS = (
    Director("vicechair", "", AppointmentRole.CHAIR, PENDLE),
    Director("director.wyre", "", AppointmentRole.DIRECTOR, WYRE),
    Director("treasurer", "", AppointmentRole.TREASURER),
    Director("independent.desai", "", AppointmentRole.INDEPENDENT),
    Director("contracts", "", AppointmentRole.SECRETARY),
)


def _organisation(name: str) -> Organisation:
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        raise DemoDataError(f"The demo organisation “{name}” is missing; load the directory first.")
    return organisation


def _person(director: Director) -> User:
    email = f"{director.login}@{DEMO_DOMAIN}"
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    if not director.full_name:
        raise DemoDataError(f"The demo login {email} is missing; load the personas first.")
    user = User.objects.create_user(email, None, full_name=director.full_name)
    user.groups.add(Group.objects.get(name=roles.BOARD))
    return user


def _interest(person: User, organisation: Organisation, since: date) -> None:
    if DeclaredInterest.objects.filter(person=person, organisation=organisation).exists():
        return
    interest = DeclaredInterest(
        person=person,
        organisation=organisation,
        nature=InterestNature.TRUSTEE,
        details="Sits on the consortium's board as the member's nominated director.",
        declared_on=since,
    )
    interest.full_clean()
    interest.save()


def _body(name: str, kind: str, quorum: int, independents: int | None, terms: str, manager: User) -> Body:
    body = Body.objects.filter(name=name).first()
    if body is None:
        body = Body(
            name=name, kind=kind, quorum_number=quorum, quorum_independents=independents, terms_of_reference=terms
        )
        body.full_clean()
        body.stamp(manager)
        body.save()
    return body


def _appoint(body: Body, members: tuple[Director, ...], since: date, today: date, manager: User) -> dict[str, User]:
    people = {}
    for index, director in enumerate(members):
        person = _person(director)
        people[director.login] = person
        if Appointment.objects.filter(body=body, person=person).exists():
            continue  # appointed already: the organisation may have been renamed since
        organisation = _organisation(director.organisation) if director.organisation else None
        if organisation is not None:
            _interest(person, organisation, since)
        # Staggered four- and five-year terms; Sandra Holt's ends within two months (the dashboard shows it).
        ends = (
            today + timedelta(days=60)
            if director.login == "director.fylde"
            else since.replace(year=since.year + 4 + index % 2)
        )
        appointment = Appointment(
            body=body,
            person=person,
            role=director.role,
            organisation=organisation,
            appointed_on=since,
            term_ends_on=ends,
        )
        appointment.full_clean()
        appointment.stamp(manager)
        appointment.save()
    return people


@transaction.atomic
def load() -> None:
    today = timezone.localdate()
    manager = _person(Director("manager", "", AppointmentRole.SECRETARY))
    since = date(today.year - 2, 1, 15)
    board = _body(
        BOARD,
        BodyKind.BOARD,
        4,
        1,
        "The consortium's board of directors: sets the strategy, approves the budget, the policies and every "
        "subcontract award, and holds the hub to account. Quorum: four directors, one of them independent.",
        manager,
    )
    oversight = _body(
        OVERSIGHT,
        BodyKind.COMMITTEE,
        3,
        None,
        "Drawn from the members' directors and an independent director: oversees the contracts and the members' "
        "performance under them, and recommends subcontract allocations to the board.",
        manager,
    )
    directors = _appoint(board, BOARD_MEMBERS, since, today, manager)
    group = _appoint(oversight, OVERSIGHT_MEMBERS, since, today, manager)
    if not board.meetings.exists():
        _board_year(board, directors, manager, today)
    if not oversight.meetings.exists():
        _oversight_meetings(oversight, group, manager, today)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(18, 0), tzinfo=LONDON)


def _meeting(body: Body, day: date, manager: User, held: bool) -> Meeting:
    meeting = create_meeting(
        body,
        manager,
        _at(day),
        place="Red Rose CVS, 14 Fishergate, Preston",
        video_link="https://meet.example.org/consortium-board",
        status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
    )
    return meeting


def _register(meeting: Meeting, people: dict[str, User], apologies: tuple[str, ...], manager: User) -> None:
    for login, person in people.items():
        row = Attendance(
            meeting=meeting,
            person=person,
            status=AttendanceStatus.APOLOGIES if login in apologies else AttendanceStatus.PRESENT,
        )
        row.stamp(manager)
        row.save()


def _item(
    meeting: Meeting, title: str, purpose: str, minutes: str, manager: User, concerns: tuple[str, ...] = ()
) -> AgendaItem:
    item = AgendaItem(meeting=meeting, number=next_number(meeting), title=title, purpose=purpose, minutes=minutes)
    item.full_clean()
    item.stamp(manager)
    item.save()
    if concerns:
        item.concerns.set([_organisation(name) for name in concerns])
    return item


def _standing_minutes(meeting: Meeting, declarations: str, matters: str) -> None:
    meeting.items.filter(number=1).update(minutes=declarations)
    meeting.items.filter(number=2).update(minutes=matters)


def _action(
    meeting: Meeting, item: AgendaItem, owner: User, text: str, due: date, done: date | None, manager: User
) -> None:
    action = Action(meeting=meeting, item=item, owner=owner, description=text, due_on=due, done_on=done)
    action.full_clean()
    action.stamp(manager)
    action.save()


def _board_year(board: Body, people: dict[str, User], manager: User, today: date) -> None:
    chair, vice, treasurer = people["chair"], people["vicechair"], people["treasurer"]
    whitworth, desai = people["independent.whitworth"], people["independent.desai"]

    # A year ago: the budget and the conflicts of interest policy.
    first = _meeting(board, today - timedelta(days=330), manager, True)
    _register(first, people, ("director.fylde",), manager)
    _standing_minutes(first, "No interests were declared beyond those in the register.", "No actions were open.")
    budget = _item(
        first,
        "The hub's budget for the year",
        ItemPurpose.DECISION,
        "The treasurer presented the budget: the management fee covers the hub's staff and running costs with "
        "a small surplus towards the reserve.",
        manager,
    )
    record_decision(
        budget,
        manager,
        "To approve the hub's budget for the year as presented.",
        proposer=treasurer,
        seconder=whitworth,
        votes_for=6,
    )
    _action(
        first,
        budget,
        treasurer,
        "Report spending against the budget to each board meeting.",
        first.date + timedelta(days=80),
        first.date + timedelta(days=85),
        manager,
    )
    policy = _item(
        first,
        "Conflicts of interest policy",
        ItemPurpose.DECISION,
        "The board considered the Charity Commission's guidance (CC29). Every director is to keep their entry in "
        "the register of interests up to date; declarations are the first item of every meeting.",
        manager,
    )
    record_decision(
        policy,
        manager,
        "To adopt the conflicts of interest policy.",
        proposer=desai,
        seconder=vice,
        votes_for=6,
    )
    _action(
        first,
        policy,
        manager,
        "Ask every director to review their entry in the register of interests.",
        first.date + timedelta(days=30),
        first.date + timedelta(days=21),
        manager,
    )

    # Award of the social prescribing subcontracts: three directors left out.
    second = _meeting(board, today - timedelta(days=240), manager, True)
    _register(second, people, (), manager)
    _standing_minutes(
        second,
        "Kathleen Lord, Tom Hartley and Sandra Holt declared their interests in Pendle Women's Centre, Wyre Youth "
        "Matters and Fylde Coast Befriending on item 3.",
        "The action on the register of interests is done.",
    )
    award = _item(
        second,
        "Award of the social prescribing subcontracts",
        ItemPurpose.DECISION,
        "The contract oversight group recommended the three members for the work. The directors from those "
        "members left the meeting for this item and took no part in the discussion or the vote.",
        manager,
        concerns=(PENDLE, WYRE, FYLDE),
    )
    for login, organisation in (("vicechair", PENDLE), ("director.wyre", WYRE), ("director.fylde", FYLDE)):
        declaration = MeetingDeclaration(
            meeting=second,
            item=award,
            person=people[login],
            organisation=_organisation(organisation),
            interest="Trustee and the member's nominated director.",
        )
        declaration.stamp(manager)
        declaration.save()
    subcontract = Subcontract.objects.filter(contract__reference=BY_HAND_REFERENCE, organisation__name=WYRE).first()
    record_decision(
        award,
        manager,
        "To award the social prescribing subcontracts to Pendle Women's Centre (40%), Wyre Youth Matters (35%) "
        "and Fylde Coast Befriending (25%).",
        proposer=whitworth,
        seconder=treasurer,
        votes_for=4,
        subcontract=subcontract,
    )
    _action(
        second,
        award,
        people["manager"],
        "Send the three subcontracts for signature.",
        second.date + timedelta(days=14),
        second.date + timedelta(days=12),
        manager,
    )

    # Two more held meetings with open actions carried forward, and the next one planned.
    third = _meeting(board, today - timedelta(days=150), manager, True)
    _register(third, people, ("independent.whitworth",), manager)
    _standing_minutes(third, "No new interests were declared.", "The subcontracts are signed.")
    risks = _item(
        third,
        "Risk register",
        ItemPurpose.DISCUSSION,
        "The board reviewed the top risks: the concentration of income in two contracts, and cash flow while "
        "outcome payments are claimed quarterly.",
        manager,
    )
    _action(
        third,
        risks,
        treasurer,
        "Propose a reserves policy of three months' running costs.",
        third.date + timedelta(days=120),
        None,
        manager,
    )
    _action(
        third,
        risks,
        chair,
        "Meet the integrated care board about the contract's extension.",
        third.date + timedelta(days=60),
        third.date + timedelta(days=50),
        manager,
    )

    fourth = _meeting(board, today - timedelta(days=60), manager, True)
    _register(fourth, people, ("director.wyre",), manager)
    _standing_minutes(fourth, "No new interests were declared.", "The reserves policy is still being drafted.")
    performance = _item(
        fourth,
        "Performance of the contracts",
        ItemPurpose.INFORMATION,
        "The contracts officer reported Wyre Youth Matters at red on referrals for two quarters, with an "
        "improvement plan agreed.",
        manager,
    )
    _action(
        fourth,
        performance,
        desai,
        "Review the improvement plan with the contract oversight group.",
        today + timedelta(days=20),
        None,
        manager,
    )
    _meeting(board, today + timedelta(days=30), manager, False)


def _oversight_meetings(group: Body, people: dict[str, User], manager: User, today: date) -> None:
    first = _meeting(group, today - timedelta(days=250), manager, True)
    _register(first, people, (), manager)
    _standing_minutes(
        first,
        "Kathleen Lord and Tom Hartley declared their interests in Pendle Women's Centre and Wyre Youth Matters "
        "on item 3.",
        "No actions were open.",
    )
    allocation = _item(
        first,
        "Recommended allocation of the social prescribing work",
        ItemPurpose.DECISION,
        "The group compared the members' capabilities and due diligence. Kathleen Lord and Tom Hartley left "
        "for this item.",
        manager,
        concerns=(PENDLE, WYRE, FYLDE),
    )
    # Two of the four voting members are conflicted: the item is not quorate, so the group
    # records no decision and refers the allocation to the board, as the minutes say.
    _action(
        first,
        allocation,
        people["contracts"],
        "Refer the allocation to the board: the group was not quorate for it once the conflicted members left.",
        first.date + timedelta(days=7),
        first.date + timedelta(days=5),
        manager,
    )

    second = _meeting(group, today - timedelta(days=45), manager, True)
    _register(second, people, ("treasurer",), manager)
    _standing_minutes(second, "No interests were declared.", "The allocation went to the board.")
    returns = _item(
        second,
        "Quarterly monitoring returns",
        ItemPurpose.DISCUSSION,
        "The group reviewed the returns for the last quarter and the queries raised.",
        manager,
    )
    record_decision(
        returns,
        manager,
        "To ask the hub for a summary of late returns at each meeting.",
        proposer=people["independent.desai"],
        seconder=people["vicechair"],
        votes_for=3,
    )
    _action(
        second,
        returns,
        people["contracts"],
        "Add late returns to the performance report.",
        today + timedelta(days=10),
        None,
        manager,
    )


def summary() -> str:
    return (
        f"Governance: {Body.objects.count()} bodies, {Appointment.objects.count()} appointments, "
        f"{Meeting.objects.count()} meetings, {Decision.objects.count()} decisions, {Action.objects.count()} actions."
    )
