"""The generic pages and API of the privacy record types (the core kit's tests)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests, RecordViewTests
from consortia.directory.models import Organisation
from consortia.privacy.models import ErasureRecord, SensitiveView, SubjectAccessRequest
from consortia.privacy.views import ErasureRecordViews, SensitiveViewViews, SubjectAccessRequestViews
from consortia.users.testing import Personas


def request_for(personas: Personas, organisation: Organisation, index: int = 0) -> SubjectAccessRequest:
    return SubjectAccessRequest.objects.create(subject_name=f"Person {index} of {organisation.name}")


def erasure(personas: Personas, organisation: Organisation, index: int = 0) -> ErasureRecord:
    return ErasureRecord.objects.create(erased_by=personas.manager, reference=f"Request {index} {organisation.name}")


def sensitive_view(personas: Personas, organisation: Organisation, index: int = 0) -> SensitiveView:
    return SensitiveView.objects.create(
        user=personas.manager,
        kind="DBS check evidence",
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=organisation.pk,
        record_name=f"Record {index} of {organisation.name}",
        view_name="members:evidence_detail",
        path="/members/evidence/1/",
    )


class TestSubjectAccessRequestViews(EditableRecordTests):
    record = SubjectAccessRequestViews
    member_can_view = False
    read_only_can_view = False  # the hub manager's alone
    # session, user, the user's permissions (group and own), count, the page of rows
    list_queries = 6
    make = staticmethod(request_for)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "subject_name": "Jo Bloggs",
            "subject_email": "jo@example.org",
            "requested_by": "Jo",
            "received_on": "02/11/2026",
        }


class TestErasureRecordViews(RecordViewTests):
    record = ErasureRecordViews
    member_can_view = False
    read_only_can_view = False
    # session, user, the user's permissions (group and own), count, the page of rows (with who erased)
    list_queries = 6
    make = staticmethod(erasure)


class TestSensitiveViewViews(RecordViewTests):
    record = SensitiveViewViews
    member_can_view = False
    read_only_can_view = False
    # session, user, the user's permissions (group and own), count, the page of rows (with who)
    list_queries = 6
    make = staticmethod(sensitive_view)


class TestSubjectAccessRequestApi(RecordApiTests):
    basename = "subjectaccessrequest"
    model = SubjectAccessRequest
    member_can_view = False
    read_only_can_view = False
    change = {"notes": "Identity checked"}
    make = staticmethod(request_for)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"subject_name": "Jo Bloggs", "subject_email": "jo@example.org", "received_on": "2026-11-02"}


class TestErasureRecordApi(RecordApiTests):
    basename = "erasurerecord"
    model = ErasureRecord
    writable = False
    member_can_view = False
    read_only_can_view = False
    make = staticmethod(erasure)


class TestSensitiveViewApi(RecordApiTests):
    basename = "sensitiveview"
    model = SensitiveView
    writable = False
    member_can_view = False
    read_only_can_view = False
    make = staticmethod(sensitive_view)
