"""The fields people search on, read from real Contracts Finder and Find a Tender data and the UK fixtures."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from consortia.opportunities.models import CpvCode, Notice, NoticeCpv

from .conftest import CF_MINVALUE, CF_VCO, FTS, UK4, UK6, import_files, load

UTC = dt.UTC


def test_contracts_finder_legacy_suitability_buyer_and_cpv() -> None:
    import_files(CF_VCO)
    release = load(CF_VCO)["releases"][0]
    notice = Notice.objects.get(ocid=release["ocid"])
    assert notice.title == "Cambridgeshire County Council Associate Advisors"
    assert notice.buyer_name == "Cambridgeshire County Council"
    assert notice.buyer_identifier == "b410fa33949146644b8fe5bca6817166"
    # xClassifications.isSuitableForSme / isSuitableForVco, the older Contracts Finder shape.
    assert (notice.suitable_sme, notice.suitable_vcse) == (True, True)
    assert notice.value_amount == Decimal("120000.00")
    assert notice.currency == "GBP"
    assert notice.deadline == dt.datetime(2019, 9, 16, tzinfo=UTC)
    assert notice.published == dt.datetime(2019, 7, 22, tzinfo=UTC)
    assert notice.procedure == ""
    assert notice.procedure_details == "Open procedure"
    assert notice.main_category == "services"  # from ojeuContractType
    codes = [item["classification"]["id"] for item in release["tender"]["items"]]
    assert notice.cpv_codes.split() == codes
    assert notice.main_cpv == codes[0]
    assert sorted(NoticeCpv.objects.filter(notice=notice).values_list("code", flat=True)) == sorted(codes)
    assert CpvCode.objects.get(code="85000000").description == "Health and social work services"
    assert "Arbitration and conciliation services" in notice.search_text
    # The buyer's address has no region; its postcode is not a region.
    assert notice.region == ""
    assert (notice.stage, notice.status, notice.source) == ("tender", "complete", "file")
    # Silvereye rewrote the ocid prefix (ocds-b5fd17raw-), so no Contracts Finder address can be made.
    assert notice.url == ""


def test_contracts_finder_zero_value_with_minimum_value() -> None:
    import_files(CF_MINVALUE)
    notice = Notice.objects.get(ocid=load(CF_MINVALUE)["releases"][0]["ocid"])
    # value.amount 0 means "not given"; minValue is the figure given.
    assert notice.value_amount is None
    assert notice.value_minimum == Decimal("260633.00")
    assert notice.currency == "GBP"
    assert (notice.suitable_sme, notice.suitable_vcse) == (True, False)
    assert notice.main_category == "goods"  # "Products"
    assert notice.cpv_codes == "35500000"


def test_contracts_finder_address_from_the_real_ocid_prefix(tmp_path: Path) -> None:
    package = load(CF_VCO)
    package["releases"][0]["ocid"] = "ocds-b5fd17-8d4f7655-8273-482e-9877-1057a95a2501"
    path = tmp_path / "cf.json"
    path.write_text(json.dumps(package))
    import_files(path)
    notice = Notice.objects.get()
    assert notice.url == "https://www.contractsfinder.service.gov.uk/Notice/8d4f7655-8273-482e-9877-1057a95a2501"
    assert notice.source == "cf"


def test_find_a_tender_sample() -> None:
    import_files(FTS, source="fts")
    notice = Notice.objects.get(ocid="ocds-h6vhtk-0026ef-integration")
    assert (notice.title, notice.buyer_name, notice.source) == ("Sample title", "Buyer name", "fts")
    assert notice.value_amount == Decimal("123.00")
    assert notice.main_cpv == "03000000"
    assert notice.cpv_codes == "03000000"
    assert notice.region == "UK"  # items[].deliveryAddresses[].region
    assert (notice.stage, notice.status, notice.main_category) == ("planning", "planned", "goods")
    assert notice.suitable_sme is None
    assert notice.suitable_vcse is None
    assert notice.deadline is None
    assert notice.url == ""


def test_procurement_act_tender_notice() -> None:
    import_files(UK4)
    notice = Notice.objects.get(ocid="ocds-h6vhtk-04a1b2")
    assert (notice.suitable_sme, notice.suitable_vcse) == (True, True)
    assert notice.notice_type == "UK4"
    assert notice.stage == "tender"
    assert notice.url == "https://www.find-tender.service.gov.uk/Notice/008123-2025"
    # CPV codes only in items[].additionalClassifications, check digits stripped.
    assert notice.cpv_codes == "85312300 85320000"
    assert notice.main_cpv == "85312300"
    assert notice.buyer_identifier == "GB-PPON-PXYZ-1234-ABCD"
    assert notice.region == "UKD3"
    assert notice.deadline == dt.datetime(2025, 4, 14, 11, 0, tzinfo=UTC)
    assert (notice.procedure, notice.main_category, notice.value_amount) == ("open", "services", Decimal("250000.00"))
    assert notice.release_count == 1


def test_procurement_act_award_updates_the_notice() -> None:
    import_files(UK4)
    run = import_files(UK6)
    assert (run.notices_created, run.notices_updated) == (0, 1)
    notice = Notice.objects.get(ocid="ocds-h6vhtk-04a1b2")
    assert (notice.notice_type, notice.stage, notice.release_count) == ("UK6", "award", 2)
    assert notice.url == "https://www.find-tender.service.gov.uk/Notice/019456-2025"
    assert notice.published == dt.datetime(2025, 3, 3, 10, tzinfo=UTC)
    assert notice.last_release == dt.datetime(2025, 6, 2, 9, tzinfo=UTC)
    # Still the tender's title and suitability: the award did not change them.
    assert notice.title.startswith("Befriending")
    assert notice.suitable_vcse is True
    lots = json.loads(notice.compiled)["tender"]["lots"]
    assert [lot["status"] for lot in lots] == ["complete", "active"]


def test_suitability_from_lots_when_the_tender_does_not_say(tmp_path: Path) -> None:
    package = load(UK4)
    del package["releases"][0]["tender"]["suitability"]
    path = tmp_path / "lots.json"
    path.write_text(json.dumps(package))
    import_files(path)
    notice = Notice.objects.get()
    # Lot 1 is suitable for VCSEs, lot 2 is not: the process is.
    assert (notice.suitable_sme, notice.suitable_vcse) == (True, True)
