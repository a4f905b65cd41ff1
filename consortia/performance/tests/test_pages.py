"""The staff pages beyond the generic ones, the member portal's returns, reminders and scoping."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consortia.core.testing.views import queries_for
from consortia.performance.choices import ReminderKind, ReturnStatus, Unit
from consortia.performance.models import MonitoringReturn, ReturnEvidence, ReturnReminder, ReturnValue
from consortia.performance.services import periods
from consortia.performance.tests import factories
from consortia.users.testing import Personas


def contract_with_returns(personas: Personas, members: int = 2, kpis: int = 2) -> Any:
    """A contract with `members` members (A, B, then more) and `kpis` KPIs, two quarters, validated returns."""
    from consortia.directory.tests.factories import OrganisationFactory

    contract = factories.contract(personas.org_c)
    orgs = [personas.org_a, personas.org_b, *[OrganisationFactory() for _ in range(max(0, members - 2))]][:members]
    subs = [factories.subcontract(contract, org, str(Decimal(100) / members)) for org in orgs]
    made_kpis = [factories.kpi(contract, f"KPI {n}", target=Decimal(100)) for n in range(kpis)]
    periods.pass_down_kpis(contract)
    quarters = [factories.period(contract), factories.period(contract, date(2026, 7, 1), date(2026, 9, 30))]
    for sub in subs:
        for quarter in quarters:
            made = factories.monitoring_return(sub, quarter, ReturnStatus.VALIDATED)
            for kpi in made_kpis:
                ReturnValue.objects.create(monitoring_return=made, kpi=kpi, value=Decimal(40))
    return contract


def test_the_kpi_page_costs_the_same_whatever_its_size_and_shows_rag_and_a_chart(
    personas: Personas, client_for: Any
) -> None:
    client = client_for(personas.contracts_officer)
    small = contract_with_returns(personas, 1, 1)
    url = reverse("performance:contract_kpis", args=[small.pk])
    client.get(url)  # warm per-process caches
    few = queries_for(client, url)
    big = contract_with_returns(personas, 4, 5)
    page = client.get(reverse("performance:contract_kpis", args=[big.pk])).content.decode()
    # session, user, 2 × permissions, the contract, then KPIs, periods, subcontracts, targets, values
    assert few == queries_for(client, reverse("performance:contract_kpis", args=[big.pk])) == 10
    assert "<svg" in page
    assert "<circle" in page
    assert "Contract (roll-up)" in page
    assert "Green" in page
    assert page.count("Beta Befriending") >= 5


def test_a_members_scorecard_costs_the_same_for_one_contract_or_three(personas: Personas, client_for: Any) -> None:
    client = client_for(personas.contracts_officer)
    first = contract_with_returns(personas, 2, 2)
    url = reverse("performance:scorecard", args=[personas.org_a.pk])
    client.get(url)  # warm per-process caches
    one = queries_for(client, url)
    contract_with_returns(personas, 3, 1)
    contract_with_returns(personas, 2, 3)
    page = client.get(url).content.decode()
    # session, user, 2 × permissions, the member, its contracts, then KPIs, periods, subcontracts, targets, values
    assert one == queries_for(client, url) == 11
    assert page.count("Alpha Advice Centre") >= 3
    assert first.reference in page


def test_commissioner_and_members_see_only_their_own_contracts_performance(personas: Personas, client_for: Any) -> None:
    contract = contract_with_returns(personas)
    other = factories.contract(factories_org("Delta Borough Council"))
    factories.subcontract(other, personas.org_a, "100")
    commissioner = client_for(personas.commissioner)
    page = commissioner.get(reverse("performance:contract_kpis", args=[contract.pk]))
    assert page.status_code == 200
    assert "Alpha Advice Centre" in page.content.decode()
    assert "Contract (roll-up)" in page.content.decode()
    assert commissioner.get(reverse("performance:contract_kpis", args=[other.pk])).status_code == 404
    # Returns: only the validated ones of their contracts; never evidence or comments.
    due = factories.monitoring_return(
        contract.subcontracts.first(), factories.period(contract, date(2026, 10, 1), date(2026, 12, 31))
    )
    seen = MonitoringReturn.objects.restrict(personas.commissioner, "view")
    assert seen.count() == 4
    assert not seen.filter(pk=due.pk).exists()
    assert commissioner.get(due.get_absolute_url()).status_code == 404
    assert commissioner.get(reverse("performance:monitoringreturn_list")).status_code == 200
    assert commissioner.get(reverse("performance:returnevidence_list")).status_code == 403
    assert commissioner.get(reverse("performance:returncomment_list")).status_code == 403
    member_b = (
        client_for(personas.member_b).get(reverse("performance:contract_kpis", args=[contract.pk])).content.decode()
    )
    assert "Beta Befriending" in member_b
    assert "Alpha Advice Centre" not in member_b
    assert "Contract (roll-up)" not in member_b
    assert client_for(personas.member_b).get(reverse("performance:contract_kpis", args=[other.pk])).status_code == 404
    assert client_for(personas.nobody).get(reverse("performance:contract_kpis", args=[contract.pk])).status_code == 403


def factories_org(name: str) -> Any:
    from consortia.directory.tests.factories import OrganisationFactory

    return OrganisationFactory(name=name)


def test_staff_validate_and_query_from_the_returns_page(personas: Personas, client_for: Any) -> None:
    made = factories.setting(personas.org_c, personas.org_a)
    submitted = factories.monitoring_return(made["subcontracts"][0], made["period"], ReturnStatus.SUBMITTED)
    client = client_for(personas.contracts_officer)
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "Validate the return" in page
    assert "Query the return" in page
    query_url = reverse("performance:monitoringreturn_query", args=[submitted.pk])
    assert client.post(query_url, {"comment": "  "}).status_code == 200  # the form again, with its error
    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.SUBMITTED
    assert client.post(query_url, {"comment": "Please attach the attendance sheet."}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.QUERIED
    refused = client.post(reverse("performance:monitoringreturn_validate", args=[submitted.pk]))
    assert "Only a submitted return can be validated" in refused.content.decode()
    MonitoringReturn.objects.filter(pk=submitted.pk).update(status=ReturnStatus.SUBMITTED)
    assert client.post(reverse("performance:monitoringreturn_validate", args=[submitted.pk])).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.VALIDATED
    # A validated return's edit page refuses; the auditor and the member cannot validate.
    assert client.get(reverse("performance:monitoringreturn_edit", args=[submitted.pk])).status_code == 409
    for persona in (personas.auditor, personas.member_a):
        assert client_for(persona).post(
            reverse("performance:monitoringreturn_validate", args=[submitted.pk])
        ).status_code in (403, 404)


def test_the_performance_report_builds_as_pdf_and_excel(personas: Personas, client_for: Any) -> None:
    contract = contract_with_returns(personas, 2, 1)
    client = client_for(personas.contracts_officer)
    url = reverse("performance:contract_performance_report", args=[contract.pk])
    pdf = client.get(url, {"format": "pdf"})
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200
    assert b"".join(xlsx.streaming_content).startswith(b"PK")
    assert client_for(personas.member_b).get(url, {"format": "pdf"}).status_code in (403, 404)
    scorecard = client.get(reverse("performance:scorecard", args=[personas.org_a.pk])).content.decode()
    assert "Scorecard: Alpha Advice Centre" in scorecard
    assert "Beta Befriending" not in scorecard


def test_a_member_fills_in_and_submits_a_return_in_the_portal(personas: Personas, client_for: Any) -> None:
    made = factories.setting(personas.org_c, personas.org_a, personas.org_b)
    rate = factories.kpi(made["contract"], "Satisfied clients", unit=Unit.PERCENTAGE, target=Decimal(80))
    job = factories.kpi(made["contract"], "Job outcomes", target=Decimal(5), outcome_price=Decimal(400))
    own = factories.monitoring_return(made["subcontracts"][0], made["period"])
    others = factories.monitoring_return(made["subcontracts"][1], made["period"])
    client = client_for(personas.member_a)
    listing = client.get(reverse("portal:returns")).content.decode()
    assert "April to June 2026" in listing
    assert reverse("portal:return", args=[others.pk]) not in listing
    assert client.get(reverse("portal:return", args=[others.pk])).status_code == 404
    url = reverse("portal:return", args=[own.pk])
    form = {
        "action": "submit",
        f"kpi-{made['kpi'].pk}": "52",
        f"kpi-{rate.pk}": "120",
        f"kpi-{job.pk}": "2",
        "claim-count": "3",
        "claim-0-kpi": str(job.pk),
        "claim-0-ref": "AL-7",
        "claim-0-date": "2026-05-04",
        "claim-1-kpi": str(job.pk),
        "claim-1-ref": "AL-7",
        "claim-1-date": "2026-05-06",
        "narrative": "Busy quarter.",
        "declares_accurate": "on",
        "declares_consent": "on",
        "declares_no_double_claims": "on",
    }
    refused = client.post(url, form)
    assert refused.status_code == 422
    body = refused.content.decode()
    assert "“Satisfied clients” is a percentage: enter a value from 0 to 100, not 120." in body
    assert "Client reference AL-7 is claimed twice for “Job outcomes” in this return." in body
    assert ReturnValue.objects.count() == 0  # nothing saved
    form |= {f"kpi-{rate.pk}": "85", "claim-1-ref": "AL-8"}
    form["evidence"] = SimpleUploadedFile("attendance.pdf", b"%PDF-1.4 attendance")
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    own.refresh_from_db()
    assert own.status == ReturnStatus.SUBMITTED
    assert own.outcome_claims.count() == 2
    assert ReturnEvidence.objects.get().original_filename == "attendance.pdf"
    page = client.get(url).content.decode()
    assert "the hub is checking it" in page
    assert "Resubmit" not in page
    evidence = ReturnEvidence.objects.get()
    assert client.get(reverse("portal:return_evidence", args=[evidence.pk])).status_code == 200
    assert client_for(personas.member_b).get(reverse("portal:return_evidence", args=[evidence.pk])).status_code == 404
    assert client_for(personas.commissioner).get(reverse("portal:return", args=[own.pk])).status_code == 404


def test_reminders_are_sent_once_each_and_the_hub_hears_of_missing_returns(personas: Personas) -> None:
    made = factories.setting(personas.org_c, personas.org_a, personas.org_b)
    period = made["period"]  # due 14/07/2026
    waiting = factories.monitoring_return(made["subcontracts"][0], period, ReturnStatus.DRAFT)
    factories.monitoring_return(made["subcontracts"][1], period, ReturnStatus.SUBMITTED)  # nothing to remind

    call_command("send_return_reminders", date="2026-07-10")
    call_command("send_return_reminders", date="2026-07-11")
    assert [(message.subject, message.to) for message in mail.outbox] == [
        ("Monitoring return for April to June 2026 due on 14/07/2026", ["user@alpha.test"])
    ]
    call_command("send_return_reminders", date="2026-07-15")
    call_command("send_return_reminders", date="2026-07-15")
    assert mail.outbox[-1].subject == "Late: monitoring return for April to June 2026"
    call_command("send_return_reminders", date="2026-08-03")
    assert mail.outbox[-1].subject == "Missing: Alpha Advice Centre's monitoring return for April to June 2026"
    assert set(mail.outbox[-1].to) == {"user@alpha.test", "manager@hub.test", "contracts@hub.test"}
    assert len(mail.outbox) == 3
    assert set(ReturnReminder.objects.values_list("kind", flat=True)) == set(ReminderKind.values)
    assert reverse("portal:return", args=[waiting.pk]) in mail.outbox[0].body


def test_the_validation_measure_counts_working_days(personas: Personas) -> None:
    from consortia.hub.measures import compute

    made = factories.setting(personas.org_c, personas.org_a)
    tz = timezone.get_current_timezone()
    factories.monitoring_return(
        made["subcontracts"][0],
        made["period"],
        ReturnStatus.VALIDATED,
        submitted_at=datetime(2026, 7, 10, 9, tzinfo=tz),  # a Friday
        validated_at=datetime(2026, 7, 14, 16, tzinfo=tz),  # the Tuesday after: 2 working days
    )
    assert compute("performance.return_validation_days", date(2026, 7, 1), date(2026, 7, 31)) == Decimal("2.00")
    assert compute("performance.return_validation_days", date(2026, 8, 1), date(2026, 8, 31)) is None


def test_a_return_page_gives_a_form_token_only_while_the_member_may_change_it(
    personas: Personas, client_for: Any
) -> None:
    from consortia.core.guard import FORM_TOKENS

    made = factories.setting(personas.org_c, personas.org_a, personas.org_b)
    draft = factories.monitoring_return(made["subcontracts"][0], made["period"])
    client = client_for(personas.member_a)
    page = client.get(reverse("portal:return", args=[draft.pk])).content.decode()
    tokens = client.session.get(FORM_TOKENS, {})
    assert len(tokens) == 1
    assert f'name="_token" value="{next(iter(tokens))}"' in page
    assert 'name="_version"' in page

    # The version the form carries is the one the save checks against: an unchanged draft saves.
    version = page.split('name="_version" value="')[1].split('"')[0]
    saved = client.post(
        reverse("portal:return", args=[draft.pk]),
        {"action": "save", "_token": next(iter(tokens)), "_version": version, "narrative": "So far."},
    )
    assert saved.status_code == 302

    MonitoringReturn.objects.filter(pk=draft.pk).update(status=ReturnStatus.VALIDATED)
    session_before = dict(client.session.items())
    with_queries = queries_for(client, reverse("portal:return", args=[draft.pk]))
    page = client.get(reverse("portal:return", args=[draft.pk])).content.decode()
    assert 'name="_token"' not in page
    assert dict(client.session.items()) == session_before  # no token issued, nothing written
    assert with_queries == queries_for(client, reverse("portal:return", args=[draft.pk]))


def test_a_returns_claims_show_in_the_kpis_order(personas: Personas, client_for: Any) -> None:
    from consortia.performance.models import OutcomeClaim

    made = factories.setting(personas.org_c, personas.org_a, personas.org_b)
    second = factories.kpi(made["contract"], "B outcomes", outcome_price=Decimal(100))
    first = factories.kpi(made["contract"], "A outcomes", outcome_price=Decimal(100))
    submitted = factories.monitoring_return(made["subcontracts"][0], made["period"], ReturnStatus.SUBMITTED)
    day = made["period"].starts_on
    for kpi, reference in ((second, "R-1"), (first, "R-3"), (first, "R-2")):
        OutcomeClaim.objects.create(monitoring_return=submitted, kpi=kpi, client_reference=reference, achieved_on=day)
    expected = [str(claim) for claim in OutcomeClaim.objects.filter(monitoring_return=submitted)]
    page = client_for(personas.member_a).get(reverse("portal:return", args=[submitted.pk])).content.decode()
    shown = [page.index(f"{claim.split(':')[0]}:") for claim in expected]
    assert shown == sorted(shown)
    assert [claim.split(":")[0] for claim in expected] == ["R-2", "R-3", "R-1"]
