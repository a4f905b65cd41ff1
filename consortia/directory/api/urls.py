"""The directory's API routes; `consortia.api` gathers every app's `routes`."""

from consortia.directory.api import views

routes = [
    ("organisations", views.OrganisationViewSet, "organisation"),
    ("contacts", views.ContactViewSet, "contact"),
    ("areas", views.AreaViewSet, "area"),
]
