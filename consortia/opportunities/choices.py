"""The fixed lists of the opportunities app."""

from __future__ import annotations

from django.db import models


class Source(models.TextChoices):
    """Where a release came from."""

    FIND_A_TENDER = "fts", "Find a Tender"
    CONTRACTS_FINDER = "cf", "Contracts Finder"
    FILE = "file", "File import"


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    DONE = "done", "Finished"
    PARTLY = "partly", "Finished, with packages refused"
    FAILED = "failed", "Stopped by an error"


class Stage(models.TextChoices):
    """How far a procurement process has gone, from its latest release's tags."""

    PLANNING = "planning", "Planning"
    TENDER = "tender", "Tender"
    AWARD = "award", "Awarded"
    CONTRACT = "contract", "Contracted"
    IMPLEMENTATION = "implementation", "Implementation"
    CLOSED = "closed", "Cancelled or withdrawn"


class OpportunityKind(models.TextChoices):
    CONTRACT = "contract", "Public contract"
    GRANT = "grant", "Grant or grant-style funding"
    INFORMAL = "informal", "Informal or negotiated opportunity"


class PipelineStage(models.TextChoices):
    """Where an opportunity stands in the hub's pipeline, in the order it moves."""

    IDENTIFIED = "identified", "Identified"
    QUALIFYING = "qualifying", "Qualifying"
    BID_NO_BID = "bid_no_bid", "Bid/no-bid"
    BIDDING = "bidding", "Bidding"
    SUBMITTED = "submitted", "Submitted"
    WON = "won", "Won"
    LOST = "lost", "Lost"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NOT_PURSUED = "not_pursued", "Not pursued"


# Stages after which nothing more happens to the opportunity in the pipeline.
CLOSED_STAGES = frozenset({PipelineStage.WON, PipelineStage.LOST, PipelineStage.WITHDRAWN, PipelineStage.NOT_PURSUED})


class Decision(models.TextChoices):
    BID = "bid", "Bid"
    NO_BID = "no_bid", "Do not bid"


class InterestRole(models.TextChoices):
    """The part a member proposes to play in a bid."""

    LEAD = "lead", "Lead delivery partner"
    PARTNER = "partner", "Delivery partner"
    SPECIALIST = "specialist", "Specialist or niche provider"


class InterestStatus(models.TextChoices):
    EXPRESSED = "expressed", "Interest expressed"
    PARTNER = "partner", "Added as a bid partner"
    DECLINED = "declined", "Not taken forward"
