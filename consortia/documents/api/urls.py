"""The documents' API routes; `consortia.api` gathers every app's `routes`."""

from consortia.documents.api import views

routes = [("documents", views.GeneratedDocumentViewSet, "generateddocument")]
