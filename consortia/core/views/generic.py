"""Generic record views, declared per model through a `RecordViews` class.

An app writes, per model, a `RecordViews` subclass naming its table, filterset, form and
importer; `RecordViews.urls()` gives the list, detail, history, add, edit, delete and import
routes, all named `<app>:<model>_<action>`. Every view reads through
`RestrictedQuerySet.restrict()`, so scoping cannot be forgotten in one of them.
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
import django_tables2 as tables
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils.text import slugify
from django.views import View

from consortia.core.exports import export_response
from consortia.core.formats import pounds
from consortia.core.forms import BaseModelForm
from consortia.core.guard import SENT_TWICE, STALE_EDIT, FormGuard
from consortia.core.history import history_entries
from consortia.core.htmx import wants_partial
from consortia.core.imports import Importer
from consortia.core.models import RestrictedQuerySet, route_name
from consortia.core.search import text_query
from consortia.core.sensitive import opened
from consortia.core.services import StaleEditError, save_form, start_import


class RecordViews:
    """Everything the generic views need to know about one record type."""

    model: ClassVar[type[models.Model]]
    table: ClassVar[type[tables.Table]]
    filterset: ClassVar[type[django_filters.FilterSet]]
    form: ClassVar[type[BaseModelForm] | None] = None
    importers: ClassVar[list[type[Importer]]] = []
    detail_fields: ClassVar[list[str]] = []
    search_fields: ClassVar[tuple[str, ...]] = ()
    search_description: ClassVar[str | None] = None  # a field shown under each search result
    menu_group: ClassVar[tuple[str, int] | None] = None
    menu_order: ClassVar[int] = 100
    url_slug: ClassVar[str | None] = None

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        """The base queryset with the joins the table and detail page need (override to add)."""
        return cls.model._default_manager.all()  # type: ignore[return-value]

    @classmethod
    def search(cls, queryset: RestrictedQuerySet, text: str) -> RestrictedQuerySet:
        """The rows the search box finds for `text` (override to use a full-text index)."""
        return queryset.filter(text_query(cls.search_fields, text, cls.model))

    @classmethod
    def after_save(cls, request: HttpRequest, obj: Any, created: bool) -> None:
        """Called after the edit page saved `obj` (e.g. to send an invitation to a new user)."""

    @classmethod
    def save(cls, form: ModelForm, user: Any, seen_version: str | None) -> Any:
        """Save the valid edit form (override to go through a service, e.g. numbering a variation).

        May raise ValidationError, shown on the form; raises StaleEditError for a stale edit."""
        return save_form(form, user, seen_version)

    @classmethod
    def delete(cls, obj: Any, user: Any) -> None:
        """Delete the record (override to go through a service that undoes its effects)."""
        obj.delete()

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        """Plain-English reasons `obj` must not be deleted, beyond records that refer to it."""
        return []

    @classmethod
    def shown_fields(cls) -> list[str]:
        """The detail page's fields: `detail_fields`, or else the edit form's, in its order."""
        if cls.detail_fields:
            return list(cls.detail_fields)
        meta = getattr(cls.form, "Meta", None)
        return list(getattr(meta, "fields", None) or [])

    @classmethod
    def edit_blockers(cls, obj: Any) -> list[str]:
        """Plain-English reasons `obj` must not be changed now (e.g. it is approved and locked)."""
        return []

    @classmethod
    def slug(cls) -> str:
        return cls.url_slug or slugify(str(cls.model._meta.verbose_name_plural))

    @classmethod
    def urls(cls) -> list[URLPattern]:
        name = cls.model._meta.model_name
        slug = cls.slug()
        patterns = [
            path(f"{slug}/", ObjectListView.as_view(record=cls), name=f"{name}_list"),
            path(f"{slug}/<int:pk>/", ObjectDetailView.as_view(record=cls), name=f"{name}_detail"),
            path(f"{slug}/<int:pk>/history/", ObjectHistoryView.as_view(record=cls), name=f"{name}_history"),
        ]
        if cls.form is not None:
            patterns += [
                path(f"{slug}/add/", ObjectEditView.as_view(record=cls), name=f"{name}_add"),
                path(f"{slug}/<int:pk>/edit/", ObjectEditView.as_view(record=cls), name=f"{name}_edit"),
                path(f"{slug}/<int:pk>/delete/", ObjectDeleteView.as_view(record=cls), name=f"{name}_delete"),
            ]
        if cls.importers:
            patterns.append(path(f"{slug}/import/", ObjectImportView.as_view(record=cls), name=f"{name}_import"))
        return patterns


class RecordView(LoginRequiredMixin, View):
    """Base of the generic views: login, the model permission, and the restricted queryset."""

    record: type[RecordViews] | None = None
    action = "view"

    def permission_actions(self) -> list[str]:
        return [self.action]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        meta = self.model._meta
        for action in self.permission_actions():
            if not request.user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}"):
                raise PermissionDenied(f"You do not have permission to {action} {meta.verbose_name_plural}.")
        return super().dispatch(request, *args, **kwargs)

    @property
    def model(self) -> type[models.Model]:
        assert self.record is not None
        return self.record.model

    def get_queryset(self, action: str | None = None) -> RestrictedQuerySet:
        assert self.record is not None
        return self.record.queryset().restrict(self.request.user, action or self.action)

    def get_object(self, action: str | None = None) -> Any:
        obj = get_object_or_404(self.get_queryset(action), pk=self.kwargs["pk"])
        opened(self.request, obj)  # a sensitive record's opening is logged (privacy)
        return obj

    def template(self, suffix: str) -> list[str]:
        meta = self.model._meta
        return [f"{meta.app_label}/{meta.model_name}_{suffix}.html", f"core/object_{suffix}.html"]

    def base_context(self) -> dict[str, Any]:
        meta = self.model._meta
        user = self.request.user
        return {
            "record": self.record,
            "model_meta": meta,
            "routes": {
                action: route_name(self.model, action)
                for action in ("list", "detail", "add", "edit", "delete", "history", "import")
            },
            "can": {
                action: user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}")
                for action in ("add", "change", "delete")
            },
            # Records loaded from open data (DataRecord) keep no change history of ours.
            "history_hidden": not getattr(self.model, "has_change_history", True),
        }


class ObjectListView(RecordView):
    """Filtered, sortable, paginated list with CSV and Excel export of the filtered rows."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        assert self.record is not None
        filterset = self.record.filterset(request.GET or None, queryset=self.get_queryset(), request=request)
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        if filterset.is_bound and not filterset.is_valid():
            queryset = queryset.none()
        table = self.record.table(queryset, request=request)
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            tables.RequestConfig(request, paginate=False).configure(table)
            return export_response(table, export, slugify(str(self.model._meta.verbose_name_plural)))
        tables.RequestConfig(request, paginate={"per_page": settings.LIST_PAGE_SIZE}).configure(table)
        context = self.base_context() | {"table": table, "filterset": filterset}
        if wants_partial(request, "results"):
            return render(request, "core/object_list.html#results", context)
        return render(request, self.template("list"), context)


class ObjectDetailView(RecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object()
        assert self.record is not None
        context = self.base_context() | {
            "object": obj,
            "fields": detail_fields(obj, self.record),
            "tab": "detail",
            "edit_blockers": self.record.edit_blockers(obj),
        }
        return render(request, self.template("detail"), context)


class ObjectHistoryView(RecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not getattr(self.model, "has_change_history", True):
            raise Http404("This record keeps no change history.")
        obj = self.get_object()
        assert self.record is not None
        context = self.base_context() | {
            "object": obj,
            "entries": history_entries(obj, user=request.user),
            "tab": "history",
            "edit_blockers": self.record.edit_blockers(obj),
        }
        return render(request, "core/object_history.html", context)


class ObjectEditView(RecordView):
    """Create and edit. Refuses a stale edit and a create form posted twice."""

    def permission_actions(self) -> list[str]:
        return ["change" if "pk" in self.kwargs else "add"]

    @property
    def action(self) -> str:  # type: ignore[override]
        return self.permission_actions()[0]

    def get_instance(self) -> Any:
        if "pk" in self.kwargs:
            return self.get_object("change")
        return self.model()

    def blocked(self, instance: Any) -> HttpResponse | None:
        """A page saying why `instance` cannot be changed now, or None when it can."""
        assert self.record is not None
        reasons = self.record.edit_blockers(instance) if instance.pk else []
        if not reasons:
            return None
        context = self.base_context() | {"object": instance, "reasons": reasons}
        return render(self.request, "core/object_edit_blocked.html", context, status=409)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        assert self.record is not None
        assert self.record.form is not None
        instance = self.get_instance()
        if refusal := self.blocked(instance):
            return refusal
        initial = {key: value for key, value in request.GET.items() if key in self.record.form.base_fields}
        form = self.record.form(instance=instance, initial=initial, user=request.user)
        return self.render_form(form, instance, FormGuard.open(request, {"": instance}))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        assert self.record is not None
        assert self.record.form is not None
        instance = self.get_instance()
        if refusal := self.blocked(instance):
            return refusal
        guard = FormGuard.posted(request)
        if (saved := guard.saved()) is not None:
            # The same form arriving again (double click, browser resend): show what the first
            # one saved rather than saving it twice, or calling the first save someone else's.
            messages.info(request, SENT_TWICE)
            first = self.get_queryset("view").filter(pk=saved).first()  # deleted since: the list
            return HttpResponseRedirect(first.get_absolute_url() if first else reverse(route_name(self.model, "list")))
        form = self.record.form(request.POST, request.FILES, instance=instance, user=request.user)
        creating = instance.pk is None
        if form.is_valid():
            try:
                obj: Any = self.record.save(form, request.user, None if creating else guard.seen())
            except StaleEditError:
                form.add_error(None, STALE_EDIT)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                guard.done(obj.pk)
                verb = "Created" if creating else "Saved"
                messages.success(request, f"{verb} {obj._meta.verbose_name} “{obj}”.")
                self.record.after_save(request, obj, creating)
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(form, instance, guard)

    def render_form(self, form: ModelForm, instance: models.Model, guard: FormGuard) -> HttpResponse:
        context = self.base_context() | {"form": form, "object": instance if instance.pk else None, "guard": guard}
        return render(self.request, self.template("edit"), context)


class ObjectDeleteView(RecordView):
    action = "delete"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object()
        assert self.record is not None
        reasons = self.record.delete_blockers(obj)
        return render(request, "core/object_delete.html", self.base_context() | {"object": obj, "reasons": reasons})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object()
        assert self.record is not None
        reasons = self.record.delete_blockers(obj)
        if reasons:
            return render(
                request,
                "core/object_delete.html",
                self.base_context() | {"object": obj, "reasons": reasons},
                status=409,
            )
        name = str(obj)
        try:
            with transaction.atomic():
                self.record.delete(obj, request.user)
        except ProtectedError as error:
            blockers = list(error.protected_objects)
            context = self.base_context() | {"object": obj, "blockers": blockers[:20], "blocker_count": len(blockers)}
            return render(request, "core/object_delete.html", context, status=409)
        messages.success(request, f"Deleted {self.model._meta.verbose_name} “{name}”.")
        return HttpResponseRedirect(reverse(route_name(self.model, "list")))


class ObjectImportView(RecordView):
    """Upload a CSV or Excel file: every row is checked first; nothing is written unless all are good."""

    def permission_actions(self) -> list[str]:
        return ["add", "change"]

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template("import"), self.import_context())

    def import_context(self, **extra: Any) -> dict[str, Any]:
        assert self.record is not None
        return self.base_context() | {"importers": self.record.importers} | extra

    def post(self, request: HttpRequest) -> HttpResponse:
        assert self.record is not None
        upload = request.FILES.get("file")
        if upload is None:
            return render(request, self.template("import"), self.import_context(problem="Choose a file to import."))
        by_name = {importer.name: importer for importer in self.record.importers}
        chosen = by_name.get(request.POST.get("format", ""))
        importer_class = chosen or Importer.detect(self.record.importers, upload)
        check_only = request.POST.get("check_only") == "1"
        if upload.size is not None and upload.size > settings.IMPORT_INLINE_MAX_BYTES:
            # A big file is worked in the background; its page shows the progress and the result.
            job = start_import(self.model, importer_class, upload, request.user, check_only)
            return HttpResponseRedirect(job.get_absolute_url())
        importer = importer_class(user=request.user)
        result = importer.run(upload, commit=not check_only)
        return render(
            request,
            self.template("import"),
            self.import_context(result=result, importer=importer, filename=upload.name),
            status=200 if result.ok else 422,
        )


def detail_fields(obj: models.Model, record: type[RecordViews] | None) -> list[tuple[str, Any]]:
    """(label, value) pairs for the detail page, in the order the RecordViews declares."""
    assert record is not None
    rows: list[tuple[str, Any]] = []
    for name in record.shown_fields():
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            value = getattr(obj, name)
            rows.append((name.replace("_", " ").capitalize(), value() if callable(value) else value))
            continue
        label = str(getattr(field, "verbose_name", name)).capitalize()
        if field.many_to_many:
            rows.append((label, ", ".join(str(item) for item in getattr(obj, name).all())))
        elif getattr(field, "choices", None):
            rows.append((label, getattr(obj, f"get_{name}_display")()))
        elif getattr(field, "is_money", False) and getattr(obj, name) is not None:
            rows.append((label, pounds(getattr(obj, name))))
        else:
            rows.append((label, getattr(obj, name)))
    return rows
