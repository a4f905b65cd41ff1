"""Declared interests: who is connected to which organisation, so decisions can leave them out."""

from __future__ import annotations

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import RecordViews
from consortia.people.filtersets.interests import DeclaredInterestFilterSet, InterestReturnFilterSet
from consortia.people.forms.interests import DeclaredInterestForm, InterestReturnForm
from consortia.people.models import DeclaredInterest, InterestReturn
from consortia.people.tables.interests import DeclaredInterestTable, InterestReturnTable
from consortia.people.views.roles import MENU


@register
class DeclaredInterestViews(RecordViews):
    model = DeclaredInterest
    table = DeclaredInterestTable
    filterset = DeclaredInterestFilterSet
    form = DeclaredInterestForm
    search_fields = ("person__full_name", "organisation__name")
    search_description = "details"
    menu_group = MENU
    menu_order = 60

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return DeclaredInterest.objects.select_related("person", "organisation")


@register
class InterestReturnViews(RecordViews):
    """The yearly confirmations that people's entries in the register are complete and current."""

    model = InterestReturn
    table = InterestReturnTable
    filterset = InterestReturnFilterSet
    form = InterestReturnForm
    search_fields = ("person__full_name",)
    menu_group = MENU
    menu_order = 62

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return InterestReturn.objects.select_related("person")


urlpatterns = [*DeclaredInterestViews.urls(), *InterestReturnViews.urls()]
