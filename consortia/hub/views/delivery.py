"""The hub's functions and tasks, who can deliver them, and the RACI matrix of who does what."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone

from consortia.core.htmx import wants_partial
from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.views.generic import RecordView, RecordViews
from consortia.documents.choices import CONTENT_TYPES, DocumentFormat
from consortia.hub.filtersets import delivery as filtersets
from consortia.hub.forms import delivery as forms
from consortia.hub.importers.delivery import HubTaskImporter
from consortia.hub.models import Deliverer, HubFunction, HubTask, TaskAllocation
from consortia.hub.services import delivery as services
from consortia.hub.tables import delivery as tables

MENU = ("Hub", 5)
MATRIX_TEMPLATE = "hub/delivery/raci_matrix.html"


@register
class HubFunctionViews(RecordViews):
    model = HubFunction
    table = tables.HubFunctionTable
    filterset = filtersets.HubFunctionFilterSet
    form = forms.HubFunctionForm
    detail_fields = ["code", "purpose", "order"]
    search_fields = ("name", "code")
    search_description = "code"
    menu_group = MENU
    menu_order = 22
    url_slug = "functions"


@register
class HubTaskViews(RecordViews):
    model = HubTask
    table = tables.HubTaskTable
    filterset = filtersets.HubTaskFilterSet
    form = forms.HubTaskForm
    importers = [HubTaskImporter]
    detail_fields = ["function", "description", "oversees_members", "retired", "order"]
    search_fields = ("name",)
    search_description = "function"
    menu_group = MENU
    menu_order = 24
    url_slug = "tasks"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return HubTask.objects.select_related("function")

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        if obj.allocations.exists():
            return ["Someone is allocated to it in the RACI matrix: retire the task instead, which keeps its history."]
        return []


@register
class DelivererViews(RecordViews):
    model = Deliverer
    table = tables.DelivererTable
    filterset = filtersets.DelivererFilterSet
    form = forms.DelivererForm
    detail_fields = ["kind", "job_role", "organisation", "hours_per_month", "capacity"]
    search_fields = ("name",)
    search_description = "kind"
    menu_group = MENU
    menu_order = 26

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Deliverer.objects.select_related("job_role", "organisation")

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        count = obj.allocations.count()
        if count:
            return [
                f"It holds {count} task allocation{'s' if count != 1 else ''}: give those tasks to someone else "
                "in the RACI matrix first."
            ]
        return []


@register
class TaskAllocationViews(RecordViews):
    model = TaskAllocation
    table = tables.TaskAllocationTable
    filterset = filtersets.TaskAllocationFilterSet
    form = forms.TaskAllocationForm
    search_fields = ("task__name", "deliverer__name")
    search_description = "deliverer"
    menu_group = MENU
    menu_order = 28
    url_slug = "allocations"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return TaskAllocation.objects.select_related("task__function", "deliverer")


add_menu_item("Hub", 5, MenuItem("RACI matrix", "hub:raci_matrix", "hub.view_taskallocation", order=20))


# -- the matrix ------------------------------------------------------------------------------------


def matrix_context(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "matrix": services.raci_matrix(user),
        "may_edit": all(user.has_perm(f"hub.{action}_taskallocation") for action in ("add", "change", "delete")),
        "cell_base": reverse("hub:raci_matrix") + "cell/",
    }


class RaciMatrixView(RecordView):
    """Rows are the active tasks by function, columns who can deliver them, cells the RACI letter."""

    record = TaskAllocationViews

    def get(self, request: HttpRequest) -> HttpResponse:
        context = self.base_context() | matrix_context(request)
        if wants_partial(request, "matrix"):
            return render(request, f"{MATRIX_TEMPLATE}#matrix", context)
        return render(request, MATRIX_TEMPLATE, context)


class RaciCellView(RecordView):
    """Set, change or clear one cell: in place with HTMX, or on a page of its own without script."""

    record = TaskAllocationViews

    def permission_actions(self) -> list[str]:
        return ["add", "change", "delete"]

    def cell(self, task_id: int, deliverer_id: int) -> tuple[HubTask, Deliverer, TaskAllocation | None]:
        user = self.request.user
        task = get_object_or_404(HubTask.objects.restrict(user, "view").select_related("function"), pk=task_id)
        deliverer = get_object_or_404(Deliverer.objects.restrict(user, "view"), pk=deliverer_id)
        allocation = self.get_queryset("change").filter(task=task, deliverer=deliverer).first()
        return task, deliverer, allocation

    def render_form(
        self, form: forms.CellForm, task: HubTask, deliverer: Deliverer, *, status: int = 200
    ) -> HttpResponse:
        context = self.base_context() | {
            "form": form,
            "task": task,
            "deliverer": deliverer,
            "action": f"{reverse('hub:raci_matrix')}cell/{task.pk}/{deliverer.pk}/",
        }
        request = self.request
        if getattr(request, "htmx", False):
            response = render(request, f"{MATRIX_TEMPLATE}#cell_form", context)
            # Errors go back into the cell, not over the whole matrix.
            response["HX-Retarget"] = f"#cell-{task.pk}-{deliverer.pk}"
            response["HX-Reswap"] = "innerHTML"
            return response
        return render(request, "hub/delivery/raci_cell.html", context, status=status)

    def get(self, request: HttpRequest, task: int, deliverer: int) -> HttpResponse:
        task_obj, deliverer_obj, allocation = self.cell(task, deliverer)
        initial = {"raci": allocation.raci, "hours": allocation.hours_per_month} if allocation else {}
        form = forms.CellForm(initial=initial, prefix=f"c{task}-{deliverer}")
        return self.render_form(form, task_obj, deliverer_obj)

    def post(self, request: HttpRequest, task: int, deliverer: int) -> HttpResponse:
        task_obj, deliverer_obj, _ = self.cell(task, deliverer)
        form = forms.CellForm(request.POST, prefix=f"c{task}-{deliverer}")
        if form.is_valid():
            try:
                services.allocate(
                    task_obj, deliverer_obj, form.cleaned_data["raci"], form.cleaned_data["hours"], request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
        if not form.is_valid():
            return self.render_form(form, task_obj, deliverer_obj, status=422)
        if getattr(request, "htmx", False):
            context = self.base_context() | matrix_context(request)
            return render(request, f"{MATRIX_TEMPLATE}#matrix", context)
        messages.success(request, f"Saved who does “{task_obj}”: {deliverer_obj}.")
        return HttpResponseRedirect(f"{reverse('hub:raci_matrix')}#task-{task_obj.pk}")


class RaciExportView(RecordView):
    """The matrix and its flags as an Excel workbook."""

    record = TaskAllocationViews

    def get(self, request: HttpRequest) -> HttpResponse:
        built = services.matrix_workbook(services.raci_matrix(request.user))
        response = HttpResponse(built.content, content_type=CONTENT_TYPES[DocumentFormat.XLSX])
        filename = f"raci-matrix-{timezone.localdate():%Y-%m-%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


urlpatterns: list[URLPattern] = [
    path("raci/", RaciMatrixView.as_view(), name="raci_matrix"),
    path("raci/cell/<int:task>/<int:deliverer>/", RaciCellView.as_view(), name="raci_cell"),
    path("raci/export/", RaciExportView.as_view(), name="raci_export"),
    *HubFunctionViews.urls(),
    *HubTaskViews.urls(),
    *DelivererViews.urls(),
    *TaskAllocationViews.urls(),
]
