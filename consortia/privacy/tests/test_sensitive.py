"""The log of who opened sensitive records: DBS check evidence and equal-opportunities returns."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from consortia.core.testing.api import api_client
from consortia.members.tests.diligence.factories import PDF, EvidenceFactory, RequirementFactory
from consortia.people.tests.recruitment.factories import VacancyFactory
from consortia.privacy.models import SensitiveView
from consortia.privacy.tests.conftest import Robin
from consortia.users.testing import Personas

ClientFor = Callable[..., Client]


def test_opening_dbs_evidence_is_logged_once_per_page_file_and_api(
    robin: Robin, personas: Personas, client_for: ClientFor
) -> None:
    evidence = robin.dbs
    evidence.file.save("dbs.pdf", ContentFile(PDF))
    client = client_for(personas.contracts_officer)
    assert client.get(evidence.get_absolute_url()).status_code == 200
    assert client.get(reverse("members:evidence_file", args=[evidence.pk])).status_code == 200
    assert (
        api_client(personas.contracts_officer).get(reverse("api:evidence-detail", args=[evidence.pk])).status_code
        == 200
    )
    rows = list(SensitiveView.objects.order_by("pk"))
    assert [row.view_name for row in rows] == [
        "members:evidence_detail",
        "members:evidence_file",
        "api:evidence-detail",
    ]
    assert {row.user for row in rows} == {personas.contracts_officer}
    assert {(row.content_type.model, row.object_id, row.kind) for row in rows} == {
        ("evidence", evidence.pk, "DBS check evidence")
    }
    # Lists do not open records; a refused request opens nothing.
    client.get(reverse("members:evidence_list"))
    client_for(personas.member_b).get(evidence.get_absolute_url())
    assert SensitiveView.objects.count() == 3


def test_other_records_are_not_logged(personas: Personas, client_for: ClientFor) -> None:
    policy = EvidenceFactory(organisation=personas.org_a, requirement=RequirementFactory(name="Insurance (test)"))
    client = client_for(personas.manager)
    assert client.get(policy.get_absolute_url()).status_code == 200
    assert client.get(personas.org_a.get_absolute_url()).status_code == 200
    assert api_client(personas.manager).get(reverse("api:evidence-detail", args=[policy.pk])).status_code == 200
    assert not SensitiveView.objects.exists()


def test_equal_opportunities_totals_are_logged(personas: Personas, client_for: ClientFor) -> None:
    vacancy = VacancyFactory()
    client = client_for(personas.manager)
    assert client.get(vacancy.get_absolute_url()).status_code == 200  # the vacancy itself: not sensitive
    assert not SensitiveView.objects.exists()
    assert client.get(reverse("people:vacancy_equal_opportunities", args=[vacancy.pk])).status_code == 200
    api = api_client(personas.manager).get(reverse("api:vacancy-equal-opportunities", args=[vacancy.pk]))
    assert api.status_code == 200
    assert list(SensitiveView.objects.order_by("pk").values_list("kind", "view_name")) == [
        ("Equal-opportunities returns (totals)", "people:vacancy_equal_opportunities"),
        ("Equal-opportunities returns (totals)", "api:vacancy-equal-opportunities"),
    ]


def test_the_log_is_the_hub_managers_to_read(robin: Robin, personas: Personas, client_for: ClientFor) -> None:
    client_for(personas.contracts_officer).get(robin.dbs.get_absolute_url())
    row = SensitiveView.objects.get()
    listing = client_for(personas.manager).get(
        reverse("privacy:sensitiveview_list"), {"user": personas.contracts_officer.pk}
    )
    assert robin.dbs.requirement.name in listing.content.decode()
    empty = client_for(personas.manager).get(reverse("privacy:sensitiveview_list"), {"user": personas.manager.pk})
    assert robin.dbs.requirement.name not in empty.content.decode()
    assert client_for(personas.auditor).get(row.get_absolute_url()).status_code == 403
    assert client_for(personas.member_a).get(row.get_absolute_url()).status_code in (403, 404)
