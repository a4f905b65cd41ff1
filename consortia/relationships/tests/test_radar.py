"""The contract-expiry radar, from real notices imported by the opportunities importer
(`/work/shared/data`: Contracts Finder notices and the OCDS worked example)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consortia.core.dates import add_months
from consortia.core.testing.api import api_client
from consortia.opportunities.ingest import Ingester
from consortia.opportunities.models import Notice, NoticeMatch
from consortia.relationships.models import ExpiringContract
from consortia.relationships.services.radar import build_radar, months_to_go
from consortia.relationships.tests import factories
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db

# The shared fixtures sit beside the repository: /work/main/consortia/... -> /work/shared/data.
DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
CF_VCO = DATA / "contracts-finder" / "ocds-b5fd17raw-8d4f7655-8273-482e-9877-1057a95a2501.json"
CF_MINVALUE = DATA / "contracts-finder" / "ocds-b5fd17raw-0245cc95-f843-4803-acb7-3bfb1314707f.json"
FTS = DATA / "find-a-tender" / "fts-apidoc-sample-release-package.json"
SAMPLE = DATA / "ocds-sample" / "ocds-213czf-000-00001.json"
CF_VCO_OCID = "ocds-b5fd17raw-8d4f7655-8273-482e-9877-1057a95a2501"


def import_files(*paths: Path) -> None:
    ingester = Ingester("file", files=[str(path) for path in paths])
    for path in paths:
        ingester.import_file(path)
    ingester.finish()


def shifted(tmp_path: Path, name: str, title: str, end: date) -> Path:
    """The real Cambridgeshire notice, given another ocid and title and a contract ending on `end`."""
    package = json.loads(CF_VCO.read_text(encoding="utf-8"))
    release = package["releases"][0]
    release["ocid"] = f"{CF_VCO_OCID}-{name}"
    release["id"] = f"{release['id']}-{name}"
    release["tender"]["title"] = title
    release["awards"][0]["contractPeriod"]["endDate"] = f"{end.isoformat()}T00:00:00Z"
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    return path


def matched(notice: Notice, *organisations: Any) -> None:
    """Members who could deliver the notice (as the importer's matching would record them)."""
    for score, organisation in enumerate(organisations, start=60):
        NoticeMatch.objects.create(
            notice=notice, organisation=organisation, score=score, reasons="Delivers this service"
        )
    Notice.objects.filter(pk=notice.pk).update(matched_members=len(organisations))


def test_contract_ends_are_read_from_real_notices() -> None:
    cambridgeshire = factories.council("Cambridgeshire County Council")
    import_files(CF_VCO, CF_MINVALUE, FTS, SAMPLE)
    out = StringIO()
    call_command("build_expiry_radar", stdout=out)
    assert "Found 3 contract end date(s) in 3 notice(s)." in out.getvalue()
    rows = {row.notice.ocid: row for row in ExpiringContract.objects.select_related("notice")}
    vco = rows[CF_VCO_OCID]
    # The award's contract period wins over the tender's planned one (2021-08-30).
    assert (vco.basis, vco.end_date, vco.start_date) == ("award", date(2021, 8, 31), date(2019, 11, 29))
    assert (vco.title, vco.value) == ("Cambridgeshire County Council Associate Advisors", Decimal("120000.00"))
    assert vco.buyer_name == "Cambridgeshire County Council"
    assert vco.buyer == cambridgeshire  # known to the directory as a commissioner
    assert "Marion Barrett Primary Adviser Ltd" in vco.suppliers
    assert rows["ocds-b5fd17raw-0245cc95-f843-4803-acb7-3bfb1314707f"].end_date == date(2021, 4, 16)
    sample = rows["ocds-213czf-000-00001"]
    # The signed contract's period wins over its award's.
    assert (sample.basis, sample.end_date, sample.value) == ("contract", date(2011, 6, 30), Decimal("11000000.00"))
    assert sample.buyer is None
    # The Find a Tender sample gives its lot a duration but no start: no end date to show.
    assert set(rows) == {CF_VCO_OCID, "ocds-b5fd17raw-0245cc95-f843-4803-acb7-3bfb1314707f", "ocds-213czf-000-00001"}
    assert Notice.objects.count() == 4
    # Building again changes nothing.
    before = sorted(ExpiringContract.objects.values_list("notice__ocid", "key", "end_date", "buyer_id"))
    assert build_radar().contracts == 3
    assert sorted(ExpiringContract.objects.values_list("notice__ocid", "key", "end_date", "buyer_id")) == before


def test_radar_lists_what_ends_in_the_window_with_the_members_who_could_deliver_it(
    personas: Personas, client_for: Callable[..., Client], tmp_path: Path
) -> None:
    today = timezone.localdate()
    cambridgeshire = factories.council("Cambridgeshire County Council")
    plan = factories.plan(personas.manager, cambridgeshire)
    import_files(
        shifted(tmp_path, "soon", "Associate advisers, ending soon", add_months(today, 3)),
        shifted(tmp_path, "window", "Associate advisers, ending in the window", add_months(today, 10)),
        shifted(tmp_path, "later", "Associate advisers, ending later", add_months(today, 30)),
        shifted(tmp_path, "nobody", "Associate advisers nobody could deliver", add_months(today, 11)),
    )
    build_radar()
    for name in ("soon", "window", "later"):
        matched(Notice.objects.get(ocid=f"{CF_VCO_OCID}-{name}"), personas.org_a, personas.org_b)
    client = client_for(personas.manager)
    url = reverse("relationships:expiringcontract_list")
    page = client.get(url).content.decode()
    assert "ending in the window" in page
    for hidden in ("ending soon", "ending later", "nobody could deliver"):
        assert hidden not in page
    assert "Alpha Advice Centre" in page
    assert "Beta Befriending" in page
    assert "£120,000" in page
    assert f"<td>{months_to_go(today, add_months(today, 10))}</td>" in page
    assert plan.get_absolute_url() in page  # the buyer's engagement plan
    assert f"{reverse('relationships:interaction_add')}?commissioner={cambridgeshire.pk}" in page
    # The window is the user's to change; what members could not deliver can be shown too.
    page = client.get(url, {"from_months": "0", "to_months": "36", "ours": "false"}).content.decode()
    for shown in ("ending soon", "ending in the window", "ending later", "nobody could deliver"):
        assert shown in page
    page = client.get(url, {"from_months": "12", "to_months": "6"}).content.decode()
    assert "The window must end after it starts" in page
    assert "ending in the window" not in page
    rows = api_client(personas.manager).get(reverse("api:expiringcontract-list"), {"to_months": 12}).json()["results"]
    assert [row["title"] for row in rows if row["title"].startswith("Associate")] == [
        "Associate advisers, ending in the window",
        "Associate advisers nobody could deliver",
    ]
    assert {member["name"] for member in rows[0]["members"]} == {"Alpha Advice Centre", "Beta Befriending"}


def test_radar_for_a_buyer_without_a_plan_offers_to_open_one(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    buyer = factories.council("Planless Council")
    row = factories.expiring("Carers support", months=9, buyer=buyer, buyer_name=buyer.name)
    matched(row.notice, personas.org_a)
    page = client_for(personas.manager).get(reverse("relationships:expiringcontract_list")).content.decode()
    assert f"{reverse('relationships:engagementplan_add')}?commissioner={buyer.pk}" in page
    assert "Open an engagement plan" in page
    factories.expiring("Unknown buyer's contract", months=9)
    page = client_for(personas.manager).get(reverse("relationships:expiringcontract_list")).content.decode()
    assert "Buyer not in the directory" in page


def test_radar_costs_a_fixed_number_of_queries(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    url = reverse("relationships:expiringcontract_list")
    client.get(url)
    matched(factories.expiring(months=8).notice, personas.org_a)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for index in range(20):
        buyer = factories.council()
        if index % 2:
            factories.plan(personas.manager, buyer)
        row = factories.expiring(months=7 + index % 12, buyer=buyer)
        matched(row.notice, personas.org_a, personas.org_b)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    # session, user, the user's permissions (group and own), count, the page of rows (with the
    # notice and the buyer's current plan), the members matched to those notices
    assert (len(few), len(many)) == (7, 7), [query["sql"] for query in many.captured_queries]
