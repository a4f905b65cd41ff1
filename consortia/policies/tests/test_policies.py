"""The policy library: numbering and approving versions, acknowledging, the report of who has not,
the files behind a permission check, and the starter list of areas."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from consortia.core.dates import add_months
from consortia.policies.choices import Audience, VersionStatus
from consortia.policies.models import Acknowledgement, Policy, PolicyArea, PolicyVersion
from consortia.policies.services.policies import (
    acknowledge,
    approve_version,
    load_starter_areas,
    not_acknowledged,
    required_organisations,
)
from consortia.policies.starter import STARTER_AREAS
from consortia.policies.tests import factories
from consortia.users.testing import Personas

TODAY = timezone.localdate()
REPORT = reverse("policies:not_acknowledged")


def test_versions_are_numbered_within_their_policy(personas: Personas) -> None:
    first, other = factories.policy(personas.manager), factories.policy(personas.manager)
    assert [factories.version(first).number for _ in range(3)] == [1, 2, 3]
    assert factories.version(other).number == 1


def test_approving_sets_the_review_date_and_supersedes_the_version_before(personas: Personas) -> None:
    policy = factories.policy(personas.manager, review_period_months=24)
    one = factories.approved(policy, personas.manager, TODAY - timedelta(days=10))
    two = approve_version(factories.version(policy), personas.manager, TODAY, "Board 01/11/2026, minute 4")
    one.refresh_from_db()
    policy.refresh_from_db()
    assert one.status == VersionStatus.SUPERSEDED
    assert (two.status, two.approved_on, two.approval_minute) == (
        VersionStatus.APPROVED,
        TODAY,
        "Board 01/11/2026, minute 4",
    )
    assert policy.current_version == two
    assert policy.next_review_on == add_months(TODAY, 24)


def test_approval_refused_when_the_review_date_would_be_in_the_past(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    policy = factories.policy(personas.manager, review_period_months=12)
    draft = factories.version(policy)
    long_ago = TODAY - timedelta(days=400)
    with pytest.raises(ValidationError) as refused:
        approve_version(draft, personas.manager, long_ago)
    assert "review date in the past" in str(refused.value)
    # Through the page: the message on the form, and nothing saved.
    url = reverse("policies:policyversion_approve", args=[draft.pk])
    response = client_for(personas.manager).post(url, {"approved_on": long_ago.isoformat()})
    assert response.status_code == 422
    page = response.content.decode()
    assert "which has already passed" in page
    assert "review date in the past" in page
    draft.refresh_from_db()
    policy.refresh_from_db()
    assert (draft.status, draft.approved_on, policy.current_version, policy.next_review_on) == (
        VersionStatus.DRAFT,
        None,
        None,
        None,
    )


def test_approval_refuses_a_version_already_approved_and_a_future_date(personas: Personas) -> None:
    policy = factories.policy(personas.manager)
    version = factories.approved(policy, personas.manager)
    with pytest.raises(ValidationError, match="only a draft can be approved"):
        approve_version(version, personas.manager)
    with pytest.raises(ValidationError, match="date still to come"):
        approve_version(factories.version(policy), personas.manager, TODAY + timedelta(days=1))


def test_the_approve_page_approves_and_an_approved_version_is_locked(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    draft = factories.version(factories.policy(personas.manager))
    client = client_for(personas.manager)
    assert "Approve version 1" in client.get(draft.get_absolute_url()).content.decode()
    response = client.post(
        reverse("policies:policyversion_approve", args=[draft.pk]), {"approved_on": TODAY.isoformat()}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.APPROVED
    assert client.get(reverse("policies:policyversion_edit", args=[draft.pk])).status_code == 409
    # Read-only roles may not approve.
    other = factories.version(draft.policy)
    assert (
        client_for(personas.auditor).post(reverse("policies:policyversion_approve", args=[other.pk])).status_code == 403
    )


def test_api_approves_and_refuses_a_past_review_date(personas: Personas) -> None:
    from consortia.core.testing.api import api_client

    draft = factories.version(factories.policy(personas.manager))
    url = reverse("api:policyversion-approve", args=[draft.pk])
    refused = api_client(personas.manager).post(
        url, {"approved_on": (TODAY - timedelta(days=800)).isoformat()}, format="json"
    )
    assert refused.status_code == 400
    assert "review date in the past" in str(refused.json()["approved_on"])
    assert api_client(personas.auditor).post(url, {}, format="json").status_code == 403
    response = api_client(personas.manager).post(url, {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "approved"


def test_who_must_acknowledge(personas: Personas) -> None:
    factories.active_member(personas.org_a)
    everyone = factories.policy(personas.manager, acknowledgement_required=True, audience=Audience.ALL)
    chosen = factories.policy(personas.manager, members=[personas.org_b])
    not_asked = factories.policy(personas.manager)
    assert list(required_organisations(everyone)) == [personas.org_a]  # org_b is not an active member
    assert list(required_organisations(chosen)) == [personas.org_b]
    assert not required_organisations(not_asked).exists()
    # And so what each member's users see.
    assert set(Policy.objects.restrict(personas.member_a)) == {everyone}
    assert set(Policy.objects.restrict(personas.member_b)) == {chosen}


def test_acknowledging(personas: Personas) -> None:
    policy = factories.policy(personas.manager, members=[personas.org_a])
    version = factories.approved(policy, personas.manager)
    made = acknowledge(version, personas.org_a, personas.member_a)
    assert (made.acknowledged_by, made.acknowledged_on) == (personas.member_a, TODAY)
    with pytest.raises(ValidationError, match="already acknowledged"):
        acknowledge(version, personas.org_a, personas.member_a)
    with pytest.raises(ValidationError, match="not asked to acknowledge"):
        acknowledge(version, personas.org_b, personas.manager)
    with pytest.raises(ValidationError, match="current approved version"):
        acknowledge(factories.version(policy), personas.org_a, personas.member_a)
    assert Acknowledgement.objects.count() == 1


def test_a_new_version_needs_acknowledging_again(personas: Personas) -> None:
    policy = factories.policy(personas.manager, members=[personas.org_a])
    acknowledge(factories.approved(policy, personas.manager), personas.org_a, personas.member_a)
    assert not not_acknowledged(Policy.objects.all())
    factories.approved(policy, personas.manager)
    assert [(row.policy, row.organisation) for row in not_acknowledged(Policy.objects.all())] == [
        (policy, personas.org_a)
    ]


def _report_setup(personas: Personas, count: int) -> list[Policy]:
    factories.active_member(personas.org_a)
    factories.active_member(personas.org_b)
    policies = []
    for index in range(count):
        if index % 2:
            policy = factories.policy(personas.manager, title=f"All members {index}", acknowledgement_required=True)
        else:
            policy = factories.policy(
                personas.manager, title=f"Chosen {index}", members=[personas.org_a, personas.org_b]
            )
        version = factories.approved(policy, personas.manager)
        acknowledge(version, personas.org_b, personas.manager)
        policies.append(policy)
    return policies


def test_report_lists_who_has_not_acknowledged_and_exports(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    policies = _report_setup(personas, 2)
    client = client_for(personas.manager)
    page = client.get(REPORT).content.decode()
    assert page.count("<td>Alpha Advice Centre</td>") == 2
    assert "<td>Beta Befriending</td>" not in page
    filtered = client.get(REPORT, {"policy": policies[0].pk}).content.decode()
    assert f">{policies[0].title}</a></td>" in filtered
    assert f">{policies[1].title}</a></td>" not in filtered
    body = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["Policy", "Current version", "Member organisation", "Approved", "Days waiting"]
    assert sorted(row[0] for row in rows[1:]) == sorted(policy.title for policy in policies)
    sheet = load_workbook(io.BytesIO(client.get(REPORT, {"export": "xlsx", "policy": policies[0].pk}).content)).active
    assert sheet.max_row == 2
    assert sheet.cell(2, 3).value == "Alpha Advice Centre"


def test_report_costs_a_fixed_number_of_queries(personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.manager)
    client.get(REPORT)
    _report_setup(personas, 1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(REPORT).status_code == 200
    _report_setup(personas, 12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(REPORT).status_code == 200
    # session, user, the user's permissions (group and own), the filter's two choice lists, and
    # the report's four: the policies with their versions, their chosen members, the active
    # members, the acknowledgements
    assert (len(few), len(many)) == (10, 10)


def test_report_is_the_hubs(personas: Personas, client_for: Callable[..., Client]) -> None:
    assert client_for(personas.member_a).get(REPORT).status_code == 404
    assert client_for(personas.nobody).get(REPORT).status_code == 403
    assert client_for(personas.auditor).get(REPORT).status_code == 200
    assert (
        client_for(personas.manager)
        .get(reverse("policies:policy_detail", args=[_report_setup(personas, 1)[0].pk]))
        .status_code
        == 200
    )


def test_version_files_are_sent_only_to_who_may_see_them(personas: Personas, client_for: Callable[..., Client]) -> None:
    version = factories.approved(factories.policy(personas.manager, members=[personas.org_a]), personas.manager)
    url = reverse("policies:policyversion_file", args=[version.pk])
    response = client_for(personas.manager).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert client_for(personas.member_a).get(url).status_code == 200
    assert client_for(personas.member_b).get(url).status_code == 404
    assert client_for(personas.nobody).get(url).status_code == 403
    draft = factories.version(version.policy)  # a draft is the hub's until approved
    assert client_for(personas.member_a).get(reverse("policies:policyversion_file", args=[draft.pk])).status_code == 404


def test_uploading_a_file_that_is_not_a_document_is_refused(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from consortia.core.testing.views import form_token

    client = client_for(personas.manager)
    add = reverse("policies:policyversion_add")
    policy = factories.policy(personas.manager)
    response = client.post(
        add,
        {
            "policy": policy.pk,
            "file": SimpleUploadedFile("policy.pdf", b"MZ not a pdf"),
            "_token": form_token(client, add),
        },
    )
    assert response.status_code == 200
    assert "does not look like a PDF file" in response.content.decode()
    assert not PolicyVersion.objects.exists()


def test_chosen_audience_needs_members(personas: Personas, client_for: Callable[..., Client]) -> None:
    from consortia.core.testing.views import form_token

    client = client_for(personas.manager)
    add = reverse("policies:policy_add")
    data = {
        "title": "Data breach procedure",
        "kind": "procedure",
        "area": factories.area("Data protection").pk,
        "owner": personas.manager.pk,
        "review_period_months": "12",
        "acknowledgement_required": "on",
        "audience": "chosen",
        "_token": form_token(client, add),
    }
    response = client.post(add, data)
    assert "Choose the member organisations" in response.content.decode()
    assert not Policy.objects.exists()


@pytest.mark.django_db
def test_starter_areas_load_without_duplicates() -> None:
    names = {name for name, _ in STARTER_AREAS}
    load_starter_areas()  # the data migration does the same on a new database
    assert names <= set(PolicyArea.objects.values_list("name", flat=True))
    PolicyArea.objects.filter(name="Whistleblowing").delete()
    out = io.StringIO()
    call_command("load_policy_areas", stdout=out)
    assert "Added 1 policy areas" in out.getvalue()
    again = io.StringIO()
    call_command("load_policy_areas", stdout=again)
    assert "Added 0 policy areas" in again.getvalue()
    assert PolicyArea.objects.filter(name__in=names).count() == len(names)


def test_approval_records_the_boards_decision_and_refuses_one_not_carried(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    from consortia.governance.models import Decision
    from consortia.governance.tests import factories as governance

    item = governance.item(governance.meeting())
    carried = Decision.objects.create(item=item, resolution="The board approves the safeguarding policy.")
    lost = Decision.objects.create(item=item, resolution="The board approves the draft.", outcome="not_carried")
    policy = factories.policy(personas.manager)
    with pytest.raises(ValidationError, match="was not carried"):
        approve_version(factories.version(policy), personas.manager, decision=lost)
    draft = factories.version(policy)
    response = client_for(personas.manager).post(
        reverse("policies:policyversion_approve", args=[draft.pk]),
        {"approved_on": TODAY.isoformat(), "decision": carried.pk},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.approved_by_decision) == (VersionStatus.APPROVED, carried)
