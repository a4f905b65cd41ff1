"""Django's admin changelists for the directory, the yardstick the list pages are timed against.

For the benchmark only: the product does not use Django's admin. Each ModelAdmin shows the same
rows and columns as our table (`consortia/directory/tables.py`), reads through the same
queryset as our list (`RecordViews.queryset()`, so the same joins and prefetches), pages by
settings.LIST_PAGE_SIZE and searches the same fields as our filterset, so the two pages do the
same work on the database and differ only in what they render around it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from consortia.directory.filtersets import AreaFilterSet, ContactFilterSet, OrganisationFilterSet
from consortia.directory.models import Area, Contact, Organisation
from consortia.directory.views import AreaViews, ContactViews, OrganisationViews


class BenchAdminSite(admin.AdminSite):
    site_header = "Consortia benchmark admin"
    site_title = "Consortia benchmark admin"

    def has_permission(self, request: HttpRequest) -> bool:
        # The product's User.is_staff is always False (there is no admin in the product). Let in
        # any active hub user; the ModelAdmins still check the model permissions as usual.
        user: Any = request.user
        return bool(user.is_active and user.is_authenticated and user.is_staff_member)


bench_admin_site = BenchAdminSite(name="bench_admin")


@admin.register(Organisation, site=bench_admin_site)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "role_list", "legal_form", "org_id", "town", "postcode", "area")
    list_display_links = ("name",)
    list_filter = ("roles", "legal_form", "charity_register")
    list_select_related = ("area",)  # as our queryset (the admin's default would drop the nullable FK)
    search_fields = OrganisationFilterSet.search_fields
    list_per_page = settings.LIST_PAGE_SIZE

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return OrganisationViews.queryset()

    @admin.display(description="Roles")
    def role_list(self, obj: Organisation) -> str:
        return ", ".join(role.name for role in obj.roles.all())  # from the prefetch


@admin.register(Contact, site=bench_admin_site)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "job_title", "organisation", "email", "phone", "consent")
    list_display_links = ("name",)
    list_filter = ("consent", "preferred_contact")
    list_select_related = ("organisation",)
    search_fields = ContactFilterSet.search_fields
    list_per_page = settings.LIST_PAGE_SIZE

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return ContactViews.queryset()

    @admin.display(description="Name", ordering="last_name")
    def name(self, obj: Contact) -> str:
        return obj.name


@admin.register(Area, site=bench_admin_site)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent")
    list_display_links = ("name",)
    list_filter = ("kind",)
    list_select_related = ("parent",)
    search_fields = AreaFilterSet.search_fields
    list_per_page = settings.LIST_PAGE_SIZE

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return AreaViews.queryset()


def sort_param(model_admin: admin.ModelAdmin, field: str, descending: bool = False) -> str:
    """The admin's `o` value for sorting by a list_display column (position 0 is the action checkbox)."""
    position = list(model_admin.list_display).index(field) + 1
    return f"-{position}" if descending else str(position)
