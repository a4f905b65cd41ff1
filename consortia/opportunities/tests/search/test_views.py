"""The notice search's generic behaviours (read-only, public data) and its API."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import RecordViewTests
from consortia.directory.models import Organisation
from consortia.opportunities.models import Notice, Release
from consortia.opportunities.tests.factories import make_notice, make_release
from consortia.opportunities.views.notices import NoticeViews
from consortia.users.testing import Personas


def _notice(index: int) -> Notice:
    return make_notice(title=f"Befriending older people lot {index}", cpvs=("85300000",))


class TestNoticeViews(RecordViewTests):
    record = NoticeViews
    list_queries = 6  # session, user, 2 × permissions, count, page

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Notice:
        return _notice(index)


class TestNoticeApi(RecordApiTests):
    basename = "notice"
    model = Notice
    writable = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Notice:
        return _notice(index)


class TestReleaseApi(RecordApiTests):
    basename = "release"
    model = Release
    writable = False
    member_can_view = False  # members read notices; the raw releases are the hub's working data

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Release:
        return make_release(_notice(index), index)


def test_release_api_gives_the_data_parsed(personas: Personas) -> None:
    from consortia.core.testing.api import api_client

    release = make_release(make_notice(title="Advice service"), 0, data={"id": "r-1", "tender": {"title": "Advice"}})
    body: dict[str, Any] = api_client(personas.auditor).get(f"/api/releases/{release.pk}/").json()
    assert body["data"] == {"id": "r-1", "tender": {"title": "Advice"}}
    assert body["notice"].endswith(f"/api/notices/{release.notice_id}/")
