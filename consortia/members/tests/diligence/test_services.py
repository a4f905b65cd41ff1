"""The rules of submitting and checking evidence, reviews and compliance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.directory.models import Organisation
from consortia.members.choices import EvidenceStatus, MembershipStatus, Rag, Tier
from consortia.members.models import DueDiligenceReview, Evidence, Requirement
from consortia.members.reference_diligence import REQUIREMENTS, load_diligence_reference
from consortia.members.services import diligence as services
from consortia.members.tests.diligence.conftest import stored_files
from consortia.members.tests.diligence.factories import PDF, EvidenceFactory, member, pdf, requirement
from consortia.users.testing import Personas

TODAY = date(2026, 11, 26)


def insurance(personas: Personas, **extra: object) -> Evidence:
    values: dict[str, object] = {
        "file": pdf(),
        "issued_on": date(2026, 4, 1),
        "expires_on": date(2027, 3, 31),
        "cover_amount": Decimal("5000000"),
    } | extra
    return services.submit_evidence(
        personas.org_a,
        requirement("Public liability insurance"),
        personas.member_a,
        **values,  # type: ignore[arg-type]
    )


def test_reference_requirements_are_loaded_once_and_edits_are_kept(db: None) -> None:
    assert Requirement.objects.filter(name__in=[spec["name"] for spec in REQUIREMENTS]).count() == len(REQUIREMENTS)
    employers = requirement("Employer's liability insurance")
    assert employers.needs_expiry
    assert employers.needs_cover_amount
    assert requirement("DBS checks").needs_dbs_level
    assert requirement("DBS checks").kind == "answer"
    assert not requirement("Quality marks held").mandatory_full
    continuity = requirement("Business continuity plan")
    assert continuity.mandatory_full
    assert not continuity.mandatory_associate
    assert not continuity.mandatory_partner
    Requirement.objects.filter(pk=employers.pk).update(description="Edited by the hub.")
    load_diligence_reference()
    assert Requirement.objects.filter(name__in=[spec["name"] for spec in REQUIREMENTS]).count() == len(REQUIREMENTS)
    assert requirement("Employer's liability insurance").description == "Edited by the hub."


def test_document_evidence_is_stored_under_a_private_name(personas: Personas, media: Path) -> None:
    evidence = insurance(personas, file=pdf("Our PL certificate 2026.pdf"))
    assert evidence.status == EvidenceStatus.SUBMITTED
    assert evidence.original_filename == "Our PL certificate 2026.pdf"
    assert "certificate" not in evidence.file.name
    assert evidence.file.name.endswith(".pdf")
    assert evidence.created_by == personas.member_a
    files = stored_files(media)
    assert len(files) == 1
    assert files[0].read_bytes() == PDF


def test_each_flag_asks_its_field(personas: Personas, media: Path) -> None:
    with pytest.raises(ValidationError) as refused:
        services.submit_evidence(personas.org_a, requirement("Public liability insurance"), personas.member_a)
    assert set(refused.value.message_dict) == {"file", "expires_on", "cover_amount"}
    with pytest.raises(ValidationError) as refused:
        services.submit_evidence(personas.org_a, requirement("DBS checks"), personas.member_a, answer="  ")
    assert set(refused.value.message_dict) == {"answer", "dbs_level"}
    evidence = services.submit_evidence(
        personas.org_a,
        requirement("DBS checks"),
        personas.member_a,
        answer="All front-line staff.",
        dbs_level="enhanced",
    )
    assert evidence.dbs_level == "enhanced"
    assert not evidence.file
    assert Evidence.objects.count() == 1
    assert stored_files(media) == []


def test_expiry_before_issue_is_refused(personas: Personas, media: Path) -> None:
    with pytest.raises(ValidationError) as refused:
        insurance(personas, issued_on=date(2026, 4, 1), expires_on=date(2026, 3, 31))
    assert refused.value.message_dict["expires_on"] == ["The expiry date is before the issue date."]
    assert not Evidence.objects.exists()
    assert stored_files(media) == []


def test_employers_liability_below_the_legal_minimum_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError) as refused:
        services.submit_evidence(
            personas.org_a,
            requirement("Employer's liability insurance"),
            personas.member_a,
            file=pdf(),
            expires_on=date(2027, 1, 1),
            cover_amount=Decimal("1000000"),
        )
    assert "at least £5,000,000" in refused.value.message_dict["cover_amount"][0]


def test_an_executable_renamed_pdf_is_refused(personas: Personas, media: Path) -> None:
    program = SimpleUploadedFile("certificate.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100)
    with pytest.raises(ValidationError) as refused:
        insurance(personas, file=program)
    assert "does not look like a PDF file" in refused.value.message_dict["file"][0]
    assert not Evidence.objects.exists()
    assert stored_files(media) == []


def test_a_file_over_10_mb_is_refused(personas: Personas, media: Path) -> None:
    big = pdf()
    big.size = 200 * 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        insurance(personas, file=big)
    assert "200.0 MB" in refused.value.message_dict["file"][0]
    assert "up to 10 MB" in refused.value.message_dict["file"][0]
    assert not Evidence.objects.exists()
    assert stored_files(media) == []


def test_a_file_of_a_kind_not_accepted_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError) as refused:
        insurance(personas, file=SimpleUploadedFile("run.exe", b"MZ" + b"\x00" * 10))
    assert "“run.exe” is not" in refused.value.message_dict["file"][0]


def test_new_evidence_supersedes_the_earlier(personas: Personas) -> None:
    first = insurance(personas)
    other_org = services.submit_evidence(
        personas.org_b,
        requirement("Public liability insurance"),
        personas.member_b,
        file=pdf(),
        expires_on=date(2027, 3, 31),
        cover_amount=Decimal("1000000"),
    )
    second = insurance(personas, expires_on=date(2028, 3, 31))
    first.refresh_from_db()
    other_org.refresh_from_db()
    assert first.superseded_by == second
    assert second.superseded_by is None
    assert other_org.superseded_by is None  # another organisation's evidence is untouched
    third = insurance(personas, expires_on=date(2029, 3, 31))
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.superseded_by == third
    assert first.superseded_by == second  # the record of what replaced what is kept


def test_verify_and_reject(personas: Personas) -> None:
    evidence = insurance(personas)
    with pytest.raises(PermissionDenied):
        services.verify_evidence(evidence, personas.member_a)  # a member cannot check their own
    with pytest.raises(PermissionDenied):
        services.verify_evidence(evidence, personas.board)  # read-only
    services.verify_evidence(evidence, personas.manager)
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.VERIFIED
    assert evidence.verified_by == personas.manager
    assert evidence.verified_at is not None
    with pytest.raises(ValidationError) as refused:
        services.reject_evidence(evidence, "  ", personas.manager)
    assert "rejection_reason" in refused.value.message_dict
    services.reject_evidence(evidence, "The certificate is for another organisation.", personas.manager)
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.REJECTED
    assert evidence.rejection_reason == "The certificate is for another organisation."
    newer = insurance(personas)
    evidence.refresh_from_db()
    with pytest.raises(ValidationError):
        services.verify_evidence(evidence, personas.manager)  # replaced: check the newer one
    assert newer.status == EvidenceStatus.SUBMITTED


def test_record_review_amber_needs_an_action_plan(personas: Personas) -> None:
    with pytest.raises(ValidationError) as refused:
        services.record_review(personas.org_a, 2026, Rag.AMBER, "Insurance lapsed.", "", personas.manager)
    assert "action_plan" in refused.value.message_dict
    assert not DueDiligenceReview.objects.exists()
    review = services.record_review(
        personas.org_a, 2026, Rag.AMBER, "Insurance lapsed.", "Renew by 31/12/2026.", personas.manager, date(2026, 6, 1)
    )
    assert review.reviewer == personas.manager
    assert review.next_review_due == date(2027, 6, 1)
    again = services.record_review(personas.org_a, 2026, Rag.GREEN, "Renewed.", "", personas.manager, date(2026, 7, 1))
    assert again.pk == review.pk
    assert DueDiligenceReview.objects.get().rag == Rag.GREEN


def test_compliance_states(personas: Personas) -> None:
    member(personas.org_a, tier=Tier.ASSOCIATE)
    public = requirement("Public liability insurance")
    employers = requirement("Employer's liability insurance")
    governing = requirement("Governing document")
    safeguarding = requirement("Safeguarding policy")
    accounts = requirement("Annual accounts")

    def given(req: Requirement, status: str, **extra: object) -> Evidence:
        return EvidenceFactory(organisation=personas.org_a, requirement=req, status=status, **extra)

    given(public, EvidenceStatus.VERIFIED, expires_on=date(2027, 1, 10))  # within 60 days
    given(employers, EvidenceStatus.VERIFIED, expires_on=date(2026, 11, 1))  # expired
    old = given(governing, EvidenceStatus.VERIFIED, issued_on=date(2026, 1, 1))
    given(governing, EvidenceStatus.SUBMITTED, issued_on=date(2026, 10, 1))
    old.superseded_by = Evidence.objects.latest("pk")
    old.save()
    given(safeguarding, EvidenceStatus.REJECTED, rejection_reason="Not signed.")
    given(accounts, EvidenceStatus.VERIFIED, issued_on=date(2024, 3, 31))  # renewal every 12 months: overdue
    [result] = services.compliance([personas.org_a], today=TODAY)
    states = {row.requirement.name: row.state for row in result.rows}
    assert states["Public liability insurance"] == services.EXPIRING
    assert states["Employer's liability insurance"] == services.EXPIRED
    assert states["Governing document"] == services.WAITING  # only the current evidence counts
    assert states["Safeguarding policy"] == services.REJECTED
    assert states["Annual accounts"] == services.EXPIRED
    assert states["Health and safety policy"] == services.MISSING
    # Associates need not have professional indemnity insurance or a continuity plan.
    missing = {row.requirement.name for row in result.missing_mandatory}
    assert "Health and safety policy" in missing
    assert "Professional indemnity insurance" not in missing
    assert "Business continuity plan" not in missing
    assert not result.complete


def test_compliance_current_evidence(personas: Personas) -> None:
    given = EvidenceFactory(
        organisation=personas.org_a,
        requirement=requirement("Public liability insurance"),
        status=EvidenceStatus.VERIFIED,
        expires_on=date(2027, 6, 1),
    )
    [result] = services.compliance(Organisation.objects.filter(pk=personas.org_a.pk), today=TODAY)
    row = next(row for row in result.rows if row.evidence == given)
    assert row.state == services.CURRENT
    assert row.due == date(2027, 6, 1)


def test_compliance_costs_three_queries(personas: Personas, django_assert_num_queries: object) -> None:
    for org in (personas.org_a, personas.org_b):
        member(org)
        EvidenceFactory(organisation=org, requirement=requirement("Governing document"))
    with django_assert_num_queries(3):  # type: ignore[operator]
        results = services.compliance(today=TODAY)
    assert {result.organisation for result in results} == {personas.org_a, personas.org_b}


def test_compliance_totals_count_what_compliance_finds_row_by_row(personas: Personas) -> None:
    """The database's counts agree with `state_of`, around every boundary: due today, due in 60
    and 61 days, renewal from the issue date or (with none) the day it was given, month ends."""
    from datetime import datetime, timedelta

    from django.utils import timezone

    from consortia.directory.tests.factories import OrganisationFactory

    requirements = list(Requirement.objects.filter(active=True).order_by("order", "name"))
    statuses = [EvidenceStatus.VERIFIED, EvidenceStatus.SUBMITTED, EvidenceStatus.VERIFIED, EvidenceStatus.REJECTED]
    tiers = [Tier.FULL, Tier.ASSOCIATE, Tier.PARTNER]
    offsets = [0, 1, 59, 60, 61, 62, -1, 400]
    for index in range(9):
        org = OrganisationFactory(name=f"Member {index}")
        member(org, tier=tiers[index % 3])
        for number, req in enumerate(requirements):
            if (index + number) % 5 == 0:
                continue  # missing
            offset = timedelta(days=offsets[(index + number) % len(offsets)])
            status = statuses[(index * 7 + number) % len(statuses)]
            if req.needs_expiry:
                EvidenceFactory(organisation=org, requirement=req, status=status, expires_on=TODAY + offset)
                continue
            start = services.add_months(TODAY + offset, -req.renewal_months)
            given = EvidenceFactory(
                organisation=org, requirement=req, status=status, issued_on=None if number % 3 == 0 else start
            )
            if number % 3 == 0:  # no issue date: renewal runs from the day it was given
                created = datetime.combine(start, datetime.min.time(), tzinfo=timezone.get_current_timezone())
                given.created = created + timedelta(minutes=30)
                given.save()  # keeps the given `created` and derives the renewal date from it
    old = Evidence.objects.filter(organisation__name="Member 1").first()
    assert old is not None
    replaced = EvidenceFactory(
        organisation=old.organisation, requirement=old.requirement, status=EvidenceStatus.VERIFIED
    )
    Evidence.objects.filter(pk=old.pk).update(superseded_by=replaced)
    non_member = OrganisationFactory(name="Not a member")
    EvidenceFactory(organisation=non_member, requirement=requirements[0], status=EvidenceStatus.REJECTED)

    members = Organisation.objects.filter(membership__isnull=False)
    results = services.compliance(members, today=TODAY, user=personas.manager)
    expected = {
        state: sum(len(result.having(state)) for result in results)
        for state in (services.REJECTED, services.EXPIRED, services.WAITING, services.EXPIRING, services.CURRENT)
    }
    expected[services.MISSING] = sum(len(result.missing_mandatory) for result in results)
    expected["members"] = len(results)
    assert all(expected[state] for state in expected)  # every state occurs, so each count is tested
    assert services.compliance_totals(members, today=TODAY, user=personas.manager) == expected


def row_by_row(today: date) -> dict[str, int]:
    """What `compliance_totals` should say, worked out member by member by `compliance`."""
    results = services.compliance(Organisation.objects.filter(membership__isnull=False), today=today)
    expected = {
        state: sum(len(result.having(state)) for result in results)
        for state in (services.REJECTED, services.EXPIRED, services.WAITING, services.EXPIRING, services.CURRENT)
    }
    expected[services.MISSING] = sum(len(result.missing_mandatory) for result in results)
    expected["members"] = len(results)
    return expected


def test_compliance_totals_follow_evidence_through_upload_replacement_checking_and_time(personas: Personas) -> None:
    """The counts read the stored state (current or replaced, status, renewal date) and compare
    the renewal date with the day asked about, so each step of the evidence's life moves them."""
    member(personas.org_a, tier=Tier.PARTNER)
    members = Organisation.objects.filter(membership__isnull=False)

    def totals(today: date = TODAY) -> dict[str, int]:
        counted = services.compliance_totals(members, today=today, user=personas.manager)
        assert counted == row_by_row(today)
        return {state: count for state, count in counted.items() if count and state not in ("members", "missing")}

    mandatory = sum(requirement.mandatory_partner for requirement in Requirement.objects.filter(active=True))
    assert totals() == {}
    assert services.compliance_totals(members, today=TODAY, user=personas.manager)["missing"] == mandatory
    first = insurance(personas, expires_on=date(2027, 3, 31))  # uploaded
    assert totals() == {services.WAITING: 1}
    assert totals(date(2027, 4, 1)) == {services.EXPIRED: 1}  # not checked in time
    services.verify_evidence(first, personas.manager)
    assert totals() == {services.CURRENT: 1}
    assert totals(date(2027, 1, 30)) == {services.EXPIRING: 1}  # within 60 days of its expiry
    assert totals(date(2027, 3, 31)) == {services.EXPIRING: 1}  # its last day
    assert totals(date(2027, 4, 1)) == {services.EXPIRED: 1}  # the day after
    second = insurance(personas, issued_on=date(2027, 3, 1), expires_on=date(2028, 2, 29))  # replaces it
    assert totals(date(2027, 4, 1)) == {services.WAITING: 1}  # the replaced one no longer counts
    services.reject_evidence(second, "The certificate names another organisation.", personas.manager)
    assert totals(date(2027, 4, 1)) == {services.REJECTED: 1}
    assert totals(date(2028, 3, 1)) == {services.REJECTED: 1}  # rejected whatever the date


def test_compliance_totals_leave_out_requirements_no_longer_asked_for(personas: Personas) -> None:
    member(personas.org_a, tier=Tier.FULL)
    member(personas.org_b, tier=Tier.ASSOCIATE)
    for org in (personas.org_a, personas.org_b):
        EvidenceFactory(organisation=org, requirement=requirement("Governing document"), issued_on=TODAY)
        EvidenceFactory(organisation=org, requirement=requirement("Safeguarding policy"), issued_on=TODAY)
    Requirement.objects.filter(name="Safeguarding policy").update(active=False)
    members = Organisation.objects.filter(membership__isnull=False)
    counted = services.compliance_totals(members, today=TODAY, user=personas.manager)
    assert counted == row_by_row(TODAY)
    assert counted[services.WAITING] == 2  # the governing documents only
    # Someone who may not see the requirements is shown nothing counted against them.
    nobody = services.compliance_totals(members, today=TODAY, user=personas.nobody)
    assert nobody == dict.fromkeys(nobody, 0) | {"members": 2}


def test_a_new_renewal_period_moves_the_renewal_date_of_evidence_without_an_expiry(personas: Personas) -> None:
    requirement = Requirement.objects.filter(needs_expiry=False).first()
    assert requirement is not None
    dated = EvidenceFactory(organisation=personas.org_a, requirement=requirement, issued_on=date(2026, 1, 31))
    expiring = EvidenceFactory(
        organisation=personas.org_b, requirement=requirement, issued_on=date(2026, 1, 31), expires_on=date(2026, 6, 30)
    )
    requirement.renewal_months = 1
    requirement.save()
    dated.refresh_from_db()
    expiring.refresh_from_db()
    assert dated.renews_on == date(2026, 2, 28)  # a month after 31 January, the month's last day
    assert expiring.renews_on == date(2026, 6, 30)  # its own expiry date wins
    assert services.state_of(dated, date(2026, 3, 1)) == services.EXPIRED


@pytest.mark.parametrize(
    ("reviews", "status", "eligible"),
    [
        ([(date(2026, 6, 1), Rag.GREEN)], MembershipStatus.ACTIVE, True),
        ([(date(2026, 6, 1), Rag.AMBER)], MembershipStatus.ACTIVE, True),
        ([(date(2026, 6, 1), Rag.RED)], MembershipStatus.ACTIVE, False),
        ([(date(2025, 11, 26), Rag.GREEN)], MembershipStatus.ACTIVE, True),  # exactly 12 months ago
        ([(date(2025, 11, 25), Rag.GREEN)], MembershipStatus.ACTIVE, False),  # older than 12 months
        ([(date(2025, 6, 1), Rag.GREEN), (date(2026, 6, 1), Rag.RED)], MembershipStatus.ACTIVE, False),
        ([(date(2025, 6, 1), Rag.RED), (date(2026, 6, 1), Rag.GREEN)], MembershipStatus.ACTIVE, True),
        ([(date(2026, 6, 1), Rag.GREEN)], MembershipStatus.SUSPENDED, False),
        ([], MembershipStatus.ACTIVE, False),
    ],
)
def test_the_eligibility_rule(personas: Personas, reviews: list[tuple[date, str]], status: str, eligible: bool) -> None:
    member(personas.org_a, status=status, left_on=None)
    for reviewed_on, rag in reviews:
        DueDiligenceReview.objects.create(
            organisation=personas.org_a, year=reviewed_on.year, reviewed_on=reviewed_on, rag=rag, reasons="Reviewed."
        )
    assert services.is_eligible(personas.org_a, TODAY) is eligible
    assert (personas.org_a in services.eligible_organisations(TODAY)) is eligible


def test_no_membership_is_not_eligible(personas: Personas) -> None:
    DueDiligenceReview.objects.create(
        organisation=personas.org_a, year=2026, reviewed_on=date(2026, 6, 1), rag=Rag.GREEN, reasons="Reviewed."
    )
    assert not services.is_eligible(personas.org_a, TODAY)


def test_review_grades(personas: Personas) -> None:
    DueDiligenceReview.objects.create(
        organisation=personas.org_a,
        year=2026,
        reviewed_on=date(2026, 6, 1),
        rag=Rag.AMBER,
        reasons="R",
        action_plan="P",
    )
    DueDiligenceReview.objects.create(
        organisation=personas.org_b, year=2024, reviewed_on=date(2024, 6, 1), rag=Rag.GREEN, reasons="R"
    )
    grades = services.review_grades([personas.org_a, personas.org_b], TODAY)
    assert grades == {personas.org_a.pk: "amber", personas.org_b.pk: "none"}


def test_add_months() -> None:
    assert services.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert services.add_months(date(2026, 11, 26), -12) == date(2025, 11, 26)
    assert services.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
