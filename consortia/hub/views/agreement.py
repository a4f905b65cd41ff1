"""The agreement with the organisation that delivers an outsourced hub, and its specification."""

from __future__ import annotations

from django.urls import URLPattern

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import RecordViews
from consortia.documents.views import document_urls
from consortia.hub.filtersets import agreement as filtersets
from consortia.hub.forms import agreement as forms
from consortia.hub.models import ServiceAgreement
from consortia.hub.services.agreement import KIND, build_service_specification
from consortia.hub.tables import agreement as tables


@register
class ServiceAgreementViews(RecordViews):
    model = ServiceAgreement
    table = tables.ServiceAgreementTable
    filterset = filtersets.ServiceAgreementFilterSet
    form = forms.ServiceAgreementForm
    detail_fields = [
        "provider",
        "decision",
        "status",
        "start",
        "end",
        "fee_amount",
        "payment_terms",
        "reporting",
        "review",
        "exit",
        "signed_on",
    ]
    search_fields = ("title", "provider__name")
    search_description = "provider"
    menu_group = ("Hub", 5)
    menu_order = 70

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return ServiceAgreement.objects.select_related("provider", "decision__chosen_model")


urlpatterns: list[URLPattern] = [
    *ServiceAgreementViews.urls(),
    *document_urls(ServiceAgreementViews, KIND, build_service_specification),
]
