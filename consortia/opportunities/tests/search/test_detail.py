"""A notice's page: its fields, CPV codes, timeline of releases, documents, lots and source."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client

from consortia.opportunities.models import Notice
from consortia.opportunities.tests.factories import cpv, make_notice, make_release
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db

COMPILED = {
    "ocid": "ocds-h6vhtk-000001",
    "tender": {
        "documents": [
            {
                "id": "1",
                "title": "Specification",
                "documentType": "biddingDocuments",
                "noticeType": "UK4",
                "datePublished": "2026-03-01T09:00:00Z",
                "url": "https://example.org/spec.pdf",
            },
            {"id": "2", "title": "Evil", "url": "javascript:alert(1)"},
        ],
        "lots": [
            {
                "id": "1",
                "title": "Lot one: Preston",
                "value": {"amount": 120000, "currency": "GBP"},
                "status": "active",
            },
            {"id": "2", "title": "Lot two: Chorley", "status": "active"},
        ],
    },
}


@pytest.fixture
def notice() -> Notice:
    cpv("85312300", "Guidance and counselling services")
    notice = make_notice(
        title="Mental health advice", cpvs=("85312300", "85000000"), compiled=json.dumps(COMPILED), suitable_vcse=True
    )
    make_release(notice, 1, tags="tenderUpdate", notice_type="UK5")
    make_release(notice, 0, tags="tender", notice_type="UK4")
    return notice


def test_page_shows_fields_codes_timeline_documents_lots_and_source(
    notice: Notice, personas: Personas, client_for: Callable[..., Client]
) -> None:
    page = client_for(personas.bid_writer).get(notice.get_absolute_url()).content.decode()
    assert "£100,000" in page
    assert "85312300</a> Guidance and counselling services" in page
    assert page.index("85312300") < page.index("85000000")  # the main code first
    timeline = page[page.index('id="timeline"') :]
    assert timeline.index("UK4") < timeline.index("UK5")  # oldest release first
    assert '<a href="https://example.org/spec.pdf" rel="noopener external">Specification</a>' in page
    assert "biddingDocuments · UK4 · 01/03/2026" in page
    assert "javascript:" not in page
    assert "Lot one: Preston" in page
    assert "£120,000" in page
    assert f'href="{notice.url}"' in page
    assert "Open for bids" in page
    assert "Suitable for VCSEs" in page


def test_release_data_is_shown_pretty_to_staff_only(
    notice: Notice, personas: Personas, client_for: Callable[..., Client]
) -> None:
    release = notice.releases.order_by("date").first()
    assert release is not None
    url = f"/opportunities/notices/releases/{release.pk}/"
    page = client_for(personas.auditor).get(url)
    assert page.status_code == 200
    assert "&quot;ocid&quot;: &quot;ocds-h6vhtk" in page.content.decode()
    assert '\n  "' in json.dumps(json.loads(release.data), indent=2)  # pretty: indented
    assert "\n  &quot;ocid&quot;" in page.content.decode()
    assert client_for(personas.member_a).get(url).status_code == 403
    assert client_for(personas.nobody).get(url).status_code == 403
    assert client_for(personas.auditor).get("/opportunities/notices/releases/999999/").status_code == 404


def test_member_sees_the_notice_but_not_the_releases(
    notice: Notice, personas: Personas, client_for: Callable[..., Client]
) -> None:
    page = client_for(personas.member_a).get(notice.get_absolute_url())
    assert page.status_code == 200
    assert "releases/" not in page.content.decode()
    assert "This notice has 0 releases" in page.content.decode() or "release" in page.content.decode()


def test_no_history_tab_and_no_history_page(
    notice: Notice, personas: Personas, client_for: Callable[..., Client]
) -> None:
    client = client_for(personas.manager)
    page = client.get(notice.get_absolute_url()).content.decode()
    assert "/history/" not in page
    assert ">Edit<" not in page
    assert ">Delete<" not in page
    assert client.get(f"{notice.get_absolute_url()}history/").status_code == 404
    assert "Add notice" not in client.get("/opportunities/notices/").content.decode()
