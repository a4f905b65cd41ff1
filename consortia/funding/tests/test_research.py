"""The research page: filters, figures by funder and programme worked out by the database in a
fixed number of queries, the export with the publisher credited, and a prospect from a grant."""

from __future__ import annotations

import io
import statistics
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from consortia.core.testing.views import csv_rows, queries_for
from consortia.directory.choices import OrganisationRoleCode
from consortia.directory.models import Organisation
from consortia.funding.choices import ProspectStatus, RecipientType
from consortia.funding.models import GrantDataset, GrantRecord, Prospect
from consortia.funding.services import research
from consortia.funding.services.giving import import_file
from consortia.funding.tests.factories import GRANTS_JSON
from consortia.users.testing import Personas

URL = "/funding/grants/"


def dataset(sha: str = "test") -> GrantDataset:
    found, _ = GrantDataset.objects.get_or_create(
        sha256=sha.ljust(64, "0")[:64],
        defaults={
            "file_name": "test.json",
            "publisher": "Test Foundation",
            "licence": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
            "licence_url": "https://creativecommons.org/licenses/by/4.0/",
            "imported_at": timezone.now(),
        },
    )
    return found


def grant(identifier: str, amount: Decimal, sha: str = "test", **fields: object) -> GrantRecord:
    values: dict[str, object] = {
        "title": f"Grant {identifier}",
        "award_date": date(2020, 5, 1),
        "recipient_name": "Alpha Advice Centre",
        "recipient_type": RecipientType.CHARITY,
        "beneficiary_locations": "Lancashire",
        "programme": "Small grants",
        "funder_name": "Test Foundation",
        "funder_org_id": "GB-CHC-1015648",
    } | fields
    return GrantRecord.objects.create(identifier=identifier, amount_awarded=amount, dataset=dataset(sha), **values)


def test_figures_by_funder_and_programme_are_the_databases(personas: Personas) -> None:
    amounts = [Decimal(value) for value in ("100", "300", "200", "1000")]
    for index, amount in enumerate(amounts):
        grant(f"A-{index}", amount)
    grant("B-1", Decimal("50"), funder_name="Other Trust", programme="Arts")
    grant("B-2", Decimal("70"), funder_name="Other Trust", programme="Arts")
    summary = research.summarise(GrantRecord.objects.all())
    assert summary.count == 6
    assert summary.total == Decimal("1720")
    assert summary.median == Decimal(statistics.median([*amounts, Decimal(50), Decimal(70)])).quantize(Decimal("0.01"))
    by_funder = {group.name: group for group in summary.by_funder}
    assert by_funder["Test Foundation"].count == 4
    assert by_funder["Test Foundation"].median == Decimal("250.00")  # the mean of the middle two
    assert by_funder["Other Trust"].median == Decimal("60.00")
    assert [group.name for group in summary.by_funder] == ["Test Foundation", "Other Trust"]  # largest total first
    programmes = {group.key: group for group in summary.by_programme}
    assert programmes[("Arts", "Other Trust")].total == Decimal("120")
    assert programmes[("Small grants", "Test Foundation")].smallest == Decimal("100")


def test_filters(personas: Personas, client_for: Callable[..., Client]) -> None:
    grant("F-1", Decimal("5000"), beneficiary_locations="Lancashire; Cumbria")
    grant("F-2", Decimal("60000"), recipient_type=RecipientType.COMPANY, beneficiary_locations="Kent")
    grant("F-3", Decimal("700000"), award_date=date(2018, 1, 1), programme="Capital", funder_name="Big Trust")
    client = client_for(personas.manager)

    def shown(**filters: str) -> set[str]:
        rows = csv_rows(client.get(URL, filters | {"export": "csv"}))
        return {row[0] for row in rows[1:] if row and row[0].startswith("Grant ")}

    assert shown() == {"Grant F-1", "Grant F-2", "Grant F-3"}
    assert shown(area="cumbria") == {"Grant F-1"}
    assert shown(recipient_type="company") == {"Grant F-2"}
    assert shown(amount_band="50k_100k") == {"Grant F-2"}
    assert shown(amount_band="500k_plus") == {"Grant F-3"}
    assert shown(amount_band="under_10k") == {"Grant F-1"}
    assert shown(programme="Capital") == {"Grant F-3"}
    assert shown(funder="Big Trust") == {"Grant F-3"}
    assert shown(year="2020") == {"Grant F-1", "Grant F-2"}
    # A value not in the data is refused, not ignored.
    page = client.get(URL, {"funder": "Nobody"}).content.decode()
    assert "Some filters are not valid" in page


def test_page_costs_a_fixed_number_of_queries(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    grant("Q-0", Decimal(10))
    client.get(URL)  # warm per-process caches
    few = queries_for(client, URL)
    for index in range(40):
        grant(
            f"Q-{index + 1}",
            Decimal(100 + index),
            sha=f"set{index % 3}",
            funder_name=f"Funder {index % 5}",
            programme=f"Programme {index % 7}",
        )
    many = queries_for(client, URL)
    filtered = queries_for(client, URL + "?recipient_type=charity&area=Lanc&amount_band=under_10k")
    # session, user, permissions (group and own); funders, programmes and years for the filters;
    # totals, overall median, by funder (+ medians), by programme (+ medians); the datasets to
    # credit; the grants' count and page
    assert (few, many, filtered) == (16, 16, 16)


def test_export_credits_the_publisher(personas: Personas, client_for: Callable[..., Client]) -> None:
    grant("E-1", Decimal(100))
    client = client_for(personas.finance_officer)
    page = client.get(URL).content.decode()
    assert "Contains 360Giving data published by Test Foundation under Creative Commons Attribution 4.0" in page
    rows = csv_rows(client.get(URL + "?export=csv"))
    assert rows[1][0] == "Grant E-1"
    assert any("Contains 360Giving data published by Test Foundation" in row[0] for row in rows if row)
    workbook = load_workbook(io.BytesIO(client.get(URL + "?export=xlsx").content))
    grants_sheet, source = workbook.worksheets[0], workbook["Source and licence"]
    assert grants_sheet.cell(2, 1).value == "Grant E-1"
    assert source.cell(2, 1).value == "Test Foundation"
    assert source.cell(2, 3).value == "https://creativecommons.org/licenses/by/4.0/"
    texts = [row[0] for row in grants_sheet.iter_rows(values_only=True) if row and isinstance(row[0], str)]
    assert any(text.startswith("Contains 360Giving data published by Test Foundation") for text in texts)


def test_who_may_see_the_research(personas: Personas, client_for: Callable[..., Client]) -> None:
    record = grant("S-1", Decimal(100))
    for persona in (personas.member_a, personas.nobody, personas.commissioner):
        client = client_for(persona)
        assert client.get(URL).status_code == 403
        assert client.get(record.get_absolute_url()).status_code in (403, 404)
        assert client.post(reverse("funding:grantrecord_prospect", args=[record.pk])).status_code in (403, 404)
    for persona in (personas.manager, personas.finance_officer, personas.board, personas.auditor):
        assert client_for(persona).get(URL).status_code == 200
    # Reading is not adding: the board may look, not make prospects, nor import.
    board = client_for(personas.board)
    assert board.post(reverse("funding:grantrecord_prospect", args=[record.pk])).status_code == 403
    assert board.get(reverse("funding:grantrecord_import")).status_code == 403
    assert not Prospect.objects.exists()


def test_a_grant_becomes_a_prospect_once(personas: Personas, client_for: Callable[..., Client]) -> None:
    result, _ = import_file(GRANTS_JSON.read_bytes(), GRANTS_JSON.name)
    assert result.ok
    music = GrantRecord.objects.filter(programme="Music").order_by("pk").first()
    assert music is not None
    client = client_for(personas.finance_officer)
    detail = client.get(music.get_absolute_url()).content.decode()
    assert "Add this funder's programme as a prospect" in detail
    assert "Andrew Lloyd Webber Foundation under Creative Commons" in detail
    response = client.post(reverse("funding:grantrecord_prospect", args=[music.pk]))
    prospect = Prospect.objects.get()
    assert response["Location"] == prospect.get_absolute_url()
    assert prospect.programme == "Music"
    assert prospect.status == ProspectStatus.RESEARCHING
    assert prospect.source_grant == music
    amounts = GrantRecord.objects.filter(programme="Music").values_list("amount_awarded", flat=True)
    assert (prospect.amount_min, prospect.amount_max) == (min(amounts), max(amounts))
    funder = prospect.funder
    assert funder.name == "Andrew Lloyd Webber Foundation"
    assert funder.org_id == "GB-CHC-1015648"
    assert funder.roles.filter(code=OrganisationRoleCode.FUNDER).exists()
    # Again, from another grant of the same programme: the same prospect, no second funder.
    other = GrantRecord.objects.filter(programme="Music").exclude(pk=music.pk).first()
    assert other is not None
    client.post(reverse("funding:grantrecord_prospect", args=[other.pk]))
    assert Prospect.objects.count() == 1
    assert Organisation.objects.filter(name="Andrew Lloyd Webber Foundation").count() == 1


@pytest.mark.parametrize(
    ("organisation", "expected"),
    [
        ({"id": "GB-CHC-1107747", "organisationType": "Registered Charity"}, RecipientType.CHARITY),
        ({"id": "GB-EDU-133843", "organisationType": "School/Educational Establishment"}, RecipientType.EDUCATION),
        ({"id": "GB-COH-01234567"}, RecipientType.COMPANY),
        ({"id": "360G-X-1", "organisationType": "Community Interest Company"}, RecipientType.COMPANY),
        ({"id": "360G-X-2", "charityNumber": "1107747"}, RecipientType.CHARITY),
        ({"id": "GB-LAE-LAN"}, RecipientType.PUBLIC),
        ({"id": "360G-X-3"}, RecipientType.OTHER),
        (None, RecipientType.INDIVIDUAL),
    ],
)
def test_recipient_type(organisation: dict[str, str] | None, expected: str) -> None:
    from consortia.funding.services.giving import recipient_type

    assert recipient_type(organisation) == expected
