"""The fixed lists of the contracts app."""

from __future__ import annotations

from django.db import models


class PaymentModel(models.TextChoices):
    """How the commissioner pays for the work (and so how the hub pays the member)."""

    BLOCK = "block", "Block payments"
    RESULTS = "results", "Payment by results"
    SPOT = "spot", "Spot purchase"
    MIXED = "mixed", "Mixed (block and results)"


class ContractStatus(models.TextChoices):
    MOBILISING = "mobilising", "Mobilising"
    LIVE = "live", "Live"
    ENDED = "ended", "Ended"
    TERMINATED = "terminated", "Terminated early"


class SubcontractStatus(models.TextChoices):
    DRAFT = "draft", "Being agreed"
    SIGNED = "signed", "Signed"
    ENDED = "ended", "Ended"


class VatTreatment(models.TextChoices):
    """How VAT applies to the hub's invoices to the commissioner for this contract."""

    STANDARD = "standard", "Standard rate (20%)"
    REDUCED = "reduced", "Reduced rate (5%)"
    ZERO = "zero", "Zero rate"
    EXEMPT = "exempt", "Exempt"
    OUTSIDE = "outside", "Outside the scope of VAT"


class DocumentKind(models.TextChoices):
    CONTRACT = "contract", "Signed contract"
    SPECIFICATION = "specification", "Service specification"
    VARIATION = "variation", "Variation letter"
    SUBCONTRACT = "subcontract", "Subcontract"
    DATA = "data", "Data-processing terms"
    OTHER = "other", "Other"


class AlertKind(models.TextChoices):
    """What a reminder to a contract's manager is about."""

    END = "end", "Contract ending"
    EXTENSION = "extension", "Extension decision due"
