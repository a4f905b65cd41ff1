"""Staff: who counts as shared staff.

A hub's staff may be employed by the consortium itself, by one of its members or by an
infrastructure body such as a CVS. Staff employed by someone other than the consortium are
"shared": they record their time so the consortium can check what it recharges against the cost
of the hours it was given. There is no record yet saying which organisation is the consortium,
so the rule is read from the employer's roles in the directory: an employer that is a member or
an infrastructure body employs shared staff. The rule lives here and nowhere else.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from consortia.directory.choices import OrganisationRoleCode
from consortia.directory.models import Organisation

SHARED_EMPLOYER_ROLES = (OrganisationRoleCode.MEMBER, OrganisationRoleCode.INFRASTRUCTURE)


def shared_employer(employer_path: str = "employer_id") -> Exists:
    """The rule, as a query expression: the organisation at `employer_path` employs shared staff."""
    holders = Organisation.roles.through.objects.filter(
        organisation_id=OuterRef(employer_path), organisationrole__code__in=SHARED_EMPLOYER_ROLES
    )
    return Exists(holders)


def with_shared(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Staff members annotated with `shared` (True when their employer is a member or a CVS)."""
    return queryset.annotate(shared=shared_employer())


def is_shared(staff: Any) -> bool:
    """Whether one staff member is shared: the annotation when the row has it, else a query."""
    annotated = getattr(staff, "shared", None)
    if annotated is not None:
        return bool(annotated)
    if staff.employer_id is None:
        return False
    return Organisation.objects.filter(pk=staff.employer_id).filter(shared_employer("pk")).exists()
