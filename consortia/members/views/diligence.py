"""Due-diligence pages: requirements, evidence (with its file, and the hub's check of it), the
yearly reviews, and the compliance dashboard."""

from __future__ import annotations

from datetime import timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.uploads import private_file_response
from consortia.core.views.generic import ObjectDetailView, RecordView, RecordViews
from consortia.directory.models import Organisation
from consortia.members.choices import EvidenceStatus
from consortia.members.filtersets import diligence as filtersets
from consortia.members.forms import diligence as forms
from consortia.members.models import DueDiligenceReview, Evidence, Requirement
from consortia.members.services import diligence as services
from consortia.members.tables import diligence as tables

MENU = ("Members", 20)


@register
class RequirementViews(RecordViews):
    model = Requirement
    table = tables.RequirementTable
    filterset = filtersets.RequirementFilterSet
    form = forms.RequirementForm
    detail_fields = [
        "description",
        "kind",
        "mandatory_full",
        "mandatory_associate",
        "mandatory_partner",
        "renewal_months",
        "verified_by",
        "needs_expiry",
        "needs_cover_amount",
        "needs_dbs_level",
        "active",
        "order",
    ]
    search_fields = ("name", "description")
    search_description = "kind"
    menu_group = MENU
    menu_order = 60
    url_slug = "requirements"


@register
class EvidenceViews(RecordViews):
    model = Evidence
    table = tables.EvidenceTable
    filterset = filtersets.EvidenceFilterSet
    form = forms.EvidenceForm
    detail_fields = [
        "organisation",
        "requirement",
        "status",
        "original_filename",
        "answer",
        "issued_on",
        "expires_on",
        "cover_amount",
        "dbs_level",
        "verified_by",
        "verified_at",
        "rejection_reason",
        "superseded_by",
    ]
    search_fields = ("requirement__name", "organisation__name", "original_filename")
    search_description = "status"
    menu_group = MENU
    menu_order = 62
    url_slug = "evidence"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        # Newest first, like an inbox of what members sent, and read straight off the primary
        # key: sorting tens of thousands of rows by member and requirement for every page was
        # most of the list's time. The column headings still sort by those.
        return Evidence.objects.select_related("organisation", "requirement").order_by("-pk")

    @classmethod
    def after_save(cls, request: HttpRequest, obj: Any, created: bool) -> None:
        if created:
            services.supersede_earlier(obj, request.user)

    @classmethod
    def edit_blockers(cls, obj: Any) -> list[str]:
        if obj.superseded_by_id:
            return ["This evidence has been replaced by newer evidence, and is kept as it was for the record."]
        if obj.status != EvidenceStatus.SUBMITTED:
            return [
                f"This evidence has been checked ({obj.get_status_display().lower()}), so it is kept as it was. "
                "Add new evidence for the requirement instead."
            ]
        return []


@register
class DueDiligenceReviewViews(RecordViews):
    model = DueDiligenceReview
    table = tables.DueDiligenceReviewTable
    filterset = filtersets.DueDiligenceReviewFilterSet
    form = forms.DueDiligenceReviewForm
    detail_fields = [
        "organisation",
        "year",
        "rag",
        "reviewed_on",
        "reviewer",
        "reasons",
        "action_plan",
        "next_review_due",
    ]
    search_fields = ("organisation__name", "year", "rag")
    search_description = "rag"
    menu_group = MENU
    menu_order = 64
    url_slug = "due-diligence-reviews"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return DueDiligenceReview.objects.select_related("organisation", "reviewer")


class EvidenceDetailView(ObjectDetailView):
    """The evidence, a link to its file, and for the hub's staff the buttons to accept or reject it."""

    def base_context(self) -> dict[str, Any]:
        evidence = self.get_object()
        checkable = services.can_check(self.request.user) and not evidence.superseded_by_id
        return super().base_context() | {
            "state": services.STATE_LABELS[services.state_of(evidence, timezone.localdate())]
            if not evidence.superseded_by_id
            else "Replaced by newer evidence",
            "can_verify": checkable and evidence.status != EvidenceStatus.VERIFIED,
            "reject_form": forms.RejectForm() if checkable and evidence.status != EvidenceStatus.REJECTED else None,
        }

    _object: Any = None

    def get_object(self, action: str | None = None) -> Any:
        if self._object is None:
            self._object = super().get_object(action)
        return self._object


class EvidenceFileView(RecordView):
    """The evidence's file, for those who may view the evidence (a member sees only their own):
    never a public media address."""

    record = EvidenceViews

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        evidence = self.get_object()
        name = PurePath(evidence.original_filename).stem or f"{evidence.requirement} - {evidence.organisation}"
        return private_file_response(evidence.file, name)


class EvidenceCheckView(RecordView):
    """Accept (verify) or reject evidence: the hub's staff only."""

    record = EvidenceViews
    action = "change"
    verdict = "verify"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and getattr(request.user, "organisation_id", None) is not None:
            raise PermissionDenied("Only the hub's staff can check evidence.")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        evidence = self.get_object("change")
        try:
            if self.verdict == "verify":
                services.verify_evidence(evidence, request.user)
                messages.success(request, f"Accepted “{evidence}”.")
            else:
                form = forms.RejectForm(request.POST)
                if not form.is_valid():
                    messages.error(request, "Say why the evidence is not accepted, so the member can put it right.")
                    return HttpResponseRedirect(evidence.get_absolute_url())
                services.reject_evidence(evidence, form.cleaned_data["reason"], request.user)
                messages.success(request, f"Rejected “{evidence}”; the member is shown why.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(evidence.get_absolute_url())


# Items shown in each of the dashboard's lists (expiring, expired, waiting, missing).
LIST_LIMIT = 10


class _CountedPaginator(Paginator):
    """A paginator told the number of rows, when the page has counted them already."""

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # `count` is a cached property: this is its value


class ComplianceView(RecordView):
    """The hub's view of members' due diligence: what is expiring, expired, waiting to be checked
    or missing, and each member's review grade and eligibility. A fixed number of queries.

    The counts at the top are across all members (counted by the database); the table and the
    lists below it show a page of members at a time, as a consortium may have thousands."""

    record = EvidenceViews

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and (
            getattr(user, "organisation_id", None) is not None
            or not user.has_perm("members.view_duediligencereview")
            or not user.has_perm("directory.view_organisation")
        ):
            raise PermissionDenied("You do not have permission to see members' due diligence.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        user = request.user
        members = Organisation.objects.restrict(user, "view").filter(membership__isnull=False)
        totals = services.compliance_totals(members, today=today, user=user)
        paginator = _CountedPaginator(members.order_by("name", "pk"), settings.LIST_PAGE_SIZE, totals["members"])
        page = paginator.get_page(request.GET.get("page"))
        results = services.compliance(page.object_list, today=today, user=user)
        grades = services.review_grades([result.organisation for result in results], today=today)
        shown = [result.organisation.pk for result in results]
        eligible = set(services.eligible_organisations(today, among=shown).values_list("pk", flat=True))
        rows = []
        lists: dict[str, list[tuple[Any, Any]]] = {key: [] for key in ("expiring", "expired", "waiting", "missing")}
        for result in results:
            org = result.organisation
            having = {
                "expiring": result.having(services.EXPIRING),
                "expired": result.having(services.EXPIRED),
                "waiting": result.having(services.WAITING),
                "rejected": result.having(services.REJECTED),
                "missing": result.missing_mandatory,
            }
            for key, items in lists.items():
                items.extend((result, row) for row in having[key])
            rows.append(
                {
                    "result": result,
                    "grade": grades.get(org.pk, "none"),
                    "eligible": org.pk in eligible,
                    "counts": {key: len(items) for key, items in having.items()},
                }
            )
        lists["expiring"].sort(key=lambda pair: pair[1].due or today)
        lists["expired"].sort(key=lambda pair: pair[1].due or today)
        context = {
            "rows": rows,
            # The most urgent few of each list: the table above counts them all, member by member.
            "lists": {key: (items[:LIST_LIMIT], len(items)) for key, items in lists.items()},
            "list_limit": LIST_LIMIT,
            "totals": totals,
            "page": page,
            "today": today,
            "horizon": today + timedelta(days=services.EXPIRING_DAYS),
            "expiring_days": services.EXPIRING_DAYS,
            "evidence_list": reverse("members:evidence_list"),  # once, not once a row
        }
        return render(request, "members/diligence/compliance.html", context)


# Hub staff only: member organisations' users can view their own evidence, not this page.
add_menu_item(
    MENU[0],
    MENU[1],
    MenuItem("Due diligence compliance", "members:compliance", "members.view_membershipapplication", order=61),
)


def _with(patterns: list[URLPattern], **views: Any) -> list[URLPattern]:
    """`patterns` with the views named in `views` swapped in."""
    return [path(str(p.pattern), views[p.name], name=p.name) if p.name in views else p for p in patterns]


urlpatterns: list[URLPattern] = [
    path("compliance/", ComplianceView.as_view(), name="compliance"),
    path("evidence/<int:pk>/file/", EvidenceFileView.as_view(), name="evidence_file"),
    path("evidence/<int:pk>/verify/", EvidenceCheckView.as_view(verdict="verify"), name="evidence_verify"),
    path("evidence/<int:pk>/reject/", EvidenceCheckView.as_view(verdict="reject"), name="evidence_reject"),
    *RequirementViews.urls(),
    *_with(
        EvidenceViews.urls(),
        evidence_detail=EvidenceDetailView.as_view(record=EvidenceViews),
    ),
    *DueDiligenceReviewViews.urls(),
]
