"""Service agreements through the generic view tests, and the service specification."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.test import Client
from docx import Document

from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.documents.models import GeneratedDocument
from consortia.hub.choices import Comparison, DelivererKind, Raci, Unit
from consortia.hub.models import DeliveryModel, HubDecision, HubTask, ServiceAgreement, TaskAllocation
from consortia.hub.services.agreement import build_service_specification
from consortia.hub.tests.agreement.factories import ServiceAgreementFactory
from consortia.hub.tests.standards.factories import (
    PerformanceProcedureFactory,
    ServiceStandardFactory,
    deliverer,
    hub_function,
)
from consortia.hub.views.agreement import ServiceAgreementViews
from consortia.users.testing import Personas


class TestServiceAgreementViews(EditableRecordTests):
    record = ServiceAgreementViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page (provider joined)
    concurrent_change = {"reporting": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ServiceAgreement:
        return ServiceAgreementFactory(provider=organisation, title=f"Hub services from {organisation} ({index})")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "title": "Hub services 2026 to 2029",
            "provider": str(personas.org_a.pk),
            "status": "draft",
            "start": "2026-04-01",
            "end": "2029-03-31",
            "fee": "38500.00",
            "fee_basis": "annual",
            "payment_terms": "Monthly in arrears.",
        }

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return self.form_data(personas) | {"status": "agreed", "signed_on": "2026-03-20"}


def make_outsourced_hub(provider: Organisation) -> ServiceAgreement:
    """A decision to outsource to `provider`, tasks allocated to it and to others, and standards."""
    model = DeliveryModel.objects.filter(needs_provider=True).first() or DeliveryModel.objects.create(
        code="member-test", name="Outsource to a member (test)", summary="A member runs the hub.", needs_provider=True
    )
    decision = HubDecision.objects.create(
        chosen_model=model,
        provider=provider,
        decided_on=date(2023, 2, 14),
        decided_by="The board, at its meeting of 14/02/2023",
        minute_reference="B23/07",
        rationale="The CVS already hosts the consortium and has the staff to start at once.",
    )
    cvs = deliverer("CVS hub team (test)", DelivererKind.MEMBER, provider)
    board = deliverer()
    bidding = hub_function("bidding")
    finance = hub_function("finance")
    find = HubTask.objects.create(function=bidding, name="Circulate opportunities to members (test)")
    pay = HubTask.objects.create(function=finance, name="Pay members within terms (test)")
    sign_off = HubTask.objects.create(function=bidding, name="Sign off bids (test)")
    TaskAllocation.objects.create(task=find, deliverer=cvs, raci=Raci.RESPONSIBLE, hours_per_month=Decimal(12))
    TaskAllocation.objects.create(task=pay, deliverer=cvs, raci=Raci.RESPONSIBLE, hours_per_month=Decimal("6.5"))
    TaskAllocation.objects.create(task=sign_off, deliverer=board, raci=Raci.ACCOUNTABLE)
    ServiceStandardFactory(
        function=bidding, name="Opportunities circulated within 2 working days of publication", target=Decimal(2)
    )
    ServiceStandardFactory(
        function=hub_function("performance"),
        name="Every hub task has someone responsible",
        measure="hub.tasks_with_responsible",
        unit=Unit.PERCENT,
        comparison=Comparison.AT_LEAST,
        target=Decimal(100),
    )
    PerformanceProcedureFactory(name="Quarterly board review")
    return ServiceAgreementFactory(
        provider=provider,
        decision=decision,
        title="Hub services agreement",
        reporting="A quarterly report to the board on every standard.",
        exit="Six months' notice; records handed back within 20 working days.",
    )


def document_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_specification_reads_as_a_specification(personas: Personas) -> None:
    agreement = make_outsourced_hub(personas.org_a)
    built = build_service_specification(agreement)
    text = document_text(built.content)
    headings = [
        "1. Background",
        "2. Purpose",
        "3. Scope of services",
        "4. Service standards",
        "5. Reporting",
        "6. Review",
        "7. Fees and payment",
        "8. Term",
        "9. Exit",
        "10. Signatures",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Service specification for the hub function" in text
    assert "14/02/2023" in text
    assert "minute B23/07" in text
    assert "The CVS already hosts the consortium" in text
    # The provider's tasks, by function, with RACI and hours; not other deliverers' tasks.
    assert "3.1 Scope for and bid for contracts" in text
    assert "Circulate opportunities to members (test)" in text
    assert "Pay members within terms (test)" in text
    assert "Responsible: does the work" in text
    assert "12.0" in text
    assert "about 18.5 hours a month" in text
    assert "Sign off bids (test)" not in text
    # The standards, with target, measure and period.
    assert "Opportunities circulated within 2 working days of publication" in text
    assert "At most 2 working days" in text
    assert "Computed: Hub tasks with someone responsible (%)" in text
    assert "Monthly" in text
    assert "A quarterly report to the board on every standard." in text
    assert "Quarterly board review" in text
    assert "£38,500.00 a year" in text
    assert "Invoiced monthly in arrears" in text
    assert "from 01/04/2023 until it is ended as section 9 sets out" in text
    assert "Six months' notice" in text
    assert f"For {personas.org_a.name}" in text


def test_download_through_the_agreement_page(personas: Personas, client_for: Callable[..., Client]) -> None:
    agreement = make_outsourced_hub(personas.org_a)
    client = client_for(personas.manager)
    page = client.get(agreement.get_absolute_url()).content.decode()
    url = f"/hub/service-agreements/{agreement.pk}/service-specification/"
    assert url in page
    assert "£38,500.00 a year" in page
    response = client.get(url)
    assert response.status_code == 200
    text = document_text(b"".join(response.streaming_content))
    assert "Circulate opportunities to members (test)" in text
    stored = GeneratedDocument.objects.get()
    assert (stored.kind, stored.source_id) == ("service_specification", agreement.pk)
    # A read-only auditor may not generate documents; a member user cannot see the agreement.
    assert client_for(personas.auditor).get(url).status_code == 403
    assert client_for(personas.member_a).get(url).status_code == 403
    assert client_for(personas.board).get(url).status_code == 200


def test_a_specification_without_decision_or_tasks_still_reads_sensibly(personas: Personas) -> None:
    HubDecision.objects.all().delete()
    agreement = ServiceAgreementFactory(
        provider=personas.org_b, fee=Decimal(5), fee_basis="percent", end=date(2027, 3, 31)
    )
    text = document_text(build_service_specification(agreement).content)
    assert f"No hub tasks are allocated to {personas.org_b.name} yet" in text
    assert "5% of the consortium's contract income" in text
    assert "to 31/03/2027" in text
