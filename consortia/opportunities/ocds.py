"""Reading the fields people search and filter on out of an OCDS compiled release.

The UK feeds send several shapes of the same facts: the Procurement Act's `tender.suitability`
and `documents[].noticeType` (the UK extension), Contracts Finder's older `xClassifications`,
`minValue` and a `value.amount` of 0 meaning "not given", CPV codes in `tender.classification`,
in `items[].classification` or in `items[].additionalClassifications`. Everything here tolerates
missing, null and wrongly typed values: a value that cannot be read is left blank with a note,
never an error.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from consortia.opportunities.choices import Source, Stage

# Dates outside these years are a feed's placeholders (0001-01-01, 9999-12-31), not real dates.
EARLIEST_YEAR = 1980
LATEST_YEAR = 2200
# DecimalField(max_digits=16, decimal_places=2).
LARGEST_AMOUNT = Decimal("99999999999999.99")

CPV_RE = re.compile(r"^(\d{8})(?:-\d)?$")
CONTRACTS_FINDER_OCID = re.compile(
    r"^ocds-b5fd17-([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
)
OCID_PREFIXES = {"ocds-b5fd17-": Source.CONTRACTS_FINDER, "ocds-h6vhtk-": Source.FIND_A_TENDER}

# The furthest stage a release's tags reach; later in this list wins.
TAG_STAGES: dict[str, Stage] = {
    "planning": Stage.PLANNING,
    "planningUpdate": Stage.PLANNING,
    "tender": Stage.TENDER,
    "tenderAmendment": Stage.TENDER,
    "tenderUpdate": Stage.TENDER,
    "award": Stage.AWARD,
    "awardUpdate": Stage.AWARD,
    "contract": Stage.CONTRACT,
    "contractUpdate": Stage.CONTRACT,
    "contractAmendment": Stage.CONTRACT,
    "implementation": Stage.IMPLEMENTATION,
    "implementationUpdate": Stage.IMPLEMENTATION,
    "tenderCancellation": Stage.CLOSED,
    "awardCancellation": Stage.CLOSED,
    "contractTermination": Stage.CLOSED,
}
STAGE_ORDER = [Stage.PLANNING, Stage.TENDER, Stage.AWARD, Stage.CONTRACT, Stage.IMPLEMENTATION, Stage.CLOSED]
CLOSED_STATUSES = {"cancelled", "withdrawn", "unsuccessful"}
# Contracts Finder's older `xClassifications.ojeuContractType`.
LEGACY_CATEGORIES = {"services": "services", "products": "goods", "supplies": "goods", "works": "works"}
DOCUMENT_PLACES = (("tender",), ("planning",))


@dataclass
class NoticeFields:
    """The values of a notice's searchable fields, and what could not be read."""

    title: str = ""
    description: str = ""
    buyer_name: str = ""
    buyer_identifier: str = ""
    value_amount: Decimal | None = None
    value_minimum: Decimal | None = None
    currency: str = ""
    published: dt.datetime | None = None
    last_release: dt.datetime | None = None
    deadline: dt.datetime | None = None
    status: str = ""
    procedure: str = ""
    procedure_details: str = ""
    main_category: str = ""
    region: str = ""
    main_cpv: str = ""
    cpv_codes: str = ""
    suitable_sme: bool | None = None
    suitable_vcse: bool | None = None
    url: str = ""
    search_text: str = ""
    cpvs: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# -- small readers -----------------------------------------------------------------------------------
def obj(value: Any) -> dict[str, Any]:
    """The value if it is an object, else an empty one (feeds send null, strings, lists)."""
    return value if isinstance(value, dict) else {}


def objects(value: Any) -> Iterator[dict[str, Any]]:
    """The objects of a list, skipping anything else."""
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def text(value: Any, limit: int | None = None) -> str:
    """A string value, stripped (numbers become text; null, objects and lists become blank)."""
    if isinstance(value, str):
        result = value.strip()
    elif isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return ""
    else:
        result = str(value)
    return result[:limit] if limit else result


def flag(value: Any) -> bool | None:
    """True, False or unknown; feeds sometimes send "true"/"false" as text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    return None


def parse_date(value: Any, what: str, notes: list[str]) -> dt.datetime | None:
    """An OCDS date-time as an aware datetime; unreadable or implausible dates are noted, not raised."""
    raw = text(value)
    if not raw:
        return None
    try:
        parsed = dt.datetime.fromisoformat(raw)
    except ValueError:
        try:
            parsed = dt.datetime.combine(dt.date.fromisoformat(raw[:10]), dt.time())
        except ValueError:
            notes.append(f"{what} “{raw}” is not a date; left blank")
            return None
    if not EARLIEST_YEAR <= parsed.year < LATEST_YEAR:
        notes.append(f"{what} “{raw}” is not a plausible date; left blank")
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def parse_amount(value: Any, what: str, notes: list[str]) -> Decimal | None:
    """A money amount; 0 and negative amounts mean "not given" in the feeds, so they are blank."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidOperation
        amount = Decimal(str(value).replace(",", "").replace("£", "").strip())
        if not amount.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        notes.append(f"{what} “{value}” is not a number; left blank")
        return None
    if amount <= 0:
        return None
    if amount > LARGEST_AMOUNT:
        notes.append(f"{what} {value} is too large to be a real value; left blank")
        return None
    return amount.quantize(Decimal("0.01"))


def cpv_code(classification: dict[str, Any]) -> str:
    """The eight-digit CPV code of a classification, without its check digit, or blank."""
    if text(classification.get("scheme")).upper() != "CPV":
        return ""
    match = CPV_RE.match(text(classification.get("id")))
    return match.group(1) if match else ""


def source_of(ocid: str) -> str:
    """The feed an ocid belongs to, by its registered prefix, or blank."""
    for prefix, source in OCID_PREFIXES.items():
        if ocid.startswith(prefix):
            return source
    return ""


def stage_of(tags: Iterable[str], tender_status: str = "") -> str:
    """The furthest stage named by a release's tags (a cancelled tender is closed)."""
    if tender_status in CLOSED_STATUSES:
        return Stage.CLOSED
    stages = [TAG_STAGES[tag] for tag in tags if tag in TAG_STAGES]
    return max(stages, key=STAGE_ORDER.index) if stages else ""


def documents(release: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every document of a release: the tender's, planning's, awards' and contracts'."""
    for path in DOCUMENT_PLACES:
        yield from objects(obj(release.get(path[0])).get("documents"))
    for section in ("awards", "contracts"):
        for part in objects(release.get(section)):
            yield from objects(part.get("documents"))


def notice_type_of(release: dict[str, Any]) -> str:
    """The UK notice type (UK1–UK17) a release publishes: its latest document's `noticeType`."""
    found = [
        (text(document.get("datePublished")), text(document.get("noticeType"), 10))
        for document in documents(release)
        if text(document.get("noticeType"))
    ]
    return max(found)[1] if found else ""


# -- the fields -----------------------------------------------------------------------------------
def extract(compiled: dict[str, Any], ocid: str) -> NoticeFields:
    """The notice's fields from its compiled release."""
    fields = NoticeFields()
    notes = fields.notes
    tender = obj(compiled.get("tender"))
    planning = obj(compiled.get("planning"))
    legacy = obj(tender.get("xClassifications"))

    fields.title = (
        text(tender.get("title"), 500) or text(compiled.get("title"), 500) or text(planning.get("project"), 500)
    )
    fields.description = text(tender.get("description")) or text(compiled.get("description"))
    _buyer(compiled, fields)
    _value(tender, planning, fields)

    fields.last_release = parse_date(compiled.get("date"), "The release date", notes)
    fields.published = parse_date(tender.get("datePublished"), "The tender's publication date", notes)
    fields.deadline = parse_date(obj(tender.get("tenderPeriod")).get("endDate"), "The submission deadline", notes)

    fields.status = text(tender.get("status"), 30)
    fields.procedure = text(tender.get("procurementMethod"), 30)
    fields.procedure_details = text(tender.get("procurementMethodDetails"), 200)
    category = text(tender.get("mainProcurementCategory"), 20)
    if not category:
        category = LEGACY_CATEGORIES.get(text(legacy.get("ojeuContractType")).lower(), "")
    fields.main_category = category

    _suitability(tender, legacy, fields)
    _cpvs(tender, fields)
    fields.region = _region(compiled, tender)
    fields.url = _url(compiled, ocid)
    fields.search_text = "\n".join(
        part for part in (fields.title, fields.description, fields.buyer_name, " ".join(fields.cpvs.values())) if part
    )
    return fields


def _buyer(compiled: dict[str, Any], fields: NoticeFields) -> None:
    buyer = obj(compiled.get("buyer"))
    parties = list(objects(compiled.get("parties")))
    party = next((p for p in parties if buyer.get("id") is not None and p.get("id") == buyer.get("id")), None)
    if party is None:
        party = next((p for p in parties if "buyer" in (p.get("roles") or [])), {})
    fields.buyer_name = text(buyer.get("name"), 300) or text(party.get("name"), 300)
    identifier = obj(party.get("identifier"))
    scheme, number = text(identifier.get("scheme")), text(identifier.get("id"))
    if scheme and number:
        fields.buyer_identifier = (number if number.startswith(scheme + "-") else f"{scheme}-{number}")[:150]
    else:
        fields.buyer_identifier = text(buyer.get("id"), 150) or text(party.get("id"), 150)


def _value(tender: dict[str, Any], planning: dict[str, Any], fields: NoticeFields) -> None:
    notes = fields.notes
    value = obj(tender.get("value"))
    minimum = obj(tender.get("minValue"))
    budget = obj(obj(planning.get("budget")).get("amount"))
    fields.value_amount = parse_amount(value.get("amount"), "The tender's value", notes)
    fields.value_minimum = parse_amount(minimum.get("amount"), "The tender's minimum value", notes)
    source = value
    if fields.value_amount is None:
        fields.value_amount = parse_amount(budget.get("amount"), "The planning budget", notes)
        if fields.value_amount is not None:
            source = budget
        elif fields.value_minimum is not None:
            source = minimum
    fields.currency = text(source.get("currency"), 3).upper() or text(value.get("currency"), 3).upper()


def _suitability(tender: dict[str, Any], legacy: dict[str, Any], fields: NoticeFields) -> None:
    lots = [obj(lot.get("suitability")) for lot in objects(tender.get("lots"))]
    suitability = obj(tender.get("suitability"))
    for key, legacy_key, attribute in (
        ("sme", "isSuitableForSme", "suitable_sme"),
        ("vcse", "isSuitableForVco", "suitable_vcse"),
    ):
        answer = flag(suitability.get(key))
        if answer is None:
            by_lot = [flag(lot.get(key)) for lot in lots]
            known = [each for each in by_lot if each is not None]
            # A process is suitable when any of its lots is.
            answer = any(known) if known else None
        if answer is None:
            answer = flag(legacy.get(legacy_key))
        setattr(fields, attribute, answer)


def _cpvs(tender: dict[str, Any], fields: NoticeFields) -> None:
    classifications = [obj(tender.get("classification"))]
    for item in objects(tender.get("items")):
        classifications.append(obj(item.get("classification")))
        classifications.extend(objects(item.get("additionalClassifications")))
    for lot in objects(tender.get("lots")):
        classifications.append(obj(lot.get("classification")))
    for classification in classifications:
        code = cpv_code(classification)
        if code and (code not in fields.cpvs or not fields.cpvs[code]):
            fields.cpvs[code] = text(classification.get("description"), 300)
    codes = list(fields.cpvs)
    fields.main_cpv = codes[0] if codes else ""
    joined = ""
    for code in codes:
        if len(joined) + len(code) + 1 > 500:
            break
        joined = f"{joined} {code}" if joined else code
    fields.cpv_codes = joined


def _region(compiled: dict[str, Any], tender: dict[str, Any]) -> str:
    regions: list[str] = []
    postcodes: list[str] = []
    for item in objects(tender.get("items")):
        addresses = list(objects(item.get("deliveryAddresses")))
        if isinstance(item.get("deliveryAddress"), dict):
            addresses.append(item["deliveryAddress"])
        for address in addresses:
            regions.append(text(address.get("region")))
            postcodes.append(text(address.get("postalCode")))
        locations = list(objects(item.get("deliveryLocations")))
        if isinstance(item.get("deliveryLocation"), dict):
            locations.append(item["deliveryLocation"])
        for location in locations:
            regions.append(text(location.get("description")))
            regions.append(text(obj(location.get("address")).get("region")))
    found = list(dict.fromkeys(part for part in regions if part)) or list(
        dict.fromkeys(part for part in postcodes if part)
    )
    if not found:
        buyer_id = obj(compiled.get("buyer")).get("id")
        for party in objects(compiled.get("parties")):
            if (buyer_id is not None and party.get("id") == buyer_id) or "buyer" in (party.get("roles") or []):
                address = obj(party.get("address"))
                found = [part for part in (text(address.get("region")),) if part]
                break
    return ", ".join(found)[:200]


def _url(compiled: dict[str, Any], ocid: str) -> str:
    match = CONTRACTS_FINDER_OCID.match(ocid)
    if match:
        return f"https://www.contractsfinder.service.gov.uk/Notice/{match.group(1).lower()}"
    # Find a Tender: the notice's own page when the release links it, latest first.
    linked = [
        (text(document.get("datePublished")), text(document.get("url")))
        for document in documents(compiled)
        if text(document.get("url")).startswith(("https://", "http://"))
        and (
            text(document.get("noticeType"))
            or text(document.get("documentType")) == "tenderNotice"
            or "find-tender.service.gov.uk" in text(document.get("url"))
        )
    ]
    return max(linked)[1][:500] if linked else ""
