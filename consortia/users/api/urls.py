"""The users app's API routes; `consortia.api` gathers every app's `routes`."""

from consortia.users.api import views

routes = [("users", views.UserViewSet, "user")]
