"""The hub's workplan: its items, the year-1 template, the timeline and the Excel workplan."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.views.generic import RecordView, RecordViews
from consortia.documents import services as documents
from consortia.hub.filtersets import workplan as filtersets
from consortia.hub.forms import workplan as forms
from consortia.hub.importers.workplan import WorkplanImporter
from consortia.hub.models import WorkplanItem
from consortia.hub.services import workplan as services
from consortia.hub.tables import workplan as tables


@register
class WorkplanItemViews(RecordViews):
    model = WorkplanItem
    table = tables.WorkplanItemTable
    filterset = filtersets.WorkplanItemFilterSet
    form = forms.WorkplanItemForm
    importers = [WorkplanImporter]
    detail_fields = ["function", "lead", "start_month", "end_month", "milestone", "success_measure", "status", "rag"]
    search_fields = ("activity", "milestone")
    search_description = "function"
    menu_group = ("Hub", 5)
    menu_order = 80

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return WorkplanItem.objects.select_related("function", "lead")


class ApplyTemplateView(RecordView):
    """Start an empty workplan from the year-1 template."""

    record = WorkplanItemViews
    action = "add"

    def post(self, request: HttpRequest) -> HttpResponse:
        form = forms.ApplyTemplateForm(request.POST)
        if not form.is_valid():
            messages.error(
                request,
                "Choose the first month of the plan: " + " ".join(str(error) for error in form.errors["start_month"]),
            )
            return HttpResponseRedirect(reverse("hub:workplanitem_list"))
        start = form.cleaned_data["start_month"]
        created = services.apply_year_one_template(start, request.user)
        if created:
            messages.success(
                request,
                f"Added the year-1 template: {len(created)} activities from {services.month_label(start)}. "
                "Name a lead for each and adjust the months to suit.",
            )
        else:
            messages.info(request, "The workplan already has every activity of the year-1 template.")
        return HttpResponseRedirect(reverse("hub:workplan_timeline"))


class TimelineView(RecordView):
    """The workplan as a month-by-month chart, one row per activity, grouped by strand.

    Queries: the sign-in and permissions, then the items with their strand and lead (one).
    """

    record = WorkplanItemViews

    def get(self, request: HttpRequest) -> HttpResponse:
        plan = services.timeline(self.get_queryset())
        context = self.base_context() | {
            "plan": plan,
            "column_count": 4 + len(plan.months),
            "can_export": request.user.has_perm("documents.add_generateddocument"),
        }
        return render(request, "hub/workplan/timeline.html", context)


class ExportView(RecordView):
    """The whole workplan as an Excel workbook, kept among the generated documents."""

    record = WorkplanItemViews

    def get(self, request: HttpRequest) -> FileResponse:
        if not request.user.has_perm("documents.add_generateddocument"):
            raise PermissionDenied("You do not have permission to generate documents.")
        built = services.build_workplan_workbook(list(self.get_queryset()))
        document = documents.store(built, kind=services.KIND, source=None, user=request.user)
        return documents.download(document)


add_menu_item("Hub", 5, MenuItem("Workplan timeline", "hub:workplan_timeline", "hub.view_workplanitem", order=82))

urlpatterns: list[URLPattern] = [
    *WorkplanItemViews.urls(),
    path("workplan/template/", ApplyTemplateView.as_view(), name="workplan_template"),
    path("workplan/timeline/", TimelineView.as_view(), name="workplan_timeline"),
    path("workplan/export/", ExportView.as_view(), name="workplan_export"),
]
