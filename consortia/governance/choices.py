"""The fixed lists of the governance app."""

from __future__ import annotations

from django.db import models


class BodyKind(models.TextChoices):
    BOARD = "board", "Board"
    COMMITTEE = "committee", "Committee"
    PANEL = "panel", "Panel"


class AppointmentRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    TREASURER = "treasurer", "Treasurer"
    DIRECTOR = "director", "Director"
    CO_OPTED = "co_opted", "Co-opted member"
    INDEPENDENT = "independent", "Independent director"
    SECRETARY = "secretary", "Secretary (non-voting)"


NON_VOTING = (AppointmentRole.SECRETARY,)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class ItemPurpose(models.TextChoices):
    DECISION = "decision", "For decision"
    DISCUSSION = "discussion", "For discussion"
    INFORMATION = "information", "For information"


class ItemKind(models.TextChoices):
    """The standing items every meeting has, and the rest."""

    DECLARATIONS = "declarations", "Declarations of interest"
    MATTERS_ARISING = "matters_arising", "Matters arising: open actions"
    BUSINESS = "business", "Business"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Outcome(models.TextChoices):
    CARRIED = "carried", "Carried"
    NOT_CARRIED = "not_carried", "Not carried"
