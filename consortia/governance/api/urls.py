"""The governance app's API routes."""

from consortia.governance.api import views

routes = [*views.routes]
